#!/usr/bin/env bash
# The galaxy VAE train step (batch 64, 32x32 and 64x64), genc vs PyTorch in
# the same run on this machine: images/s and the ratio genc / PyTorch
# (> 1: genc faster). PyTorch is installed from PyPI into a private virtual
# environment (bench/.venv, or $GENC_BENCH_VENV) on first use, never into
# the project's build. Not a test.
#
# usage: bench/vae_vs_pytorch.sh [--steps N]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${GENC_BUILD_DIR:-build}
VENV=$(realpath -m "${GENC_BENCH_VENV:-bench/.venv}")
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import torch' 2>/dev/null; then
  echo "bench: installing torch and numpy into $VENV (PyPI)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q torch numpy
fi
ninja -C "$BUILD" genc-bench-vae >/dev/null
genc=$("$BUILD/bin/genc-bench-vae" --json "$@")
torch=$("$VENV/bin/python" bench/vae_pytorch.py "$@")
python3 - "$genc" "$torch" <<'PY'
import json, os, platform, sys
genc = json.loads(sys.argv[1]); torch = json.loads(sys.argv[2])
print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
      f"torch {torch['torch']} ({torch['threads']} threads)")
print(f"{'workload':30} {'genc img/s':>11} {'torch img/s':>12} {'ratio':>6} "
      f"{'genc compile s':>15} {'torch 1st step s':>17}")
for g, t in zip(genc, torch["rows"]):
    print(f"{g['name']:30} {g['images_per_s']:11.0f} {t['images_per_s']:12.0f} "
          f"{g['images_per_s'] / t['images_per_s']:6.2f} {g['compile_s']:15.2f} "
          f"{t['compile_s']:17.2f}")
PY
