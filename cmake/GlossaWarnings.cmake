# glossa_set_warnings(target): the project's warning set; errors when GLOSSA_WERROR is ON.
function(glossa_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wnull-dereference -Wimplicit-fallthrough
    $<$<BOOL:${GLOSSA_WERROR}>:-Werror>)
endfunction()
