#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (issue #11): builds every genc library, tool and test with
# -fsanitize=address,undefined into build-asan/ (RelWithDebInfo, clang-19)
# and runs scripts/test.sh on it. UB aborts the test that hits it
# (-fno-sanitize-recover). Code genc generates at run time (JIT, artifacts)
# and the system's LLVM/MLIR/OpenBLAS are not instrumented. Leak reports
# are off: LLVM and the runtime keep process-lifetime singletons.
# About 45 minutes on 2 cores; run after scripts/setup.sh.
#
#   scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
B=${GENC_ASAN_BUILD_DIR:-build-asan}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# Also for the apps the find_package tests build against this tree.
# The shared ASan runtime: genc's shared libraries are linked with
# -z defs (no undefined symbols), which the static runtime cannot satisfy.
ASAN_LIB_DIR=$(dirname "$(clang-19 -print-file-name=libclang_rt.asan-x86_64.so)")
export CFLAGS="$SAN" CXXFLAGS="$SAN"
export LDFLAGS="-fsanitize=address,undefined -shared-libasan -Wl,-rpath,$ASAN_LIB_DIR"
if [ ! -f "$B/build.ninja" ]; then
  cmake -G Ninja -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 > /dev/null
fi
ninja -C "$B" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1
GENC_BUILD_DIR=$B ./scripts/test.sh
