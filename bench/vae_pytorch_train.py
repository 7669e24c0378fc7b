"""Trains the same galaxy beta-VAE as `genc-zoo vae train` in PyTorch, on
the same Galaxy10-layout HDF5 file, with the same schedule (Adam 1e-3 with a
linear warm-up, beta 0 -> 1 over the first 10 % of the steps, batch 64,
80 % of the images for training), and prints the training throughput as
JSON. Run by bench/vae_train_vs_pytorch.sh.

usage: python vae_pytorch_train.py FILE.h5 --image-size 64 --epochs 5
"""
import argparse
import json
import os
import sys
import time

import h5py
import numpy as np
import torch

# The model: the peer suite's PyTorch VAE (one definition for both).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "suite"))
from peer_torch import Vae  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("h5")
    ap.add_argument("--image-size", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--warmup-steps", type=int, default=100)
    ap.add_argument("--decoder-channels", default="32,64,128")
    ap.add_argument("--norm", choices=["none", "group"], default="none")
    args = ap.parse_args()
    with h5py.File(args.h5, "r") as f:
        images = f["images"][:]
    n, h, w, _ = images.shape
    s = args.image_size
    if h != s:  # area-average (integer ratios)
        k = h // s
        images = images.reshape(n, s, k, s, k, 3).mean((2, 4))
    x = torch.from_numpy(np.ascontiguousarray(
        images.transpose(0, 3, 1, 2), dtype=np.float32) / 255.0)
    train = x[: int(0.8 * n)]
    torch.manual_seed(0)
    model = Vae(s, dec=[int(c) for c in args.decoder_channels.split(",")],
                norm=args.norm == "group")
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min(1.0, step / max(1, args.warmup_steps)))
    per_epoch = len(train) // args.batch
    total = per_epoch * args.epochs
    beta_steps = max(1, round(0.1 * total))
    step = 0
    t0 = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train))
        for i in range(per_epoch):
            xb = train[order[i * args.batch:(i + 1) * args.batch]]
            eps = torch.randn(args.batch, 16)
            opt.zero_grad(set_to_none=True)
            loss = model(xb, eps, min(1.0, step / beta_steps))
            loss.backward()
            opt.step()
            sched.step()
            step += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"torch": torch.__version__,
                      "threads": torch.get_num_threads(), "steps": total,
                      "seconds": seconds,
                      "images_per_s": total * args.batch / seconds,
                      "final_loss": loss.item()}))


if __name__ == "__main__":
    main()
