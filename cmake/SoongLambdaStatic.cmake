# SOONG_LAMBDA_STATIC: link the Lambda programs (examples/lambda's bootstrap, the benchmark's
# lambda clients) as statically as Debian 12's packages allow, so that a cold start maps and
# relocates fewer shared libraries. See examples/lambda/README.md for what stays shared and why.
include_guard(GLOBAL)
find_package(Threads REQUIRED)

option(SOONG_LAMBDA_STATIC
       "Link the Lambda programs' C++ runtime, libpq and OpenSSL statically where Debian allows"
       OFF)

# libpq.a (libpq-dev) needs PostgreSQL's libpgcommon_shlib.a and libpgport_shlib.a, which Debian
# ships only in postgresql-server-dev-<version>, plus OpenSSL's libssl.a/libcrypto.a
# (libssl-dev). The result is cached (the guard above includes this file once, in whichever
# directory comes first). The _shlib archives are the position-independent ones a PIE program needs.
# GSSAPI (libgssapi_krb5) and LDAP (libldap) have no static archives in Debian 12; libpq.a calls
# them, so they stay shared.
execute_process(COMMAND pg_config --pkglibdir OUTPUT_VARIABLE soong_pg_pkglibdir
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
find_library(SOONG_LIBPQ_STATIC NAMES libpq.a)
find_library(SOONG_PGCOMMON_SHLIB NAMES libpgcommon_shlib.a
             HINTS ${soong_pg_pkglibdir} /usr/lib/postgresql/15/lib)
find_library(SOONG_PGPORT_SHLIB NAMES libpgport_shlib.a
             HINTS ${soong_pg_pkglibdir} /usr/lib/postgresql/15/lib)
find_library(SOONG_SSL_STATIC NAMES libssl.a)
find_library(SOONG_CRYPTO_STATIC NAMES libcrypto.a)
find_library(SOONG_GSSAPI_SHARED NAMES gssapi_krb5 libgssapi_krb5.so.2)
find_library(SOONG_LDAP_SHARED NAMES ldap libldap-2.5.so.0)

if(SOONG_LIBPQ_STATIC AND SOONG_PGCOMMON_SHLIB AND SOONG_PGPORT_SHLIB AND SOONG_SSL_STATIC
   AND SOONG_CRYPTO_STATIC AND SOONG_GSSAPI_SHARED AND SOONG_LDAP_SHARED)
  set(SOONG_STATIC_LIBPQ_FOUND TRUE CACHE INTERNAL "all archives for a static libpq were found")
else()
  set(SOONG_STATIC_LIBPQ_FOUND FALSE CACHE INTERNAL "all archives for a static libpq were found")
endif()

# soong_link_lambda_static(<target> [<static library target>...]): libstdc++ and libgcc inside
# the program always; libpq and OpenSSL too when their archives were found (else a warning).
# The project's static libraries the program uses (for example soong_runtime) are named after
# the program's own: each is then listed before the archives, so the linker resolves their PQ*
# and OpenSSL references from the archives (it searches an archive only for symbols undefined so
# far); the shared libpq and libcrypto they bring later are unused, and --as-needed leaves them
# out of the program.
function(soong_link_lambda_static target)
  target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  if(NOT SOONG_STATIC_LIBPQ_FOUND)
    message(WARNING
      "${target}: libpq stays shared (only libstdc++ and libgcc are static): "
      "libpq.a=${SOONG_LIBPQ_STATIC} libpgcommon_shlib.a=${SOONG_PGCOMMON_SHLIB} "
      "libpgport_shlib.a=${SOONG_PGPORT_SHLIB} libssl.a=${SOONG_SSL_STATIC} "
      "libcrypto.a=${SOONG_CRYPTO_STATIC}. Install postgresql-server-dev-15 (the version of the "
      "installed libpq5) for the two PostgreSQL archives; see examples/lambda/README.md.")
    return()
  endif()
  find_package(PostgreSQL REQUIRED)
  target_include_directories(${target} PRIVATE ${PostgreSQL_INCLUDE_DIRS})
  target_link_options(${target} PRIVATE -Wl,--as-needed)
  target_link_libraries(${target} PRIVATE ${ARGN}
    ${SOONG_LIBPQ_STATIC} ${SOONG_PGCOMMON_SHLIB} ${SOONG_PGPORT_SHLIB}
    ${SOONG_SSL_STATIC} ${SOONG_CRYPTO_STATIC} ${SOONG_GSSAPI_SHARED} ${SOONG_LDAP_SHARED}
    ${CMAKE_DL_LIBS} Threads::Threads)
endfunction()
