#!/usr/bin/env bash
# Register-tiled GEMM kernels vs OpenBLAS, shape by shape, in one run:
# bench/register_gemm/shapes.mlir compiled with --vector-bits=0 (every
# matmul to OpenBLAS) and with the host's width (the generated kernels),
# each function timed by genc-run-artifact on the same random inputs.
# Prints ms per call and the ratio (BLAS time / generated time: above 1 the
# generated kernel is faster). Single-threaded OpenBLAS unless
# OPENBLAS_NUM_THREADS is set.
#   usage: bench/register_gemm/run.sh [BUILD_DIR] [CALLS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
CALLS=${2:-200}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=bench/register_gemm/shapes.mlir
"$BUILD/bin/genc" compile "$src" --vector-bits=0 -o "$tmp/blas.so"
"$BUILD/bin/genc" compile "$src" -o "$tmp/host.so"
time_of() { # artifact function -> ms per call
  "$BUILD/bin/genc-run-artifact" "$1" --function="$2" --random-inputs=1 \
    --time="$CALLS" --warmup=20 | sed -n 's/^time: \([0-9.]*\) ms per call.*/\1/p'
}
printf '%-8s %-22s %10s %10s %7s %10s\n' function "M x N x K" "BLAS ms" "genc ms" ratio "GFLOP/s"
# Each function: @name(%a: tensor<..>, %b: tensor<KxN>) -> tensor<MxN>.
sed -n 's/^func\.func @\([a-z0-9]*\)(.*%b: tensor<\([0-9]*\)x[0-9]*xf32>) -> tensor<\([0-9]*\)x\([0-9]*\)xf32>.*/\1 \3 \4 \2/p' "$src" |
while read -r f m n k; do
  a=$(time_of "$tmp/blas.so" "$f")
  b=$(time_of "$tmp/host.so" "$f")
  awk -v f="$f" -v m="$m" -v n="$n" -v k="$k" -v a="$a" -v b="$b" 'BEGIN {
    printf "%-8s %-22s %10.4f %10.4f %7.2f %10.1f\n", f, m "x" n "x" k, a, b,
      a / b, 2 * m * n * k / (b * 1e6) }'
done
