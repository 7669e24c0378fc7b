"""The galaxy beta-VAE train step in PyTorch, the same model as genc's
(zoo/models/include/genc/zoo/vae.h): 3 conv 4x4 stride 2 (32, 64, 128) +
dense to (mu, logvar), dense + 3 transposed conv 4x4 stride 2, Gaussian
likelihood (sigma 0.1) on sigmoid outputs, KL to N(0, I), Adam. Prints
JSON rows like genc-bench-vae --json.

usage: python vae_pytorch.py [--steps N]   (run by bench/vae_vs_pytorch.sh)
"""
import json
import math
import sys
import time

import torch
from torch import nn


class Vae(nn.Module):
    def __init__(self, size, latent=16, ch=(32, 64, 128)):
        super().__init__()
        self.size, self.latent, self.ch = size, latent, ch
        self.enc = nn.Sequential(
            nn.Conv2d(3, ch[0], 4, 2, 1), nn.ReLU(),
            nn.Conv2d(ch[0], ch[1], 4, 2, 1), nn.ReLU(),
            nn.Conv2d(ch[1], ch[2], 4, 2, 1), nn.ReLU())
        s = size // 8
        self.head = nn.Linear(s * s * ch[2], 2 * latent)
        self.expand = nn.Linear(latent, s * s * ch[2])
        self.dec = nn.Sequential(
            nn.ConvTranspose2d(ch[2], ch[1], 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(ch[1], ch[0], 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(ch[0], 3, 4, 2, 1))

    def forward(self, x, eps, beta, sigma=0.1):
        h = self.enc(x).flatten(1)
        stats = self.head(h)
        mu, logvar = stats[:, :self.latent], stats[:, self.latent:]
        z = mu + torch.exp(0.5 * logvar) * eps
        s = self.size // 8
        h = torch.relu(self.expand(z)).view(-1, self.ch[2], s, s)
        mean = torch.sigmoid(self.dec(h))
        per_pixel = math.log(sigma * math.sqrt(2 * math.pi))
        recon = (((x - mean) ** 2).sum((1, 2, 3)) * (0.5 / sigma**2)
                 + per_pixel * x[0].numel()).mean()
        kl = (0.5 * (torch.exp(logvar) + mu**2 - logvar - 1).sum(1)).mean()
        return recon + beta * kl


def measure(size, steps):
    torch.manual_seed(0)
    model = Vae(size)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(64, 3, size, size)
    eps = torch.randn(64, 16)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model(x, eps, 1.0)
        loss.backward()
        opt.step()
        return loss.item()

    t0 = time.perf_counter()
    step()
    first = time.perf_counter() - t0
    times = []
    for i in range(steps + 3):
        a = time.perf_counter()
        step()
        if i >= 3:
            times.append((time.perf_counter() - a) * 1e3)
    times.sort()
    med = times[len(times) // 2]
    return {"name": f"vae_train_step_b64_{size}x{size}", "compile_s": first,
            "median_ms": med, "min_ms": times[0], "max_ms": times[-1],
            "images_per_s": 64000.0 / med}


def main():
    steps = 20
    if len(sys.argv) == 3 and sys.argv[1] == "--steps":
        steps = int(sys.argv[2])
    rows = [measure(32, steps), measure(64, steps)]
    print(json.dumps({"torch": torch.__version__,
                      "threads": torch.get_num_threads(), "rows": rows}))


if __name__ == "__main__":
    main()
