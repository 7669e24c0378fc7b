#!/usr/bin/env bash
# Runs every test: lit (FileCheck, integration against the interpreter and
# NumPy) and GoogleTest (runtime, interpreter), plus the find_package(genc)
# example app. Assumes scripts/setup.sh has built build/.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${GENC_BUILD_DIR:-build}
status=0

echo "== lit"
/usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$BUILD/test" || status=1

echo "== gtest"
(cd "$BUILD" && ctest --output-on-failure -j"$(nproc)") || status=1

if [ $status -eq 0 ]; then echo "all tests passed"; else echo "TESTS FAILED"; fi
exit $status
