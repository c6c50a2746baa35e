# Runs the crud_named_twice project in one MODE (cmake -P, with SOURCE_DIR, WORK_DIR, MODE and
# NINJA set) and fails unless it behaves: `repeated` configures and its build
# plan loads (ninja refuses a plan where two rules write one file), the others stop at
# configure time with a message naming both places.
set(build "${WORK_DIR}/${MODE}")
file(REMOVE_RECURSE "${build}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/cmake/crud_named_twice" -B "${build}"
          -G Ninja "-DCMAKE_MAKE_PROGRAM=${NINJA}" -DMODE=${MODE} "-DSOONG_SOURCE_DIR=${SOURCE_DIR}"
  RESULT_VARIABLE configured OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(MODE STREQUAL "repeated")
  if(NOT configured EQUAL 0)
    message(FATAL_ERROR "configure failed:\n${out}${err}")
  endif()
  execute_process(COMMAND "${NINJA}" -C "${build}" -n RESULT_VARIABLE planned
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT planned EQUAL 0)
    message(FATAL_ERROR "the build plan does not load:\n${out}${err}")
  endif()
  return()
endif()
if(configured EQUAL 0)
  message(FATAL_ERROR "configure succeeded; expected an error naming both requests")
endif()
string(REPLACE "\n" " " err "${err}")
string(REGEX REPLACE " +" " " err "${err}")
if(MODE STREQUAL "both")
  set(expected "CRUD table public.users is also asked for by `-- soong:crud` in [^ ]*sql/users.sql")
else()
  set(expected "CRUD table users is asked for by `-- soong:crud` in both [^ ]*sql/users.sql and [^ ]*sql/more_users.sql")
endif()
if(NOT err MATCHES "${expected}")
  message(FATAL_ERROR "expected /${expected}/ in:\n${err}")
endif()
