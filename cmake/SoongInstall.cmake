# Install and export rules (only when soong is the top-level project): headers, the runtime
# libraries (soong::runtime, soong::aws), the generator, and a package config for
# find_package(soong).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(soong_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/soong")

install(TARGETS soong_runtime soong_print soong_aws soong EXPORT soongTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY runtime/include/soong DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT soongTargets NAMESPACE soong:: DESTINATION ${soong_cmake_dir})

configure_package_config_file(cmake/soongConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/soongConfig.cmake" INSTALL_DESTINATION ${soong_cmake_dir})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/soongConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/soongConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/soongConfigVersion.cmake"
              cmake/SoongAddSqlQueries.cmake
        DESTINATION ${soong_cmake_dir})
