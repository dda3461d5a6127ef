#!/usr/bin/env bash
# The two commands of the README.
#   bash build.sh main   install what is missing, build, create ./glossa.db (or $GLOSSA_DB)
#                        from examples/content when it is not there yet, run the main job
#   bash build.sh test   install what is missing, build, run the whole test suite (CTest)
# Environment: GLOSSA_BUILD_DIR (default build/main or build/test), GLOSSA_CORPUS_DIR (default ../shared/corpus),
#              GLOSSA_DB (default ./glossa.db), GLOSSA_JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-}
# Separate trees: main is a Release build, test a Debug build with tests.
build_dir=${GLOSSA_BUILD_DIR:-build/$mode}
jobs=${GLOSSA_JOBS:-$(nproc)}

case "$mode" in
  main)
    bash .ci/install-deps
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DGLOSSA_BUILD_TESTS=OFF >/dev/null
    cmake --build "$build_dir" --target glossa -j "$jobs" >/dev/null
    exec bash examples/main-job.sh "$build_dir/glossa"
    ;;
  test)
    bash .ci/install-deps --with-test-tools
    werror=OFF; [[ "${CI:-}" == "true" ]] && werror=ON
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DGLOSSA_BUILD_TESTS=ON \
      -DGLOSSA_WERROR="$werror" ${GLOSSA_CORPUS_DIR:+-DGLOSSA_CORPUS_DIR="$GLOSSA_CORPUS_DIR"} >/dev/null
    cmake --build "$build_dir" -j "$jobs"
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
    ;;
  *)
    echo "usage: bash build.sh main|test" >&2
    exit 2
    ;;
esac
