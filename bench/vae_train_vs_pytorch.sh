#!/usr/bin/env bash
# The seed's full setup, genc vs PyTorch in the same run: 17,736 synthetic
# galaxies at 64x64 (a Galaxy10-layout HDF5 file), the β-VAE, batch 64,
# 5 epochs — `genc-zoo vae train` and the same model and schedule in PyTorch
# (bench/vae_pytorch_train.py) on the same file. Prints both training
# throughputs (images/s over the whole run; genc's includes compilation and
# validation is excluded from both) and the ratio. PyTorch and h5py go into
# a private venv (bench/.venv or $GENC_BENCH_VENV). ~15 minutes on 2 cores.
#
# usage: bench/vae_train_vs_pytorch.sh [COUNT] [EPOCHS] [IMAGE_SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${GENC_BUILD_DIR:-build}
VENV=$(realpath -m "${GENC_BENCH_VENV:-bench/.venv}")
COUNT=${1:-17736}
EPOCHS=${2:-5}
SIZE=${3:-64}
OUT=$(realpath -m "${GENC_BENCH_OUT:-runs/bench_vae}")
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import torch, h5py' 2>/dev/null; then
  echo "bench: installing the pinned peers of bench/requirements.txt into $VENV (PyPI)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r bench/requirements.txt
fi
ninja -C "$BUILD" genc-zoo >/dev/null
mkdir -p "$OUT"
"$BUILD/bin/genc-zoo" data synth --count "$COUNT" --image-size "$SIZE" --out "$OUT/galaxies.h5" >/dev/null
# The same model on both sides: genc-zoo's defaults (decoder 64,128,256,
# GroupNorm) unless GENC_BENCH_MODEL=plain (the seed's mirrored decoder
# without normalization, the model of sessions 3-9).
if [ "${GENC_BENCH_MODEL:-default}" = plain ]; then
  DEC=32,64,128 NORM=none
else
  DEC=64,128,256 NORM=group
fi
GENC_PROGRESS=plain "$BUILD/bin/genc-zoo" vae train --data "$OUT/galaxies.h5" \
  --count "$COUNT" --image-size "$SIZE" --epochs "$EPOCHS" \
  --decoder-channels "$DEC" --norm "$NORM" --out "$OUT/genc" 2>&1 | grep -E "^epoch|done"
torch=$(cd bench && "$VENV/bin/python" vae_pytorch_train.py "$OUT/galaxies.h5" \
  --image-size "$SIZE" --epochs "$EPOCHS" --decoder-channels "$DEC" --norm "$NORM")
python3 - "$OUT/genc/metrics.json" "$torch" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1])); t = json.loads(sys.argv[2])
steps = sum(e["steps_per_second"] * e["seconds"] for e in m["epochs"])
secs = sum(e["seconds"] for e in m["epochs"])
genc = steps * 64 / secs
print(f"{os.cpu_count()} cores; torch {t['torch']} ({t['threads']} threads)")
print(f"genc-zoo vae train: {genc:.0f} images/s over {secs:.0f} s "
      f"(peak memory {max(e['peak_memory_mib'] for e in m['epochs']):.0f} MiB)")
print(f"PyTorch:            {t['images_per_s']:.0f} images/s over {t['seconds']:.0f} s")
print(f"ratio genc/PyTorch: {genc / t['images_per_s']:.2f}")
PY
