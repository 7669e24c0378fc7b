# Installs the runtime (library, headers, CMake package genc::runtime) and,
# when they are built, the genc and genc-opt tools.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GENC_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/genc)

install(TARGETS genc_runtime
  EXPORT gencTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/genc
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h"
)
# Seals hand-built artifacts (genc/runtime/Seal.h).
foreach(tool genc-seal genc-run-artifact)
  set_property(TARGET ${tool} APPEND PROPERTY INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endforeach()
# The frontend (genc::genc) and the shared compiler libraries it loads.
if(TARGET genc_frontend)
  set(GENC_COMPILER_LIBS GencIR GencInterpreter GencCompiler GencCompileAPI
      GencInterop)
  foreach(lib genc_frontend ${GENC_COMPILER_LIBS})
    set_property(TARGET ${lib} APPEND PROPERTY INSTALL_RPATH "$ORIGIN")
    set_property(TARGET ${lib} PROPERTY INSTALL_RPATH_USE_LINK_PATH TRUE)
  endforeach()
  install(TARGETS ${GENC_COMPILER_LIBS}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  set_target_properties(genc_frontend PROPERTIES EXPORT_NAME genc)
  install(TARGETS genc_frontend
    EXPORT gencTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/frontend/include/genc
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.h")
endif()

install(EXPORT gencTargets
  NAMESPACE genc::
  FILE gencTargets.cmake
  DESTINATION ${GENC_INSTALL_CMAKEDIR}
)

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/gencConfig.cmake.in
  ${PROJECT_BINARY_DIR}/gencConfig.cmake
  INSTALL_DESTINATION ${GENC_INSTALL_CMAKEDIR}
)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/gencConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion
)
install(FILES
  ${PROJECT_BINARY_DIR}/gencConfig.cmake
  ${PROJECT_BINARY_DIR}/gencConfigVersion.cmake
  DESTINATION ${GENC_INSTALL_CMAKEDIR}
)

# The tools link the shared libMLIR/libLLVM (outside the default search
# path) and possibly genc_runtime, so keep both reachable after install.
foreach(tool genc genc-opt)
  if(TARGET ${tool})
    set_property(TARGET ${tool} APPEND PROPERTY
      INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
    set_property(TARGET ${tool} PROPERTY INSTALL_RPATH_USE_LINK_PATH TRUE)
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()
