"""Runs a genc program on random inputs with both backends (compiled CPU
code and the reference interpreter) and compares every result with NumPy.

usage: check.py PROGRAM.mlir CASE WORKDIR
"""
import os
import subprocess
import sys

import numpy as np

RTOL = 1e-5
ATOL = 1e-6


def conv2d_nhwc(x, w, stride, pad):
    """Cross-correlation, NHWC input, HWIO kernel, pad = (top, bottom, left, right)."""
    x = np.pad(x, ((0, 0), (pad[0], pad[1]), (pad[2], pad[3]), (0, 0)))
    n, h, wd, c = x.shape
    kh, kw, _, o = w.shape
    oh = (h - kh) // stride + 1
    ow = (wd - kw) // stride + 1
    out = np.zeros((n, oh, ow, o), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i:i + stride * oh:stride, j:j + stride * ow:stride, :]
            out += np.einsum("nhwc,co->nhwo", patch.astype(np.float64), w[i, j].astype(np.float64))
    return out


def cases(rng):
    f32 = np.float32
    if CASE == "mlp":
        x = rng.standard_normal((64, 128)).astype(f32)
        w = (rng.standard_normal((128, 32)) * 0.1).astype(f32)
        b = rng.standard_normal(32).astype(f32)
        return [x, w, b], [np.tanh(x.astype(np.float64) @ w + b)]
    if CASE == "mlp2":
        x = rng.standard_normal((16, 32)).astype(f32)
        w1 = (rng.standard_normal((32, 64)) * 0.15).astype(f32)
        b1 = rng.standard_normal(64).astype(f32)
        w2 = (rng.standard_normal((64, 64)) * 0.1).astype(f32)
        h = np.maximum(x.astype(np.float64) @ w1 + b1, 0)
        return [x, w1, b1, w2], [h @ w2]
    if CASE == "transposed_matmul":
        a = (rng.standard_normal((32, 48)) * 0.2).astype(f32)
        b = (rng.standard_normal((32, 40)) * 0.2).astype(f32)
        c = (rng.standard_normal((40, 48)) * 0.2).astype(f32)
        d = (rng.standard_normal((3, 16, 24)) * 0.2).astype(f32)
        e = (rng.standard_normal((3, 20, 24)) * 0.2).astype(f32)
        a64, d64 = a.astype(np.float64), d.astype(np.float64)
        return [a, b, c, d, e], [a64.T @ b, a64 @ c.T, np.einsum("bik,bjk->bij", d64, e)]
    if CASE == "softmax":
        x = (rng.standard_normal((8, 100)) * 3).astype(f32)
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return [x], [e / e.sum(axis=1, keepdims=True)]
    if CASE == "conv2d_nhwc":
        x = rng.standard_normal((2, 16, 16, 3)).astype(f32)
        w = rng.standard_normal((3, 3, 3, 8)).astype(f32)
        return [x, w], [conv2d_nhwc(x, w, 1, (1, 1, 1, 1)), conv2d_nhwc(x, w, 2, (0, 1, 0, 1))]
    if CASE == "reductions":
        x = (rng.standard_normal((4, 5, 6)) + 0.5).astype(f32)
        t = np.transpose(x, (2, 0, 1))
        return [x], [x.sum(0), x.max(1), x.min((0, 2)), x.prod(2), t, t.sum(0).T]
    raise SystemExit("unknown case " + CASE)


def run(backend, paths, n_out):
    outs = [os.path.join(WORK, "%s_out%d.npy" % (backend, i)) for i in range(n_out)]
    cmd = ["genc", "run", PROGRAM, "--backend=" + backend]
    cmd += ["--input=@" + p for p in paths]
    cmd += ["--output=@" + p for p in outs]
    subprocess.run(cmd, check=True)
    return [np.load(p) for p in outs]


PROGRAM, CASE, WORK = sys.argv[1:4]
os.makedirs(WORK, exist_ok=True)
inputs, expected = cases(np.random.default_rng(42))
paths = []
for i, a in enumerate(inputs):
    p = os.path.join(WORK, "in%d.npy" % i)
    np.save(p, a)
    paths.append(p)
ok = True
for backend in ("cpu", "interp"):
    got = run(backend, paths, len(expected))
    for i, (g, e) in enumerate(zip(got, expected)):
        e = e.astype(np.float32)
        if g.shape != e.shape or not np.allclose(g, e, rtol=RTOL, atol=ATOL):
            err = np.abs(g.astype(np.float64) - e).max() if g.shape == e.shape else "shape"
            print("%s %s result %d: MISMATCH (max abs err %s)" % (CASE, backend, i, err))
            ok = False
        else:
            print("%s %s result %d: ok (max abs err %.3g)" % (
                CASE, backend, i, np.abs(g.astype(np.float64) - e).max()))
sys.exit(0 if ok else 1)
