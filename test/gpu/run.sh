#!/bin/bash
# The GPU check of issue #9, run on a machine with an NVIDIA GPU (the
# device tool's H200) from the bundle test/gpu/prepare.py makes on a
# machine with genc built:
#
#   test/gpu/prepare.py                       # here: gpu-bundle/ (~ a minute)
#   bash gpu-bundle/run.sh gpu-bundle         # there (< 5 minutes)
#
# 1. Every per-op integration program, compiled for CUDA, against the
#    reference interpreter's outputs (rtol 1e-3, atol 1e-4: libdevice's
#    math against the interpreter's).
# 2. 4096x4096 matmul, f32 and bf16: genc's kernel against cuBLAS
#    (torch.matmul, TF32 off), both timed with CUDA events; the ratio
#    cuBLAS time / genc time (the issue's target: >= 0.8).
# 3. The galaxy VAE train step (32x32, batch 64): genc (stream and CUDA
#    graph) against JAX on the same GPU (bench/suite/peer_jax.py); the
#    ratio JAX time / genc time (target: >= 1).
# Results: stdout and $OUT/gpu_results.txt (or /tmp/genc-gpu).
set -u
B=$(cd "${1:-gpu-bundle}" && pwd)
cd "$B"
export LD_LIBRARY_PATH="$B/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
RES=${OUT:-/tmp/genc-gpu}
mkdir -p "$RES"
exec > >(tee "$RES/gpu_results.txt") 2>&1
echo "== genc GPU check, $(date -u +%Y-%m-%dT%H:%MZ)"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
PY=python3

echo "== 1. per-op programs on the GPU vs the interpreter"
pass=0; fail=0; failed=""
while IFS='|' read -r name fn args; do
  [ -z "$name" ] && continue
  eval "set -- $args"
  if timeout 120 bin/genc-run-artifact "cases/$name.so" --function="$fn" "$@" \
       --rtol=1e-3 --atol=1e-4 > "$RES/case_$name.log" 2>&1; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); failed="$failed $name"
    echo "FAIL $name:"; head -6 "$RES/case_$name.log"
  fi
done < cases.txt
echo "cases: $pass passed, $fail failed${failed:+ ($failed )}"

ms() { sed -n 's/^time: \([0-9.]*\) ms.*/\1/p' | tail -1; }
ratio() { awk -v p="$1" -v g="$2" 'BEGIN { if (g > 0 && p > 0) printf "%.3f", p / g; else print "n/a" }'; }

echo "== 2. matmul 4096x4096: genc vs cuBLAS"
for dt in f32 bf16; do
  g=$(timeout 240 bin/genc-run-artifact bench/matmul_$dt.so --random-inputs=0 --time=5 --warmup=1 2>&1 | tee "$RES/matmul_$dt.log" | ms)
  c=$(timeout 120 $PY peers.py matmul $dt 4096 20 2>&1 | tee "$RES/cublas_$dt.log" | ms)
  echo "matmul $dt: genc ${g:-error} ms, cuBLAS ${c:-error} ms, cuBLAS/genc $(ratio "${c:-0}" "${g:-0}") (target >= 0.8)"
  [ -z "$g" ] && tail -3 "$RES/matmul_$dt.log"
done

echo "== 3. VAE train step 32x32 batch 64: genc vs JAX"
g=$(timeout 240 bin/genc-run-artifact bench/vae_step_32.so --random-inputs=0 --time=20 --warmup=3 2>&1 | tee "$RES/vae_genc.log" | ms)
gg=$(timeout 240 bin/genc-run-artifact bench/vae_step_32.so --random-inputs=0 --time=20 --warmup=3 --graph 2>&1 | tee "$RES/vae_genc_graph.log" | ms)
j=$(timeout 240 $PY peer_jax.py --workload vae_step_32 --steps 20 --warmup 3 2>"$RES/vae_jax.err" | tail -1 \
    | $PY -c 'import json,sys; print(json.loads(sys.stdin.read())["median_ms"])' 2>/dev/null)
echo "vae_step_32: genc ${g:-error} ms (CUDA graph ${gg:-error} ms), JAX ${j:-error} ms, JAX/genc $(ratio "${j:-0}" "${gg:-${g:-0}}") (target >= 1)"
[ -z "$g" ] && tail -3 "$RES/vae_genc.log"
[ -z "$j" ] && tail -3 "$RES/vae_jax.err"
echo "== done"
