#!/usr/bin/env bash
# Installs what genc needs on Debian 12 (as root) and builds it into build/.
# Idempotent: skips apt when the packages are present and only rebuilds what
# changed (Ninja + ccache).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(cmake ninja-build ccache clang-19 llvm-19-dev llvm-19-tools
  libmlir-19-dev mlir-19-tools libabsl-dev libgtest-dev libopenblas-dev
  python3 python3-numpy libhdf5-dev libcairo2-dev libpng-dev libjpeg-dev
  pkg-config fonts-dejavu-core libopenmpi-dev openmpi-bin zlib1g-dev)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD=${GENC_BUILD_DIR:-build}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
fi
ninja -C "$BUILD" -j"$(nproc)"
