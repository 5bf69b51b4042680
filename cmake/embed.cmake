# mosaik_embed_files(NAME OUTPUT NAMESPACE ROOT FILES...) generates a .cpp that defines
# `std::string_view NAMESPACE::embedded_file(std::string_view name)` returning the contents of
# each file by its path relative to ROOT (e.g. "cities/dortmund.json" for ROOT demo/), so that the
# binaries carry their demo data and need no install path.
function(mosaik_embed_files name output namespace root)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DROOT=${root}
            "-DFILES=${joined}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding ${name}"
    VERBATIM)
endfunction()
