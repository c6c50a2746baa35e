# add_sql_queries
# ---------------
# Turns annotated SQL into a C++ library at build time.
#
#   add_sql_queries(<target>
#     SCHEMA <files or folders>...      # schema.sql, or a migrations folder (lexical order)
#     QUERIES <files or folders>...     # annotated query files; folders are searched for *.sql
#     [NAMESPACE <ns>]                  # C++ namespace of the generated code, e.g. cruddur::db
#     [OUTPUT_DIR <dir>]                # default: ${CMAKE_CURRENT_BINARY_DIR}/<target>_generated
#     [BASE_DIR <dir>]                  # output paths mirror query paths relative to this;
#                                       # default: the QUERIES folder when there is exactly one,
#                                       # else ${CMAKE_CURRENT_SOURCE_DIR}
#     [DATABASE_URL <url>]              # type against this server instead of a throwaway one
#     [JSON reads|all|none]             # which :one/:many queries get a _json twin (default
#                                       # reads: read-only statements); a query's
#                                       # `-- soong:json on|off` line overrides it
#     [CRUD <[schema.]table>...]        # typed CRUD functions of these tables (docs/crud.md):
#                                       # <table>.crud.hpp/.cpp, outside public
#                                       # <schema>.<table>.crud.hpp/.cpp
#     [TRANSPORTS <libpq|data_api>...]  # default libpq; data_api adds overloads over the RDS
#                                       # Data API (docs/data-api.md) and links soong::aws
#     [PRECOMPILE_HEADERS])             # parse the runtime headers once per target, not once
#                                       # per generated file (see below)
#
# A `-- soong:crud [schema.]table [version=column]` line in a query file asks for the same (CMake
# rereads the file when it changes, for the list of outputs). A table named
# twice in CRUD (`users`, `public.users`) is one request; a table asked for both in CRUD and by
# a `-- soong:crud` line, or by lines in two query files, is a configure error naming both.
#
# Creates the static library <target>, linked to soong::runtime, with OUTPUT_DIR on its
# include path: `#include "activities/create.sql.hpp"` for sql/activities/create.sql.
#
# Each query file's header declares prepare_all_<file>(conn) (activities/create.sql:
# prepare_all_activities_create), each CRUD table's header prepare_all_<table>_crud(conn) (its
# fixed statements), and `#include "<target>.prepare_all.hpp"` declares
# <namespace>::prepare_all(conn), which prepares every statement of every query file and the
# fixed statements of every CRUD table of the target on the connection and throws one
# soong::prepare_error naming each query or CRUD function that no longer prepares (warm-up at
# start, failing fast when the schema drifted). The generator writes these files too (the
# names are its own); CMake only lists them as outputs.
#
# One build step per target runs the generator once over all its query files: one throwaway
# PostgreSQL server types the target's queries the typing cache does not hold (it keeps each query
# file's typed queries, so an edit types that file's only; none when nothing changed),
# and the status line names the target and its files (`soong: <target>: generating a.sql, b.sql`).
# The generator rewrites only the files whose bytes change, so with Ninja (restat) editing one
# .sql file recompiles that file's output (and what includes it) only, and a no-op build runs
# nothing. Makefile generators rerun the step as well but recompile every file of the target.
# SQL errors are printed as `file:line:col: error: ...` diagnostics, fail the build and write no
# file. Typing results are cached in ${CMAKE_BINARY_DIR}/soong-cache, so rerunning the step over
# unchanged inputs (generated files deleted, say) starts no PostgreSQL server.
#
# PRECOMPILE_HEADERS precompiles the runtime headers every generated file includes
# (target_precompile_headers): they are most of a small file's compile (about 0.7 s of CPU with
# g++ 12 at -O2, docs/performance.md, Growth), so a target of many query files compiles faster;
# building the header costs about as much as four small files. Off by default: ccache caches no
# compile that uses a precompiled header unless its sloppiness allows it (pch_defines,
# time_macros), and CMAKE_DISABLE_PRECOMPILE_HEADERS turns it off again.
#
# When OUTPUT_DIR is inside the source tree (checked-in generated code), a CTest test
# `<target>_up_to_date` runs `soong check` and fails when the checked-in files are stale.

# The query files a target's generation step names in the build's status line: all of them up to
# ten, else the first ten and how many more (a line per file would suggest a run per file).
function(_soong_status_files rel_paths out_var)
  list(LENGTH rel_paths count)
  set(shown ${rel_paths})
  if(count GREATER 10)
    list(SUBLIST rel_paths 0 10 shown)
  endif()
  list(JOIN shown ", " text)
  if(count GREATER 10)
    math(EXPR more "${count} - 10")
    string(APPEND text " and ${more} more")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

function(add_sql_queries target)
  cmake_parse_arguments(arg "PRECOMPILE_HEADERS" "NAMESPACE;OUTPUT_DIR;BASE_DIR;DATABASE_URL;JSON"
                        "SCHEMA;QUERIES;CRUD;TRANSPORTS" ${ARGN})
  if(NOT arg_SCHEMA)
    message(FATAL_ERROR "add_sql_queries(${target}): SCHEMA is required")
  endif()
  if(NOT arg_QUERIES)
    message(FATAL_ERROR "add_sql_queries(${target}): QUERIES is required")
  endif()
  if(arg_JSON AND NOT arg_JSON MATCHES "^(reads|all|none)$")
    message(FATAL_ERROR "add_sql_queries(${target}): JSON takes reads, all or none, not ${arg_JSON}")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "add_sql_queries(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET soong::soong)
    message(FATAL_ERROR "add_sql_queries(${target}): the soong::soong executable target is missing; "
                        "use find_package(soong) or add_subdirectory() on soong first")
  endif()

  set(transports libpq)
  foreach(transport IN LISTS arg_TRANSPORTS)
    if(NOT transport MATCHES "^(libpq|data_api)$")
      message(FATAL_ERROR "add_sql_queries(${target}): unknown transport ${transport} "
                          "(TRANSPORTS takes libpq and data_api)")
    endif()
    list(APPEND transports ${transport})
  endforeach()
  list(REMOVE_DUPLICATES transports)
  list(JOIN transports "," transports_arg)

  set(out "${arg_OUTPUT_DIR}")
  if(NOT out)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_generated")
  endif()
  cmake_path(ABSOLUTE_PATH out BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)

  # Schema inputs (a folder means every .sql file below it, as the generator reads it).
  set(schema_args "")
  set(schema_files "")
  foreach(item IN LISTS arg_SCHEMA)
    cmake_path(ABSOLUTE_PATH item BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    list(APPEND schema_args --schema "${item}")
    if(IS_DIRECTORY "${item}")
      file(GLOB_RECURSE found CONFIGURE_DEPENDS "${item}/*.sql")
      list(APPEND schema_files ${found})
    else()
      list(APPEND schema_files "${item}")
    endif()
  endforeach()

  # Query files, each with the folder its output path is relative to.
  set(query_files "")
  list(LENGTH arg_QUERIES query_arg_count)
  set(base "${arg_BASE_DIR}")
  if(NOT base)
    list(GET arg_QUERIES 0 first)
    cmake_path(ABSOLUTE_PATH first BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(query_arg_count EQUAL 1 AND IS_DIRECTORY "${first}")
      set(base "${first}")
    else()
      set(base "${CMAKE_CURRENT_SOURCE_DIR}")
    endif()
  endif()
  cmake_path(ABSOLUTE_PATH base BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
  foreach(item IN LISTS arg_QUERIES)
    cmake_path(ABSOLUTE_PATH item BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(IS_DIRECTORY "${item}")
      file(GLOB_RECURSE found CONFIGURE_DEPENDS "${item}/*.sql")
      list(SORT found)
      list(APPEND query_files ${found})
    else()
      list(APPEND query_files "${item}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES query_files)
  list(REMOVE_ITEM query_files ${schema_files})

  set(common_args ${schema_args} --out "${out}" --base "${base}"
                  --cache-dir "${CMAKE_BINARY_DIR}/soong-cache")
  if(arg_NAMESPACE)
    list(APPEND common_args --namespace "${arg_NAMESPACE}")
  endif()
  if(arg_DATABASE_URL)
    list(APPEND common_args --database-url "${arg_DATABASE_URL}")
  endif()
  if(NOT transports_arg STREQUAL "libpq")
    list(APPEND common_args --transports "${transports_arg}")
  endif()
  if(arg_JSON)
    list(APPEND common_args --json "${arg_JSON}")
  endif()

  # Every output of the target's one generator run: schema.hpp, the target's prepare_all, each
  # query file's .hpp/.cpp, and the CRUD files (of CRUD and of `-- soong:crud` lines).
  set(sources "${out}/${target}.prepare_all.cpp")
  set(headers "${out}/schema.hpp" "${out}/${target}.prepare_all.hpp")
  set(query_args "")
  set(rel_paths "")
  foreach(file IN LISTS query_files)
    cmake_path(RELATIVE_PATH file BASE_DIRECTORY "${base}" OUTPUT_VARIABLE rel)
    if(rel MATCHES "^\\.\\./")
      message(FATAL_ERROR "add_sql_queries(${target}): ${file} is outside BASE_DIR ${base}")
    endif()
    list(APPEND query_args --queries "${file}")
    list(APPEND rel_paths "${rel}")
    list(APPEND sources "${out}/${rel}.cpp")
    list(APPEND headers "${out}/${rel}.hpp")
    # CRUD files asked for by `-- soong:crud` lines are outputs too (CMake rereads the file
    # when it changes).
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
    file(STRINGS "${file}" crud_lines REGEX "^[ \t]*--[ \t]*soong:crud[ \t]")
    foreach(line IN LISTS crud_lines)
      string(REGEX REPLACE "^[ \t]*--[ \t]*soong:crud[ \t]+([^ \t]+).*$" "\\1" table "${line}")
      string(REGEX REPLACE "^public\\." "" stem "${table}")
      # A table's files have one source: a second `-- soong:crud` line for it in this file
      # adds nothing, one in another file is a configure error naming both files.
      if(DEFINED crud_owner_${stem})
        if(NOT crud_owner_${stem} STREQUAL file)
          message(FATAL_ERROR "add_sql_queries(${target}): CRUD table ${table} is asked for by "
                              "`-- soong:crud` in both ${crud_owner_${stem}} and ${file}; "
                              "ask for it in one place")
        endif()
        continue()
      endif()
      set(crud_owner_${stem} "${file}")
      list(APPEND sources "${out}/${stem}.crud.cpp")
      list(APPEND headers "${out}/${stem}.crud.hpp")
    endforeach()
  endforeach()

  set(crud_args "")
  foreach(table IN LISTS arg_CRUD)
    string(REGEX REPLACE "^public\\." "" stem "${table}")
    # `users` twice (or as `users` and `public.users`) is one request.
    if(DEFINED crud_owner_${stem})
      if(crud_owner_${stem} STREQUAL "CRUD")
        continue()
      endif()
      message(FATAL_ERROR "add_sql_queries(${target}): CRUD table ${table} is also asked for by "
                          "`-- soong:crud` in ${crud_owner_${stem}}; ask for it in one place")
    endif()
    set(crud_owner_${stem} "CRUD")
    list(APPEND crud_args --crud "${table}")
    list(APPEND sources "${out}/${stem}.crud.cpp")
    list(APPEND headers "${out}/${stem}.crud.hpp")
  endforeach()

  # One generator run per target types every query on one throwaway server (starting it is
  # most of a run's time), or on none when the typing cache has the answer. The generator
  # writes a file only when its bytes change, so after an edit Ninja (restat) recompiles only
  # what includes a changed file. The stamp, always touched, is the output build tools without
  # restat (Makefiles) compare against, so they do not rerun the step forever; they then treat
  # every output as new and recompile all of the target's files.
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${target}.soong.stamp")
  _soong_status_files("${rel_paths}" status_files)
  set(prepare_all_args --prepare-all "${target}")
  set(generate_commands COMMAND soong::soong generate ${common_args} ${query_args} ${crud_args}
                                ${prepare_all_args})
  if(NOT query_files)
    # A QUERIES folder without .sql files yet: the shared types, and the CRUD files if any
    # (the target's prepare_all comes with the last run, which knows every CRUD table).
    if(crud_args)
      set(generate_commands COMMAND soong::soong generate ${common_args} --schema-header-only
                            COMMAND soong::soong generate ${common_args} ${crud_args} --crud-only
                                    ${prepare_all_args})
    else()
      set(generate_commands COMMAND soong::soong generate ${common_args} --schema-header-only
                                    ${prepare_all_args})
    endif()
    set(status_files "schema types")
  endif()
  add_custom_command(
    OUTPUT "${stamp}" ${headers} ${sources}
    ${generate_commands}
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS ${query_files} ${schema_files} soong::soong
    COMMENT "soong: ${target}: generating ${status_files}"
    VERBATIM)

  add_library(${target} STATIC ${sources} ${headers})
  target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${out}>")
  target_link_libraries(${target} PUBLIC soong::runtime)
  if("data_api" IN_LIST transports)
    target_link_libraries(${target} PUBLIC soong::aws)
  endif()
  target_compile_features(${target} PUBLIC cxx_std_20)
  if(arg_PRECOMPILE_HEADERS)
    # What the generated query files include (generator/src/emit/runtime_includes.cpp).
    target_precompile_headers(${target} PRIVATE <soong/execute.hpp> <soong/prepare_all.hpp>
                              <soong/struct_fields.hpp> <soong/cluster_target.hpp>
                              <soong/chrono_types.hpp> <soong/uuid.hpp> <soong/version.hpp>)
  endif()

  # Checked-in output: a test that fails when it is stale, naming the command that fixes it.
  cmake_path(IS_PREFIX CMAKE_SOURCE_DIR "${out}" NORMALIZE out_in_source)
  if(out_in_source AND NOT out MATCHES "^${CMAKE_BINARY_DIR}")
    set(check_args ${schema_args} --out "${out}" --base "${base}")
    if(arg_NAMESPACE)
      list(APPEND check_args --namespace "${arg_NAMESPACE}")
    endif()
    if(arg_JSON)
      list(APPEND check_args --json "${arg_JSON}")
    endif()
    foreach(file IN LISTS query_files)
      list(APPEND check_args --queries "${file}")
    endforeach()
    list(APPEND check_args ${crud_args} ${prepare_all_args})
    if(NOT transports_arg STREQUAL "libpq")
      list(APPEND check_args --transports "${transports_arg}")
    endif()
    add_test(NAME ${target}_up_to_date COMMAND soong::soong check ${check_args})
  endif()
endfunction()
