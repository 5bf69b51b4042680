# The layers of src/ as libraries, linked in one direction only (docs/architecture.md):
#   core -> http -> net;  core -> storage;  platform -> http, storage;  shared -> platform;
#   one library per module -> shared;  app -> everything.
# mosaik_layer(NAME SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...]) makes the library
# mosaik_NAME (alias mosaik::NAME). mosaik_module(NAME ...) does the same for a module folder
# (src/modules/NAME), links it to mosaik::shared and registers it for the app.
function(mosaik_layer name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS")
  add_library(mosaik_${name} STATIC ${arg_SOURCES})
  add_library(mosaik::${name} ALIAS mosaik_${name})
  target_include_directories(mosaik_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(mosaik_${name} PUBLIC ${arg_PUBLIC_LIBS} mosaik_sanitizers
                        PRIVATE mosaik_warnings ${arg_PRIVATE_LIBS})
  add_dependencies(mosaik_${name} mosaik_layer_check)
endfunction()

function(mosaik_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PRIVATE_LIBS;DEMO")
  set(sources ${arg_SOURCES})
  if(arg_DEMO)
    # The module's demo data (src/modules/NAME/demo/*.json), embedded into the binaries.
    set(embedded ${CMAKE_CURRENT_BINARY_DIR}/${name}_demo_data.cpp)
    list(TRANSFORM arg_DEMO PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
    mosaik_embed_files(${name}_demo ${embedded} mosaik::modules::${name}::demo
                       ${CMAKE_CURRENT_SOURCE_DIR}/demo ${arg_DEMO})
    list(APPEND sources ${embedded})
  endif()
  mosaik_layer(module_${name} SOURCES ${sources} PUBLIC_LIBS mosaik::shared
               PRIVATE_LIBS ${arg_PRIVATE_LIBS})
  set_property(GLOBAL APPEND PROPERTY MOSAIK_MODULE_TARGETS mosaik::module_${name})
endfunction()
