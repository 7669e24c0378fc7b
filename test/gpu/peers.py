"""Peers for test/gpu/run.sh on the GPU machine: cuBLAS (through PyTorch's
torch.matmul) on the same 4096x4096 product genc's bench/matmul_*.so
computes, timed with CUDA events like genc-run-artifact --time.

usage: python3 peers.py matmul f32|bf16 N [REPS]
prints one line: `time: M ms per call (REPS calls)`.
"""
import sys

import torch


def matmul(dtype, n, reps):
    dt = {"f32": torch.float32, "bf16": torch.bfloat16}[dtype]
    # genc computes true fp32 products; so does cuBLAS without TF32.
    torch.backends.cuda.matmul.allow_tf32 = False
    a = torch.rand(n, n, device="cuda", dtype=dt) * 2 - 1
    b = torch.rand(n, n, device="cuda", dtype=dt) * 2 - 1
    for _ in range(3):
        torch.matmul(a, b)
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(reps):
        torch.matmul(a, b)
    stop.record()
    stop.synchronize()
    return start.elapsed_time(stop) / reps


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "matmul":
        sys.exit(__doc__)
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    ms = matmul(sys.argv[2], int(sys.argv[3]), reps)
    print(f"time: {ms:.4f} ms per call ({reps} calls)")
