# The layers of src/ as build targets (src/layers.txt says which layer may
# include which). Each layer's code compiles with an include path holding
# links to its own folder and to those of the layers beneath it, and nothing
# else of src/: an include the wrong way is "No such file" at once.
#
#   glossa_read_layers(FILE)            reads the matrix, makes the link folders
#   glossa_add_layer(NAME [SOURCES ...] [LIBRARIES ...])
#                                       object library glossa_layer_NAME from src/NAME/
#   glossa_add_app_layer(TARGET TYPE LAYER [LIBRARIES ...])
#                                       TYPE is STATIC or EXECUTABLE (an existing target)

function(glossa_read_layers file)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  file(STRINGS "${file}" lines REGEX "^[a-z0-9/]+:")
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^([a-z0-9/]+):(.*)$" _ "${line}")
    set(layer "${CMAKE_MATCH_1}")
    separate_arguments(below UNIX_COMMAND "${CMAKE_MATCH_2}")
    string(REPLACE "/" "_" id "${layer}")
    set(dir "${PROJECT_BINARY_DIR}/layers/${id}")
    file(REMOVE_RECURSE "${dir}")
    foreach(visible IN LISTS below ITEMS ${layer})
      get_filename_component(parent "${dir}/${visible}" DIRECTORY)
      file(MAKE_DIRECTORY "${parent}")
      file(CREATE_LINK "${PROJECT_SOURCE_DIR}/src/${visible}" "${dir}/${visible}" SYMBOLIC)
    endforeach()
    set_property(GLOBAL PROPERTY GLOSSA_LAYER_DIR_${id} "${dir}")
  endforeach()
endfunction()

# Include path and settings every layer's code compiles with.
function(glossa_layer_settings target layer)
  string(REPLACE "/" "_" id "${layer}")
  get_property(dir GLOBAL PROPERTY GLOSSA_LAYER_DIR_${id})
  if(NOT dir)
    message(FATAL_ERROR "layer '${layer}' is not in src/layers.txt")
  endif()
  target_include_directories(${target} PRIVATE "${dir}" "${PROJECT_SOURCE_DIR}/include" "${PROJECT_BINARY_DIR}/include")
  target_compile_features(${target} PRIVATE cxx_std_20)
  glossa_set_warnings(${target})
endfunction()

function(glossa_add_layer name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBRARIES" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${name}/*.cpp")
  add_library(glossa_layer_${name} OBJECT ${sources} ${arg_SOURCES})
  if(BUILD_SHARED_LIBS)  # its objects go into the shared glossa library
    set_target_properties(glossa_layer_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
  glossa_layer_settings(glossa_layer_${name} ${name})
  if(arg_LIBRARIES)  # for their include paths and definitions; glossa_core links them
    target_link_libraries(glossa_layer_${name} PRIVATE ${arg_LIBRARIES})
  endif()
endfunction()

function(glossa_add_app_layer target type layer)
  cmake_parse_arguments(arg "" "" "LIBRARIES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${layer}/*.cpp")
  if(type STREQUAL "EXECUTABLE")
    target_sources(${target} PRIVATE ${sources})
  else()
    add_library(${target} ${type} ${sources})
  endif()
  glossa_layer_settings(${target} ${layer})
  target_link_libraries(${target} PUBLIC ${arg_LIBRARIES})
endfunction()
