#!/usr/bin/env bash
# Checkpoints survive crashes and full disks (issue #11). Usage:
#   checkpoint_faults.sh GENC_ZOO WORKDIR
# 1. A run SIGKILLed halfway through writing its checkpoint
#    (GENC_TEST_KILL_DURING_SAVE) leaves the previous checkpoint byte for
#    byte; --resume from it finishes with the uninterrupted run's numbers.
# 2. SIGKILLs at random moments of a run that checkpoints every step: the
#    checkpoint always loads (--resume succeeds).
# 3. A write that fails for lack of space (a file-size limit, EFBIG, the
#    same path as ENOSPC) is one clear error; the last good checkpoint is
#    kept and no temporary file is left behind.
set -u
zoo=$1
dir=$2
rm -rf "$dir" && mkdir -p "$dir"
common=(--count 256 --batch 32 --checkpoint-every 1)
train() { "$zoo" vae train "${common[@]}" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

# The uninterrupted reference: 4 steps.
train --steps 4 --out "$dir/ref" > "$dir/ref.log" 2>&1 || fail "reference run"
reference=$(grep -o 'validation -ELBO [0-9.-]*' "$dir/ref.log" | tail -1)

# 1. Killed mid-write of the step-2 checkpoint. (--stop-after N ends a
#    process after N steps without the N-th step's checkpoint.)
train --steps 4 --stop-after 2 --out "$dir/run" > /dev/null 2>&1 || fail "first step"
cp "$dir/run/checkpoint.safetensors" "$dir/step1.safetensors"
GENC_TEST_KILL_DURING_SAVE=1 train --steps 4 --resume --out "$dir/run" > /dev/null 2>&1
status=$?
[ $status -eq 137 ] || fail "expected death by SIGKILL (137), got $status"
ls "$dir"/run/checkpoint.safetensors.tmp.* > /dev/null 2>&1 || fail "no partial temporary file"
cmp -s "$dir/run/checkpoint.safetensors" "$dir/step1.safetensors" || fail "checkpoint changed by the killed save"
echo "killed mid-save: previous checkpoint intact"
train --steps 4 --resume --out "$dir/run" > "$dir/resumed.log" 2>&1 || fail "resume after the kill"
resumed=$(grep -o 'validation -ELBO [0-9.-]*' "$dir/resumed.log" | tail -1)
[ "$resumed" = "$reference" ] || fail "resumed '$resumed' != uninterrupted '$reference'"
ls "$dir"/run/checkpoint.safetensors.tmp.* > /dev/null 2>&1 && fail "stale temporary file left"
echo "resumed: $resumed, as the uninterrupted run"

# 2. Random kills of a long run.
train --steps 1000 --stop-after 2 --out "$dir/long" > /dev/null 2>&1 || fail "long run"
for i in 1 2 3 4; do
  # Not through the function: $! must be genc-zoo itself.
  "$zoo" vae train "${common[@]}" --steps 1000 --resume --out "$dir/long" > /dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 1 + 3 * rand() }')"
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null
  step=$(grep -ao '"step":"[0-9]*"' "$dir/long/checkpoint.safetensors" | grep -o '[0-9]*')
  train --steps 1000 --resume --stop-after 1 --out "$dir/long" > /dev/null 2>&1 ||
    fail "kill $i: the checkpoint at step $step does not resume"
  echo "kill $i: checkpoint of step $step resumed" >&2
done
echo "random kills: every checkpoint resumed"

# 3. No space for the next checkpoint.
cp "$dir/long/checkpoint.safetensors" "$dir/good.safetensors"
size_kb=$(( $(stat -c %s "$dir/good.safetensors") / 1024 ))
( ulimit -f $((size_kb / 2)); train --steps 1000 --resume --stop-after 3 --out "$dir/long" ) > "$dir/full.log" 2>&1
status=$?
[ $status -eq 1 ] || fail "expected exit 1 on a full disk, got $status"
grep -m1 'error' "$dir/full.log"
cmp -s "$dir/long/checkpoint.safetensors" "$dir/good.safetensors" || fail "good checkpoint damaged"
ls "$dir"/long/checkpoint.safetensors.tmp.* > /dev/null 2>&1 && fail "temporary file left after the failed write"
train --steps 1000 --resume --stop-after 1 --out "$dir/long" > /dev/null 2>&1 || fail "resume after the full disk"
echo "full disk: clear error, last good checkpoint kept and resumable"
