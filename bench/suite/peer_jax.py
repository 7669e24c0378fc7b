"""The JAX peer of genc's benchmark suite (bench/suite/WORKLOADS.md).

Every workload of WORKLOADS.md in plain jax / jax.lax (no Flax, no Optax:
the layers and Adam are written out below, with Flax's conventions: NHWC
images, HWIO kernels, lecun_normal kernels, zero biases, transposed
convolutions = lax.conv_transpose with the kernel not flipped). One jitted
function per step (dcgan_step: two, the D update then the G update, as
genc's two compiled functions); training steps feed their parameters and
optimizer state (donated) into the next call like a real training loop.

usage (run by bench/suite/run.py, one workload per process):
    python peer_jax.py --list
    python peer_jax.py --workload NAME [--steps 20] [--warmup 3]
prints one JSON line: framework, version, workload, compile_s (first call,
tracing + compilation + run), median_ms / min_ms / max_ms over `steps`
timed calls after `warmup` untimed ones, steps, peak_rss_mb, threads,
devices. Every call blocks until all its outputs are ready. Errors go to
stderr with exit status 1.
"""
import argparse
import functools
import json
import math
import os
import re
import resource
import statistics
import sys
import time

import numpy as np
import jax
import jax.numpy as jnp
from jax import lax

DN = ("NHWC", "HWIO", "NHWC")
lecun = jax.nn.initializers.lecun_normal()  # truncated normal, var 1/fan_in


# ----------------------------------------------------------------- layers
def init_dense(key, fin, fout):
    return {"kernel": lecun(key, (fin, fout)), "bias": jnp.zeros((fout,))}


def init_conv(key, k, cin, cout):
    return {"kernel": lecun(key, (k, k, cin, cout)), "bias": jnp.zeros((cout,))}


def init_norm(c):
    return {"scale": jnp.ones((c,)), "bias": jnp.zeros((c,))}


def dense(p, x):
    return x @ p["kernel"] + p["bias"]


def conv(p, x, stride=1):
    return lax.conv_general_dilated(x, p["kernel"], (stride, stride), "SAME",
                                    dimension_numbers=DN) + p["bias"]


def deconv(p, x):  # 4x4 stride 2 SAME: out = 2 * in (flax ConvTranspose)
    return lax.conv_transpose(x, p["kernel"], (2, 2), "SAME",
                              dimension_numbers=DN) + p["bias"]


def batch_norm(p, x, eps=1e-5):  # batch statistics over every axis but the last
    axes = tuple(range(x.ndim - 1))
    mean, var = jnp.mean(x, axes), jnp.var(x, axes)
    return (x - mean) * lax.rsqrt(var + eps) * p["scale"] + p["bias"]


def group_norm(p, x, groups=8, eps=1e-6):
    b, h, w, c = x.shape
    g = x.reshape(b, h, w, groups, c // groups)
    mean = jnp.mean(g, (1, 2, 4), keepdims=True)
    var = jnp.var(g, (1, 2, 4), keepdims=True)
    g = (g - mean) * lax.rsqrt(var + eps)
    return g.reshape(b, h, w, c) * p["scale"] + p["bias"]


# ------------------------------------------------------------------- Adam
def adam_init(params):
    zeros = lambda: jax.tree.map(jnp.zeros_like, params)
    return {"count": jnp.zeros((), jnp.int32), "mu": zeros(), "nu": zeros()}


def adam_update(params, grads, state, lr, b1=0.9, b2=0.999, eps=1e-8):
    """optax.adam(lr, b1, b2, eps): bias-corrected moments, eps outside sqrt."""
    count = state["count"] + 1
    mu = jax.tree.map(lambda m, g: b1 * m + (1 - b1) * g, state["mu"], grads)
    nu = jax.tree.map(lambda v, g: b2 * v + (1 - b2) * g * g, state["nu"], grads)
    c1 = 1 - b1 ** count.astype(jnp.float32)
    c2 = 1 - b2 ** count.astype(jnp.float32)
    new = jax.tree.map(lambda p, m, v: p - lr * (m / c1) / (jnp.sqrt(v / c2) + eps),
                       params, mu, nu)
    return new, {"count": count, "mu": mu, "nu": nu}


# -------------------------------------------------------------- workloads
def matmul(n):
    ka, kb = jax.random.split(jax.random.key(0))
    a = jax.random.uniform(ka, (n, n))
    b = jax.random.uniform(kb, (n, n))
    f = jax.jit(lambda a, b: a @ b)
    return lambda: jax.block_until_ready(f(a, b))


def conv_vjp(transposed, shape, cout):
    """y = conv(x, w) + b and its VJP with a random cotangent, one jit."""
    k = jax.random.split(jax.random.key(0), 4)
    x = jax.random.uniform(k[0], shape)
    w = lecun(k[1], (4, 4, shape[-1], cout))
    b = 0.1 * jax.random.normal(k[2], (cout,))
    layer = deconv if transposed else lambda p, x: conv(p, x, 2)
    f = lambda x, w, b: layer({"kernel": w, "bias": b}, x)
    ct = jax.random.normal(k[3], jax.eval_shape(f, x, w, b).shape)

    @jax.jit
    def step(x, w, b, ct):
        y, vjp = jax.vjp(f, x, w, b)
        return (y,) + vjp(ct)  # y, dx, dw, db

    return lambda: jax.block_until_ready(step(x, w, b, ct))


# The β-VAE (genc/zoo/vae.h): latent 16, channels 32/64/128, gaussian σ 0.1.
VAE_CH, LATENT = (32, 64, 128), 16


def vae_init(key, s):
    k = jax.random.split(key, 8)
    c, cin = VAE_CH, (3,) + VAE_CH[:2]
    f = s // 8
    return {
        "enc": [init_conv(k[i], 4, cin[i], c[i]) for i in range(3)],
        "head": init_dense(k[3], f * f * c[2], 2 * LATENT),
        "expand": init_dense(k[4], LATENT, f * f * c[2]),
        "dec": [init_conv(k[5], 4, c[2], c[1]), init_conv(k[6], 4, c[1], c[0]),
                init_conv(k[7], 4, c[0], 3)],
    }


def vae_loss(p, x, eps, beta=1.0, sigma=0.1):
    h = x
    for layer in p["enc"]:  # conv 4x4 s2 + relu: 32, 64, 128
        h = jax.nn.relu(conv(layer, h, 2))
    stats = dense(p["head"], h.reshape(h.shape[0], -1))
    mu, logvar = stats[:, :LATENT], stats[:, LATENT:]
    z = mu + jnp.exp(0.5 * logvar) * eps
    f = x.shape[1] // 8
    h = jax.nn.relu(dense(p["expand"], z)).reshape(-1, f, f, VAE_CH[2])
    h = jax.nn.relu(deconv(p["dec"][0], h))
    h = jax.nn.relu(deconv(p["dec"][1], h))
    mean = jax.nn.sigmoid(deconv(p["dec"][2], h))
    d = x[0].size
    recon = (jnp.sum((x - mean) ** 2, (1, 2, 3)) * (0.5 / sigma**2)
             + d * math.log(sigma * math.sqrt(2 * math.pi)))
    kl = 0.5 * jnp.sum(jnp.exp(logvar) + mu**2 - logvar - 1, 1)
    return jnp.mean(recon) + beta * jnp.mean(kl)


def vae_step(s):
    kp, kx, ke = jax.random.split(jax.random.key(0), 3)
    params = vae_init(kp, s)
    state = [params, adam_init(params)]
    x = jax.random.uniform(kx, (64, s, s, 3))
    eps = jax.random.normal(ke, (64, LATENT))

    @functools.partial(jax.jit, donate_argnums=(0, 1))
    def step(params, opt, x, eps):
        loss, grads = jax.value_and_grad(vae_loss)(params, x, eps)
        params, opt = adam_update(params, grads, opt, 1e-3)
        return params, opt, loss

    def run():
        out = jax.block_until_ready(step(state[0], state[1], x, eps))
        state[:] = out[:2]
        return out

    return run


# DCGAN (genc/zoo/gan.h): 32x32, latent 64, channels 32/64/128.
GAN_B, GAN_LATENT = 64, 64


def gan_init(key):
    k = jax.random.split(key, 7)
    g = {"expand": init_dense(k[0], GAN_LATENT, 4 * 4 * 128),
         "norm": [init_norm(4 * 4 * 128), init_norm(64), init_norm(32)],
         "deconv": [init_conv(k[1], 4, 128, 64), init_conv(k[2], 4, 64, 32),
                    init_conv(k[3], 4, 32, 3)]}
    d = {"conv": [init_conv(k[4], 4, 3, 32), init_conv(k[5], 4, 32, 64),
                  init_conv(k[6], 4, 64, 128)],
         "score": init_dense(k[0], 4 * 4 * 128, 1)}
    return g, d


def generate(g, z):
    h = jax.nn.relu(batch_norm(g["norm"][0], dense(g["expand"], z)))
    h = h.reshape(-1, 4, 4, 128)
    for i in range(2):
        h = jax.nn.relu(batch_norm(g["norm"][i + 1], deconv(g["deconv"][i], h)))
    return jax.nn.sigmoid(deconv(g["deconv"][2], h))


def discriminate(d, x):
    h = x
    for layer in d["conv"]:
        h = jax.nn.leaky_relu(conv(layer, h, 2), 0.2)
    return dense(d["score"], h.reshape(h.shape[0], -1))[:, 0]


def dcgan_step():
    kp, kx, kz = jax.random.split(jax.random.key(0), 3)
    g, d = gan_init(kp)
    x = jax.random.uniform(kx, (GAN_B, 32, 32, 3))
    adam = lambda p, gr, o: adam_update(p, gr, o, 2e-4, b1=0.5, b2=0.999)
    state = [g, adam_init(g), d, adam_init(d), kz]

    # Two jits, called in sequence (genc compiles the two updates separately).
    @functools.partial(jax.jit, donate_argnums=(0, 1))
    def d_step(d, opt_d, g, x, key):
        key, k = jax.random.split(key)
        fake = generate(g, jax.random.normal(k, (GAN_B, GAN_LATENT)))
        loss_fn = lambda d: (jnp.mean(jax.nn.softplus(-discriminate(d, x)))
                             + jnp.mean(jax.nn.softplus(discriminate(d, fake))))
        loss, grads = jax.value_and_grad(loss_fn)(d)
        d, opt_d = adam(d, grads, opt_d)
        return d, opt_d, loss, key

    @functools.partial(jax.jit, donate_argnums=(0, 1))
    def g_step(g, opt_g, d, key):
        key, k = jax.random.split(key)
        z = jax.random.normal(k, (GAN_B, GAN_LATENT))
        loss_fn = lambda g: jnp.mean(jax.nn.softplus(-discriminate(d, generate(g, z))))
        loss, grads = jax.value_and_grad(loss_fn)(g)
        g, opt_g = adam(g, grads, opt_g)
        return g, opt_g, loss, key

    def run():
        g, opt_g, d, opt_d, key = state
        d, opt_d, loss_d, key = d_step(d, opt_d, g, x, key)
        g, opt_g, loss_g, key = g_step(g, opt_g, d, key)
        out = jax.block_until_ready((g, opt_g, d, opt_d, key, loss_d, loss_g))
        state[:] = out[:5]
        return out

    return run


# DDPM (genc/zoo/diffusion.h): 32x32, channels 32/64/128, GroupNorm 8,
# time embedding 128, T = 1000, linear β.
T, TDIM, DDPM_B = 1000, 128, 64


def make_schedule():
    betas = 1e-4 + (0.02 - 1e-4) * np.arange(T, dtype=np.float64) / (T - 1)
    return betas, np.cumprod(1 - betas)


def sampler_table(steps):
    """Ho et al.'s clipped ancestral sampler on `steps` evenly spaced
    timesteps τ (descending to 0), respaced β' = 1 - ᾱ_τi / ᾱ_τi-1."""
    _, abar = make_schedule()
    tau = [int(np.floor(i * (T - 1) / (steps - 1) + 0.5)) for i in range(steps - 1, -1, -1)]
    rows = []
    for i, t in enumerate(tau):
        a = abar[t]
        last = i + 1 == len(tau)
        a_prev = 1.0 if last else abar[tau[i + 1]]
        beta = 1 - a / a_prev
        var = 0.0 if last else beta * (1 - a_prev) / (1 - a)
        rows.append((1 / math.sqrt(a), math.sqrt(1 / a - 1),
                     math.sqrt(a_prev) * beta / (1 - a),
                     math.sqrt(1 - beta) * (1 - a_prev) / (1 - a),
                     math.sqrt(max(var, 0.0))))
    cols = np.asarray(rows, np.float32).T
    return np.asarray(tau, np.int32), cols  # cols: ra, rm, coef_x0, coef_xt, sigma


def init_block(key, cin, cout):
    k = jax.random.split(key, 4)
    p = {"norm1": init_norm(cin), "conv1": init_conv(k[0], 3, cin, cout),
         "time": init_dense(k[1], TDIM, cout), "norm2": init_norm(cout),
         # the residual branch starts at zero: each block starts as its skip
         "conv2": jax.tree.map(jnp.zeros_like, init_conv(k[2], 3, cout, cout))}
    if cin != cout:
        p["skip"] = init_conv(k[3], 1, cin, cout)
    return p


def unet_init(key):
    k = jax.random.split(key, 14)
    return {"time1": init_dense(k[0], TDIM, TDIM), "time2": init_dense(k[1], TDIM, TDIM),
            "in": init_conv(k[2], 3, 3, 32),
            "down0": init_block(k[3], 32, 32), "down1": init_block(k[4], 64, 64),
            "down2": init_block(k[5], 128, 128), "mid": init_block(k[6], 128, 128),
            "up1": init_block(k[7], 128, 64), "up0": init_block(k[8], 64, 32),
            "downsample0": init_conv(k[9], 3, 32, 64),
            "downsample1": init_conv(k[10], 3, 64, 128),
            "upsample1": init_conv(k[11], 4, 128, 64),
            "upsample0": init_conv(k[12], 4, 64, 32),
            "out_norm": init_norm(32), "out": init_conv(k[13], 3, 32, 3)}


def res_block(p, x, temb):
    h = conv(p["conv1"], jax.nn.silu(group_norm(p["norm1"], x)))
    h = h + dense(p["time"], jax.nn.silu(temb))[:, None, None, :]
    h = conv(p["conv2"], jax.nn.silu(group_norm(p["norm2"], h)))
    return h + (conv(p["skip"], x) if "skip" in p else x)


def predict_noise(p, x, t):
    half = TDIM // 2
    freqs = np.exp(-math.log(10000.0) * np.arange(half) / half).astype(np.float32)
    tf = t.astype(jnp.float32)[:, None] * freqs[None, :]
    temb = jnp.concatenate([jnp.sin(tf), jnp.cos(tf)], 1)
    temb = dense(p["time2"], jax.nn.silu(dense(p["time1"], temb)))
    h = conv(p["in"], x)
    skip0 = res_block(p["down0"], h, temb)
    h = conv(p["downsample0"], skip0, 2)
    skip1 = res_block(p["down1"], h, temb)
    h = conv(p["downsample1"], skip1, 2)
    h = res_block(p["down2"], h, temb)
    h = res_block(p["mid"], h, temb)
    h = deconv(p["upsample1"], h)
    h = res_block(p["up1"], jnp.concatenate([h, skip1], 3), temb)
    h = deconv(p["upsample0"], h)
    h = res_block(p["up0"], jnp.concatenate([h, skip0], 3), temb)
    return conv(p["out"], jax.nn.silu(group_norm(p["out_norm"], h)))


def ddpm_loss(p, x, key):
    _, abar = make_schedule()
    ca = jnp.asarray(np.sqrt(abar), jnp.float32)
    cb = jnp.asarray(np.sqrt(1 - abar), jnp.float32)
    kt, kn = jax.random.split(key)
    n = x.shape[0]
    t = jnp.minimum(jnp.floor(jax.random.uniform(kt, (n,)) * T), T - 1).astype(jnp.int32)
    noise = jax.random.normal(kn, x.shape)
    xt = ca[t][:, None, None, None] * (2 * x - 1) + cb[t][:, None, None, None] * noise
    return jnp.mean((noise - predict_noise(p, xt, t)) ** 2)


def ddpm_step():
    kp, kx, kk = jax.random.split(jax.random.key(0), 3)
    params = unet_init(kp)
    ema = jax.tree.map(jnp.copy, params)
    state = [params, adam_init(params), ema, kk]
    x = jax.random.uniform(kx, (DDPM_B, 32, 32, 3))

    @functools.partial(jax.jit, donate_argnums=(0, 1, 2))
    def step(params, opt, ema, x, key):
        key, k = jax.random.split(key)
        loss, grads = jax.value_and_grad(ddpm_loss)(params, x, k)
        params, opt = adam_update(params, grads, opt, 1e-3)
        ema = jax.tree.map(lambda e, p: 0.999 * e + 0.001 * p, ema, params)
        return params, opt, ema, key, loss

    def run():
        out = jax.block_until_ready(step(state[0], state[1], state[2], x, state[3]))
        state[:] = out[:4]
        return out

    return run


def ddpm_sample(steps=100):
    kp, key = jax.random.split(jax.random.key(0))
    params = unet_init(kp)
    tau, cols = sampler_table(steps)

    @jax.jit
    def sample(params, key):
        ts, (ra, rm, cx0, cxt, sigma) = jnp.asarray(tau), jnp.asarray(cols)
        k0, k1 = jax.random.split(key)

        def body(i, carry):
            x, key = carry
            key, kz = jax.random.split(key)
            eps = predict_noise(params, x, jnp.broadcast_to(ts[i], (DDPM_B,)))
            x0 = jnp.clip(ra[i] * x - rm[i] * eps, -1.0, 1.0)
            z = jax.random.normal(kz, x.shape)
            return cx0[i] * x0 + cxt[i] * x + sigma[i] * z, key

        x = jax.random.normal(k0, (DDPM_B, 32, 32, 3))
        x, _ = lax.fori_loop(0, steps, body, (x, k1))
        return jnp.clip((x + 1) * 0.5, 0.0, 1.0)

    return lambda: jax.block_until_ready(sample(params, key))


def per_example_grads():
    k = jax.random.split(jax.random.key(0), 5)
    sizes = (784, 256, 256, 10)
    params = [init_dense(k[i], sizes[i], sizes[i + 1]) for i in range(3)]
    x = jax.random.normal(k[3], (64, 784))
    y = jax.random.normal(k[4], (64, 10))

    def loss(params, x, y):  # one example: x [784], y [10]
        h = jax.nn.relu(dense(params[1], jax.nn.relu(dense(params[0], x))))
        return jnp.sum((dense(params[2], h) - y) ** 2)

    f = jax.jit(jax.vmap(jax.grad(loss), in_axes=(None, 0, 0)))
    return lambda: jax.block_until_ready(f(params, x, y))


# IAF (genc/zoo/flow.h MadeFlow): maximum-likelihood step, density by the
# sequential loop (lax.fori_loop, one rank-1 hidden update per dimension).
IAF_D, IAF_H, IAF_LAYERS = 3072, 256, 4


def iaf_masks():
    d, h = IAF_D, IAF_H
    din = jnp.arange(d, dtype=jnp.float32)[:, None] + 1.0
    hid = jnp.floor(jnp.arange(h, dtype=jnp.float32) * ((d - 1) / h))[None, :] + 1.0
    m1 = (din <= hid).astype(jnp.float32)                     # [D, H]
    m2 = (hid.T < din.T).astype(jnp.float32)                  # [H, D]
    return m1, jnp.concatenate([m2, m2], 1)


def iaf_nll(params, x):
    m1, m2 = iaf_masks()
    b = x.shape[0]
    v, logdet = x, jnp.zeros(b)
    for l in reversed(range(IAF_LAYERS)):
        p = params[l]
        w1, w2 = p["w1"] * m1, p["w2"] * m2

        def body(i, c, v=v, p=p, w1=w1, w2=w2):
            out, pre, sums = c
            h = jax.nn.relu(pre + p["b1"])
            mu = h @ w2[:, i] + p["b2"][i]
            sc = jnp.tanh(h @ w2[:, IAF_D + i] + p["b2"][IAF_D + i])
            u = (v[:, i] - mu) * jnp.exp(-sc)
            return out.at[:, i].set(u), pre + u[:, None] * w1[i][None, :], sums + sc

        init = (jnp.zeros((b, IAF_D)), jnp.zeros((b, IAF_H)), jnp.zeros(b))
        u, _, sums = lax.fori_loop(0, IAF_D, body, init)
        v = u[:, ::-1] if l % 2 == 1 else u
        logdet = logdet - sums
    logn = -0.5 * jnp.sum(v * v, 1) - 0.5 * IAF_D * math.log(2 * math.pi)
    return -jnp.mean(logn + logdet)


def iaf_step():
    keys = jax.random.split(jax.random.key(0), IAF_LAYERS + 1)
    params = [{"w1": jax.random.normal(keys[l], (IAF_D, IAF_H)) * math.sqrt(2.0 / IAF_D),
               "b1": jnp.zeros(IAF_H), "w2": jnp.zeros((IAF_H, 2 * IAF_D)),
               "b2": jnp.zeros(2 * IAF_D)} for l in range(IAF_LAYERS)]
    state = [params, adam_init(params)]
    x = jax.random.normal(keys[-1], (64, IAF_D))

    @functools.partial(jax.jit, donate_argnums=(0, 1))
    def step(params, opt, x):
        loss, grads = jax.value_and_grad(iaf_nll)(params, x)
        params, opt = adam_update(params, grads, opt, 1e-3)
        return params, opt, loss

    def run():
        out = jax.block_until_ready(step(state[0], state[1], x))
        state[:] = out[:2]
        return out

    return run


WORKLOADS = {
    "matmul_1024": lambda: matmul(1024), "matmul_2048": lambda: matmul(2048),
    "conv_enc0": lambda: conv_vjp(False, (64, 64, 64, 3), 32),
    "conv_enc1": lambda: conv_vjp(False, (64, 32, 32, 32), 64),
    "conv_enc2": lambda: conv_vjp(False, (64, 16, 16, 64), 128),
    "conv_dec0": lambda: conv_vjp(True, (64, 8, 8, 128), 64),
    "conv_dec1": lambda: conv_vjp(True, (64, 16, 16, 64), 32),
    "conv_dec2": lambda: conv_vjp(True, (64, 32, 32, 32), 3),
    "vae_step_32": lambda: vae_step(32), "vae_step_64": lambda: vae_step(64),
    "dcgan_step": dcgan_step, "ddpm_step": ddpm_step,
    "ddpm_sample_100": ddpm_sample, "per_example_grads": per_example_grads,
    "iaf_step": iaf_step,
}


def threads():  # XLA's CPU thread pool: the XLA_FLAGS setting, else the usable cores
    m = re.search(r"intra_op_parallelism_threads=(\d+)", os.environ.get("XLA_FLAGS", ""))
    if m:
        return int(m.group(1))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def measure(name, steps, warmup):
    run = WORKLOADS[name]()  # inputs and parameters, generated once
    jax.block_until_ready(jax.live_arrays())
    t0 = time.perf_counter()
    run()
    compile_s = time.perf_counter() - t0
    for _ in range(warmup):
        run()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1e3)
    return {"framework": "jax", "version": jax.__version__, "workload": name,
            "compile_s": compile_s, "median_ms": statistics.median(times),
            "min_ms": min(times), "max_ms": max(times), "steps": steps,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "threads": threads(), "devices": str(jax.devices())}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--workload")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    if args.list:
        print("\n".join(WORKLOADS))
        return 0
    if args.workload not in WORKLOADS:
        print(f"peer_jax: unknown workload {args.workload!r} (see --list)", file=sys.stderr)
        return 1
    try:
        row = measure(args.workload, args.steps, args.warmup)
    except Exception as e:  # noqa: BLE001 - report any failure as exit 1
        print(f"peer_jax: {args.workload}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
