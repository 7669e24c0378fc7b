"""The PyTorch peer of genc's benchmark suite (see bench/suite/WORKLOADS.md).

Every workload of WORKLOADS.md in default eager PyTorch: torch.nn modules,
NCHW layout, f32, torch.optim.Adam, torch.func for vmap/grad, torch's default
thread count, no torch.compile. One process runs one workload: the first
call is timed as "compile_s" (PyTorch's first eager step), then `warmup`
untimed calls, then `steps` timed calls; prints one JSON line on stdout.
For matmul_* `--numpy` times NumPy's np.matmul (OpenBLAS) instead.

usage: python peer_torch.py --list
       python peer_torch.py --workload NAME [--steps 20] [--warmup 3] [--numpy]
(run by bench/suite/run.py; errors go to stderr with exit status 1)
"""
import argparse
import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

BATCH = 64


# ---------------------------------------------------------------------------
# matmul and the conv VJPs

def make_matmul(n, use_numpy):
    rng = np.random.default_rng(0)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    if use_numpy:
        return lambda: np.matmul(a, b)
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    return lambda: torch.matmul(ta, tb)


# name: (transposed, cin, spatial in, cout); 4x4 kernel, stride 2, padding 1.
CONVS = {
    "conv_enc0": (False, 3, 64, 32), "conv_enc1": (False, 32, 32, 64),
    "conv_enc2": (False, 64, 16, 128), "conv_dec0": (True, 128, 8, 64),
    "conv_dec1": (True, 64, 16, 32), "conv_dec2": (True, 32, 32, 3),
}


def make_conv(name):
    transposed, cin, s, cout = CONVS[name]
    g = torch.Generator().manual_seed(0)
    x = torch.rand(BATCH, cin, s, s, generator=g).requires_grad_()
    # PyTorch's weight layouts: conv [out, in, kh, kw], transposed [in, out, kh, kw].
    wshape = (cin, cout, 4, 4) if transposed else (cout, cin, 4, 4)
    w = (torch.randn(wshape, generator=g) * 0.05).requires_grad_()
    b = torch.zeros(cout).requires_grad_()
    so = s * 2 if transposed else s // 2
    ct = torch.randn(BATCH, cout, so, so, generator=g)
    conv = F.conv_transpose2d if transposed else F.conv2d

    def step():
        y = conv(x, w, b, stride=2, padding=1)
        dx, dw, db = torch.autograd.grad(y, (x, w, b), ct)
        return y.detach(), dx, dw, db
    return step


# ---------------------------------------------------------------------------
# the beta-VAE train step (also used by bench/vae_pytorch_train.py)

class Vae(nn.Module):
    """genc-zoo's VAE (zoo/models/lib/Vae.cpp): by default the plain seed
    architecture (decoder mirroring the encoder, no normalization); `dec`
    (decoder widths in the encoder's order) and `norm=True` (GroupNorm with
    gcd(C, 8) groups after every convolution but the decoder's last) build
    genc-zoo vae train's defaults since session 10 (dec=(64, 128, 256))."""

    def __init__(self, size, latent=16, ch=(32, 64, 128), dec=None, norm=False):
        super().__init__()
        dec = tuple(dec or ch)
        self.size, self.latent, self.ch, self.dec_ch = size, latent, ch, dec

        def block(conv, c):
            layers = [conv]
            if norm:
                layers.append(nn.GroupNorm(math.gcd(c, 8), c, eps=1e-5))
            return layers + [nn.ReLU()]
        self.enc = nn.Sequential(
            *block(nn.Conv2d(3, ch[0], 4, 2, 1), ch[0]),
            *block(nn.Conv2d(ch[0], ch[1], 4, 2, 1), ch[1]),
            *block(nn.Conv2d(ch[1], ch[2], 4, 2, 1), ch[2]))
        s = size // 8
        self.head = nn.Linear(s * s * ch[2], 2 * latent)
        self.expand = nn.Linear(latent, s * s * dec[2])
        self.dec = nn.Sequential(
            *block(nn.ConvTranspose2d(dec[2], dec[1], 4, 2, 1), dec[1]),
            *block(nn.ConvTranspose2d(dec[1], dec[0], 4, 2, 1), dec[0]),
            nn.ConvTranspose2d(dec[0], 3, 4, 2, 1))

    def forward(self, x, eps, beta, sigma=0.1):
        h = self.enc(x).flatten(1)
        stats = self.head(h)
        mu, logvar = stats[:, :self.latent], stats[:, self.latent:]
        z = mu + torch.exp(0.5 * logvar) * eps
        s = self.size // 8
        h = torch.relu(self.expand(z)).view(-1, self.dec_ch[2], s, s)
        mean = torch.sigmoid(self.dec(h))
        per_pixel = math.log(sigma * math.sqrt(2 * math.pi))
        recon = (((x - mean) ** 2).sum((1, 2, 3)) * (0.5 / sigma**2)
                 + per_pixel * x[0].numel()).mean()
        kl = (0.5 * (torch.exp(logvar) + mu**2 - logvar - 1).sum(1)).mean()
        return recon + beta * kl


def make_vae(size):
    torch.manual_seed(0)
    model = Vae(size)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    x = torch.rand(BATCH, 3, size, size)
    eps = torch.randn(BATCH, 16)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model(x, eps, 1.0)
        loss.backward()
        opt.step()
        return loss.item()
    return step


# ---------------------------------------------------------------------------
# DCGAN (genc/zoo/gan.h): 32x32, latent 64, channels 32/64/128

def batch_norm(c, dims):
    cls = nn.BatchNorm1d if dims == 1 else nn.BatchNorm2d
    # Batch statistics always, no running averages (as genc's generator).
    return cls(c, eps=1e-5, affine=True, track_running_stats=False)


class Generator(nn.Module):
    def __init__(self, size=32, latent=64, ch=(32, 64, 128)):
        super().__init__()
        self.s, self.c = size // 8, ch[2]
        n = self.s * self.s * ch[2]
        self.expand = nn.Sequential(nn.Linear(latent, n), batch_norm(n, 1), nn.ReLU())
        self.up = nn.Sequential(
            nn.ConvTranspose2d(ch[2], ch[1], 4, 2, 1), batch_norm(ch[1], 2), nn.ReLU(),
            nn.ConvTranspose2d(ch[1], ch[0], 4, 2, 1), batch_norm(ch[0], 2), nn.ReLU(),
            nn.ConvTranspose2d(ch[0], 3, 4, 2, 1), nn.Sigmoid())

    def forward(self, z):
        return self.up(self.expand(z).view(-1, self.c, self.s, self.s))


class Discriminator(nn.Module):
    def __init__(self, size=32, ch=(32, 64, 128)):
        super().__init__()
        s = size // 8
        self.net = nn.Sequential(
            nn.Conv2d(3, ch[0], 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(ch[0], ch[1], 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(ch[1], ch[2], 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(s * s * ch[2], 1))

    def forward(self, x):
        return self.net(x).view(-1)


def make_dcgan():
    torch.manual_seed(0)
    gen, disc = Generator(), Discriminator()
    opt_g = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999))
    g_params = list(gen.parameters())
    real = torch.rand(BATCH, 3, 32, 32)

    def step():
        # D step: gradient w.r.t. D only (the fakes are constants).
        with torch.no_grad():
            fake = gen(torch.randn(BATCH, 64))
        opt_d.zero_grad(set_to_none=True)
        loss_d = F.softplus(-disc(real)).mean() + F.softplus(disc(fake)).mean()
        loss_d.backward()
        opt_d.step()
        # G step: gradient w.r.t. G only (D's weight gradients are skipped).
        opt_g.zero_grad(set_to_none=True)
        loss_g = F.softplus(-disc(gen(torch.randn(BATCH, 64)))).mean()
        loss_g.backward(inputs=g_params)
        opt_g.step()
        return loss_d.item(), loss_g.item()
    return step


# ---------------------------------------------------------------------------
# DDPM (genc/zoo/diffusion.h): U-Net 32x32, channels 32/64/128, T = 1000

T = 1000


def group_norm(c):
    return nn.GroupNorm(8, c, eps=1e-6)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, tdim=128):
        super().__init__()
        self.norm1, self.norm2 = group_norm(cin), group_norm(cout)
        self.conv1 = nn.Conv2d(cin, cout, 3, 1, 1)
        self.time = nn.Linear(tdim, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1)
        # The residual branch starts at zero, as in genc's initBlock.
        nn.init.zeros_(self.conv2.weight)
        nn.init.zeros_(self.conv2.bias)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (self.skip(x) if self.skip is not None else x)


class UNet(nn.Module):
    def __init__(self, ch=(32, 64, 128), tdim=128):
        super().__init__()
        c0, c1, c2 = ch
        half = tdim // 2
        self.register_buffer("freqs", torch.tensor(
            [math.exp(-math.log(10000.0) * k / half) for k in range(half)]))
        self.time1, self.time2 = nn.Linear(tdim, tdim), nn.Linear(tdim, tdim)
        self.inp = nn.Conv2d(3, c0, 3, 1, 1)
        self.down0 = ResBlock(c0, c0, tdim)
        self.downsample0 = nn.Conv2d(c0, c1, 3, 2, 1)
        self.down1 = ResBlock(c1, c1, tdim)
        self.downsample1 = nn.Conv2d(c1, c2, 3, 2, 1)
        self.down2 = ResBlock(c2, c2, tdim)
        self.mid = ResBlock(c2, c2, tdim)
        self.upsample1 = nn.ConvTranspose2d(c2, c1, 4, 2, 1)
        self.up1 = ResBlock(2 * c1, c1, tdim)
        self.upsample0 = nn.ConvTranspose2d(c1, c0, 4, 2, 1)
        self.up0 = ResBlock(2 * c0, c0, tdim)
        self.out_norm = group_norm(c0)
        self.out = nn.Conv2d(c0, 3, 3, 1, 1)

    def forward(self, x, t):
        tf = t.to(torch.float32)[:, None] * self.freqs[None, :]
        temb = torch.cat([torch.sin(tf), torch.cos(tf)], 1)
        temb = self.time2(F.silu(self.time1(temb)))
        h = self.inp(x)
        skip0 = self.down0(h, temb)
        skip1 = self.down1(self.downsample0(skip0), temb)
        h = self.down2(self.downsample1(skip1), temb)
        h = self.mid(h, temb)
        h = self.up1(torch.cat([self.upsample1(h), skip1], 1), temb)
        h = self.up0(torch.cat([self.upsample0(h), skip0], 1), temb)
        return self.out(F.silu(self.out_norm(h)))


def make_schedule(timesteps=T):
    """Linear betas 1e-4..0.02 and alphas_bar, float64 (make_schedule)."""
    betas = 1e-4 + (0.02 - 1e-4) * np.arange(timesteps, dtype=np.float64) / (timesteps - 1)
    return betas, np.cumprod(1.0 - betas)


def sampler_table(alphas_bar, steps):
    """The strided ancestral sampler's per-step coefficients (sampler_table):
    rows (t, 1/sqrt(abar), sqrt(1/abar - 1), coef_x0, coef_xt, sigma)."""
    n = len(alphas_bar)
    tau = [0 if steps == 1 else int(math.floor(i * (n - 1) / (steps - 1) + 0.5))
           for i in range(steps - 1, -1, -1)]
    rows = []
    for i, t in enumerate(tau):
        abar = alphas_bar[t]
        last = i + 1 == len(tau)
        abar_prev = 1.0 if last else alphas_bar[tau[i + 1]]
        beta = 1 - abar / abar_prev
        var = 0.0 if last else beta * (1 - abar_prev) / (1 - abar)
        rows.append((t, 1 / np.sqrt(abar), np.sqrt(1 / abar - 1),
                     np.sqrt(abar_prev) * beta / (1 - abar),
                     np.sqrt(1 - beta) * (1 - abar_prev) / (1 - abar),
                     np.sqrt(max(var, 0.0))))
    return rows


def make_ddpm_step():
    torch.manual_seed(0)
    model = UNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    params = list(model.parameters())
    ema = [p.detach().clone() for p in params]
    _, abar = make_schedule()
    sqrt_abar = torch.tensor(np.sqrt(abar), dtype=torch.float32)
    sqrt_1m_abar = torch.tensor(np.sqrt(1 - abar), dtype=torch.float32)
    x0 = 2 * torch.rand(BATCH, 3, 32, 32) - 1

    def step():
        t = torch.randint(0, T, (BATCH,))
        noise = torch.randn_like(x0)
        xt = sqrt_abar[t][:, None, None, None] * x0 + sqrt_1m_abar[t][:, None, None, None] * noise
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(xt, t), noise)
        loss.backward()
        opt.step()
        with torch.no_grad():
            torch._foreach_lerp_(ema, params, 1 - 0.999)
        return loss.item()
    return step


def make_ddpm_sample(steps=100):
    torch.manual_seed(0)
    model = UNet()
    _, abar = make_schedule()
    table = [(int(r[0]),) + tuple(float(v) for v in r[1:])
             for r in sampler_table(abar, steps)]

    def sample():
        with torch.no_grad():
            x = torch.randn(BATCH, 3, 32, 32)
            for t, ra, rm, cx0, cxt, sigma in table:
                eps = model(x, torch.full((BATCH,), t, dtype=torch.int32))
                x0 = torch.clamp(ra * x - rm * eps, -1.0, 1.0)
                x = cx0 * x0 + cxt * x + sigma * torch.randn_like(x)
            return torch.clamp((x + 1) * 0.5, 0.0, 1.0)
    return sample


# ---------------------------------------------------------------------------
# per-example gradients: vmap(grad) of an MLP 784 -> 256 -> 256 -> 10

def make_per_example_grads():
    from torch.func import grad, vmap
    g = torch.Generator().manual_seed(0)
    sizes = [(784, 256), (256, 256), (256, 10)]
    params = {}
    for i, (a, b) in enumerate(sizes, 1):
        params[f"w{i}"] = torch.randn(a, b, generator=g) * 0.05
        params[f"b{i}"] = torch.zeros(b)
    xs = torch.rand(BATCH, 784, generator=g)
    ys = torch.rand(BATCH, 10, generator=g)

    def loss(p, x, y):
        h = torch.relu(x @ p["w1"] + p["b1"])
        h = torch.relu(h @ p["w2"] + p["b2"])
        return ((h @ p["w3"] + p["b3"] - y) ** 2).sum()

    batched = vmap(grad(loss), in_dims=(None, 0, 0))
    return lambda: batched(params, xs, ys)


# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# IAF (genc/zoo/flow.h MadeFlow): maximum-likelihood step, density by the
# sequential loop in Python (eager autograd; one rank-1 update per dimension)

IAF_D, IAF_H, IAF_LAYERS = 3072, 256, 4


def make_iaf():
    d, h = IAF_D, IAF_H
    din = torch.arange(d, dtype=torch.float32)[:, None] + 1.0
    hid = torch.floor(torch.arange(h, dtype=torch.float32) * ((d - 1) / h))[None, :] + 1.0
    m1 = (din <= hid).float()
    m2 = (hid.T < din.T).float()
    m2 = torch.cat([m2, m2], 1)
    g = torch.Generator().manual_seed(0)
    params = []
    for _ in range(IAF_LAYERS):
        params += [(torch.randn(d, h, generator=g) * math.sqrt(2.0 / d)).requires_grad_(),
                   torch.zeros(h, requires_grad=True),
                   torch.zeros(h, 2 * d, requires_grad=True),
                   torch.zeros(2 * d, requires_grad=True)]
    opt = torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    x = torch.randn(BATCH, d, generator=g)

    def nll():
        v, logdet = x, torch.zeros(BATCH)
        for l in reversed(range(IAF_LAYERS)):
            w1, b1, w2, b2 = params[4 * l:4 * l + 4]
            # unbind once (one backward op), not w[:, i] per step (each
            # index's backward would write a zero-filled [H, 2D] gradient).
            rows1 = (w1 * m1).unbind(0)
            cols2 = (w2 * m2).unbind(1)
            bias2, vs = b2.unbind(0), v.unbind(1)
            pre, sums, outs = torch.zeros(BATCH, h), torch.zeros(BATCH), []
            for i in range(d):
                hd = torch.relu(pre + b1)
                mu = hd @ cols2[i] + bias2[i]
                sc = torch.tanh(hd @ cols2[d + i] + bias2[d + i])
                u = (vs[i] - mu) * torch.exp(-sc)
                outs.append(u)
                pre = pre + u[:, None] * rows1[i][None, :]
                sums = sums + sc
            u = torch.stack(outs, 1)
            v = u.flip(1) if l % 2 == 1 else u
            logdet = logdet - sums
        logn = -0.5 * (v * v).sum(1) - 0.5 * d * math.log(2 * math.pi)
        return -(logn + logdet).mean()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = nll()
        loss.backward()
        opt.step()
        return loss.item()
    return step


WORKLOADS = {
    "matmul_1024": lambda np_: make_matmul(1024, np_),
    "matmul_2048": lambda np_: make_matmul(2048, np_),
    **{name: (lambda np_, n=name: make_conv(n)) for name in CONVS},
    "vae_step_32": lambda np_: make_vae(32),
    "vae_step_64": lambda np_: make_vae(64),
    "dcgan_step": lambda np_: make_dcgan(),
    "ddpm_step": lambda np_: make_ddpm_step(),
    "ddpm_sample_100": lambda np_: make_ddpm_sample(100),
    "per_example_grads": lambda np_: make_per_example_grads(),
    "iaf_step": lambda np_: make_iaf(),
}


def measure(name, steps, warmup, use_numpy):
    step = WORKLOADS[name](use_numpy)
    t0 = time.perf_counter()
    step()
    compile_s = time.perf_counter() - t0
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return {
        "framework": "numpy" if use_numpy else "torch",
        "version": np.__version__ if use_numpy else torch.__version__,
        "workload": name,
        "compile_s": compile_s,
        "median_ms": float(np.median(times)),
        "min_ms": times[0],
        "max_ms": times[-1],
        "steps": steps,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "threads": torch.get_num_threads(),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print the workload names")
    ap.add_argument("--workload", help="the workload to run")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--numpy", action="store_true", help="np.matmul (matmul_* only)")
    args = ap.parse_args()
    if args.list:
        print("\n".join(WORKLOADS))
        return 0
    try:
        if args.workload not in WORKLOADS:
            raise ValueError(f"unknown workload {args.workload!r} "
                             f"(one of: {', '.join(WORKLOADS)})")
        if args.numpy and not args.workload.startswith("matmul_"):
            raise ValueError(f"--numpy is for matmul_* only, not {args.workload}")
        if args.steps < 1 or args.warmup < 0:
            raise ValueError("--steps must be >= 1 and --warmup >= 0")
        row = measure(args.workload, args.steps, args.warmup, args.numpy)
    except Exception as e:  # noqa: BLE001 - reported to the driver
        print(f"peer_torch: {args.workload}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
