#!/bin/sh
# usage: kill_rank.sh SIGNAL OUT LOG
# Starts a 2-rank data-parallel VAE run (mpirun, one device per rank), sends
# SIGNAL to rank 1 once that rank has written its first checkpoint, and
# waits for mpirun; prints how it ended. KILL loses the rank (mpirun tears
# the job down and names it); STOP leaves it alive but silent, so rank 0's
# collective times out (GENC_COLLECTIVE_TIMEOUT_S) and names it.
SIG=$1; OUT=$2; LOG=$3
env GENC_PROGRESS=off OPENBLAS_NUM_THREADS=1 GENC_COLLECTIVE_TIMEOUT_S=3 \
  mpirun --allow-run-as-root --oversubscribe -np 2 \
  genc-zoo vae train --count 400 --batch 16 --steps 100000 --seed 3 \
  --mesh data=2 --checkpoint-every 5 --out "$OUT" > "$LOG" 2>&1 &
MPIRUN=$!
i=0
while [ ! -f "$OUT/ranks/1/checkpoint.safetensors" ] && [ $i -lt 1500 ]; do
  sleep 0.2
  i=$((i + 1))
done
for p in $(pgrep -f "genc-zoo vae train.*--out $OUT"); do
  if tr '\0' '\n' < /proc/$p/environ 2>/dev/null |
      grep -qx 'OMPI_COMM_WORLD_RANK=1'; then
    kill -"$SIG" "$p" && echo "sent $SIG to rank 1"
  fi
done
START=$(date +%s)
wait $MPIRUN
STATUS=$?
ELAPSED=$(( $(date +%s) - START ))
if [ "$STATUS" -ne 0 ] && [ "$ELAPSED" -le 60 ]; then
  echo "mpirun failed within 60 s"
else
  echo "mpirun status $STATUS after $ELAPSED s"
fi
