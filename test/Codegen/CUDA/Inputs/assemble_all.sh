#!/bin/sh
# usage: assemble_all.sh PTXAS OUTDIR FILE.mlir...
# Compiles each program with genc compile --target=cuda --emit=ptx and
# assembles the PTX with ptxas for sm_90a, then compiles it to a CUDA
# artifact (.so: kernels embedded, host code lowered); stops at the first
# failure, naming the file. Prints the number of kernels in all.
PTXAS=$1; OUT=$2; shift 2
for f in "$@"; do
  n=$(basename "$f" .mlir)
  genc compile "$f" --target=cuda --emit=ptx -o "$OUT/$n.ptx" || { echo "genc failed on $f"; exit 1; }
  "$PTXAS" --gpu-name sm_90a "$OUT/$n.ptx" -o "$OUT/$n.cubin" || { echo "ptxas failed on $f"; exit 1; }
  genc compile "$f" --target=cuda -o "$OUT/$n.so" || { echo "genc failed on $f (artifact)"; exit 1; }
done
echo "kernels: $(cat "$OUT"/*.ptx | grep -c '\.entry')"
