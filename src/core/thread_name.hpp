// Names the calling thread ("glossa-write"), so that top -H, perf and a
// debugger tell Glossa's helper threads apart. Linux only; elsewhere nothing.
#pragma once

#if defined(__linux__)
#include <pthread.h>
#endif

namespace glossa::detail {

inline void name_this_thread([[maybe_unused]] const char* name) noexcept {  // at most 15 characters
#if defined(__linux__)
  pthread_setname_np(pthread_self(), name);
#endif
}

}  // namespace glossa::detail
