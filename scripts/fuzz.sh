#!/usr/bin/env bash
# Fuzzing (issue #11): builds the libFuzzer targets of fuzz/ with clang-19
# -fsanitize=fuzzer,address,undefined and runs each for SECONDS (default
# 600) on 1 worker, starting from the seed corpus in fuzz/corpus/<target>/
# (new inputs go to build-fuzz/corpus/<target>/). The parser targets build
# from fuzz/ alone into build-fuzz/; `mlir` (parser + verifiers + the CPU
# pipeline) and `safetensors` need the compiler/frontend, built from the
# main tree with GENC_BUILD_FUZZERS=ON into build-fuzz-compiler/ (the first
# build takes ~15 minutes on 2 cores).
# Prints, per target, executions/s, corpus size and the result; a crash
# leaves its input in build-fuzz/crashes/ and makes the script exit 1.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(tensor_literal npy artifact galaxy_h5 image labels_csv mlir safetensors)
B=build-fuzz
BC=build-fuzz-compiler
needs_compiler() { [ "$1" = mlir ] || [ "$1" = safetensors ]; }
simple=() compiler=()
for t in "${TARGETS[@]}"; do
  if needs_compiler "$t"; then compiler+=("fuzz_$t"); else simple+=("fuzz_$t"); fi
done
if [ ${#simple[@]} -gt 0 ]; then
  if [ ! -f "$B/build.ninja" ]; then
    cmake -G Ninja -S fuzz -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 > /dev/null
  fi
  ninja -C "$B" "${simple[@]}" > /dev/null
fi
if [ ${#compiler[@]} -gt 0 ]; then
  if [ ! -f "$BC/build.ninja" ]; then
    # As scripts/sanitize.sh: the shared ASan runtime (genc's shared
    # libraries are linked with no undefined symbols).
    asan_dir=$(dirname "$(clang-19 -print-file-name=libclang_rt.asan-x86_64.so)")
    san="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    CFLAGS="$san" CXXFLAGS="$san" \
    LDFLAGS="-fsanitize=address,undefined -shared-libasan -Wl,-rpath,$asan_dir" \
      cmake -G Ninja -S . -B "$BC" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
      -DGENC_BUILD_FUZZERS=ON -DGENC_ENABLE_TESTS=OFF > /dev/null
  fi
  ninja -C "$BC" "${compiler[@]}" > /dev/null
fi
mkdir -p "$B/crashes"
status=0
printf '%-16s %8s %10s %8s  %s\n' target seconds "execs/s" corpus result
for t in "${TARGETS[@]}"; do
  corpus="$B/corpus/$t"
  mkdir -p "$corpus"
  log="$B/$t.log"
  # libhdf5 (not instrumented) leaks a few hundred bytes on some malformed
  # files inside H5Fopen, and asks malloc for absurd sizes read from a
  # corrupt header, handling the NULL it gets outside ASan: neither is
  # genc's (ASAN_OPTIONS=allocator_may_return_null=1 lets malloc fail).
  extra=()
  [ "$t" = galaxy_h5 ] && extra=(-detect_leaks=0)
  asan=allocator_may_return_null=0
  [ "$t" = galaxy_h5 ] && asan=allocator_may_return_null=1:detect_leaks=0
  exe="$B/fuzz_$t"
  preload=
  if needs_compiler "$t"; then
    # The shared ASan runtime must be loaded before libFuzzer's libstdc++.
    exe="$BC/bin/fuzz_$t"
    preload=$(clang-19 -print-file-name=libclang_rt.asan-x86_64.so)
  fi
  set +e
  LD_PRELOAD=$preload ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}$asan \
    "$exe" "$corpus" "fuzz/corpus/$t" -max_total_time="$SECONDS_EACH" \
    -print_final_stats=1 -artifact_prefix="$B/crashes/$t-" -rss_limit_mb=4096 \
    -timeout=30 "${extra[@]}" > "$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  files=$(ls "$corpus" | wc -l)
  if [ $rc -eq 0 ]; then result="ok, no finding ($execs runs)"; else
    result="FINDING (exit $rc): see $log and $B/crashes/"; status=1; fi
  printf '%-16s %8s %10s %8s  %s\n' "$t" "$SECONDS_EACH" "$rate" "$files" "$result"
done
exit $status
