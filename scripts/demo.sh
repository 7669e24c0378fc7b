#!/usr/bin/env bash
# The main job until the galaxy zoo lands: compile a small MLP layer ahead of
# time, run it from a C++ app that links the installed runtime through
# find_package(genc), check it against the interpreter, and benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${GENC_BUILD_DIR:-build}
OUT=$BUILD/demo
mkdir -p "$OUT"
G=$BUILD/bin/genc

echo "== genc run (compiled CPU code vs reference interpreter)"
$G run examples/mlp.mlir --input=@examples/data/x.npy --input=@examples/data/w.npy --input=@examples/data/b.npy
$G run examples/mlp.mlir --backend=interp --input=@examples/data/x.npy --input=@examples/data/w.npy --input=@examples/data/b.npy

echo "== genc compile -> shared library + header, loaded by an app via find_package(genc)"
$G compile examples/mlp.mlir -o "$OUT/mlp.so"
cmake --install "$BUILD" --prefix "$OUT/prefix" >/dev/null
cmake -G Ninja -S examples/aot_app -B "$OUT/app" -DCMAKE_PREFIX_PATH="$PWD/$OUT/prefix" >/dev/null
ninja -C "$OUT/app" >/dev/null
"$OUT/app/aot_app" "$OUT/mlp.so" main

echo "== genc bench (ratio > 1: genc faster than the reference)"
$G bench
