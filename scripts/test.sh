#!/usr/bin/env bash
# Runs every test: lit (FileCheck, integration against the interpreter and
# NumPy, the find_package(genc) example app) and GoogleTest (runtime,
# interpreter). Assumes scripts/setup.sh has built build/.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${GENC_BUILD_DIR:-build}
log=$(mktemp -d)
status=0

echo "== lit"
/usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$BUILD/test" 2>&1 | tee "$log/lit" || status=1
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

echo "== gtest"
(cd "$BUILD" && ctest --output-on-failure -j"$(nproc)") 2>&1 | tee "$log/ctest"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

lit_pass=$(grep -oE 'Passed *: *[0-9]+' "$log/lit" | grep -oE '[0-9]+' | tail -1)
lit_fail=$(grep -oE 'Failed *: *[0-9]+' "$log/lit" | grep -oE '[0-9]+' | tail -1)
ct_line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log/ctest" | tail -1)
ct_fail=$(echo "$ct_line" | sed -E 's/.*passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/')
ct_total=$(echo "$ct_line" | sed -E 's/.*failed out of ([0-9]+).*/\1/')
passed=$(( ${lit_pass:-0} + ${ct_total:-0} - ${ct_fail:-0} ))
failed=$(( ${lit_fail:-0} + ${ct_fail:-0} ))
[ -n "$lit_pass" ] && [ -n "$ct_line" ] || status=1
[ "$failed" -eq 0 ] || status=1
echo "lit: ${lit_pass:-0} passed, ${lit_fail:-0} failed; gtest: $(( ${ct_total:-0} - ${ct_fail:-0} )) passed, ${ct_fail:-0} failed"
echo "$passed passed, $failed failed"
rm -rf "$log"
exit $status
