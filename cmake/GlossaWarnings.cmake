# glossa_set_warnings(target): the project's warning set; errors when GLOSSA_WERROR is ON.
function(glossa_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wimplicit-fallthrough
    $<$<BOOL:${GLOSSA_WERROR}>:-Werror>
    # GCC 12 at -O2 reports a false -Wrestrict inside std::string's operator+
    # (GCC bug 105329), in code that only concatenates strings.
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
endfunction()
