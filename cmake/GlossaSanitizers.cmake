# Sanitizer and fuzzing builds. Flags apply to every target of the build, so
# the library, the program and the tests are instrumented alike.
#   GLOSSA_SANITIZE=address,undefined   ASan + UBSan; any report aborts (no recovery)
#   GLOSSA_SANITIZE=thread              TSan (the HTTP server's threads)
#   GLOSSA_FUZZ=ON                      clang's libFuzzer coverage + ASan + UBSan
if(GLOSSA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GLOSSA_FUZZ needs clang (configure with CXX=clang++)")
  endif()
  set(GLOSSA_SANITIZE "address,undefined")
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(GLOSSA_SANITIZE)
  if(NOT GLOSSA_SANITIZE MATCHES "^(address,undefined|undefined,address|address|undefined|thread)$")
    message(FATAL_ERROR "GLOSSA_SANITIZE must be address,undefined or thread, not '${GLOSSA_SANITIZE}'")
  endif()
  add_compile_options(-fsanitize=${GLOSSA_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # GCC's -Wmaybe-uninitialized is unreliable under sanitizers (the GCC manual
  # warns of false positives); here it fires inside libstdc++'s <regex>.
  add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  if(GLOSSA_SANITIZE STREQUAL "thread")
    # GCC notes that TSan does not model std::atomic_thread_fence, which Asio's
    # handler allocator uses; the note is not about Glossa's code.
    add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
  endif()
  add_link_options(-fsanitize=${GLOSSA_SANITIZE})
endif()
if(GLOSSA_SANITIZE AND CMAKE_BUILD_TYPE STREQUAL "Debug")
  add_compile_options(-O1)  # sanitized tests at -O0 run several times slower
endif()
