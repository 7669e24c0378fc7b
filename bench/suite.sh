#!/usr/bin/env bash
# The peer suite: every workload of bench/suite/WORKLOADS.md in genc, JAX,
# PyTorch (and NumPy's OpenBLAS for matmul) on this machine in one run;
# writes OUT/suite.json and OUT/suite.md (the table for docs/PERFORMANCE.md)
# and prints the table. Not a test. On a fresh Debian 12 machine, as root:
#
#   bench/suite.sh [OUT] [--steps N] [--only a,b] [--frameworks genc,jax]
#
# It runs scripts/setup.sh (packages + build), then installs the pinned
# peers (bench/requirements.txt) into a private venv (bench/.venv or
# $GENC_BENCH_VENV) from PyPI — never into the build. About 30 minutes on
# 2 cores (most of it the peers' DDPM rows).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=runs/bench-suite
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then OUT=$1; shift; fi
./scripts/setup.sh >/dev/null ||
  { echo "bench: scripts/setup.sh failed (run it alone to see why)" >&2; exit 1; }
if ! dpkg -s python3-venv >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
VENV=$(realpath -m "${GENC_BENCH_VENV:-bench/.venv}")
if [ ! -x "$VENV/bin/python" ]; then
  /usr/bin/python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m, sys
pins = [l.split("#")[0].strip() for l in open("bench/requirements.txt")]
for p in filter(None, pins):
    name, version = p.split("==")
    if m.version(name.split("[")[0]) != version:
        sys.exit(1)
PY
then
  echo "bench: installing the pinned peers into $VENV (PyPI)" >&2
  "$VENV/bin/pip" install -q -r bench/requirements.txt
fi
BUILD=${GENC_BUILD_DIR:-build}
ninja -C "$BUILD" genc-bench-suite >/dev/null
exec "$VENV/bin/python" bench/suite/run.py --genc "$BUILD/bin/genc-bench-suite" --out "$OUT" "$@"
