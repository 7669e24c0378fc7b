"""Compares genc-zoo training runs: the final validation -ELBO of a
reference run against others (relative difference), and checkpoints
parameter by parameter.

usage: compare_runs.py REF RUN [RUN...]   (run directories)
Prints one line per run: the -ELBOs, their relative difference, the
largest parameter difference relative to the tensor's largest magnitude,
and whether the parameters are bit-identical to the first RUN's.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64}


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or not name.startswith("params/"):
            continue
        lo, hi = info["data_offsets"]
        out[name] = np.frombuffer(data[base + lo:base + hi],
                                  dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def final_nelbo(run):
    with open(run + "/metrics.json") as f:
        return json.load(f)["epochs"][-1]["val_neg_elbo"]


ref = sys.argv[1]
runs = sys.argv[2:]
ref_params = load(ref + "/checkpoint.safetensors")
first = None
for run in runs:
    params = load(run + "/checkpoint.safetensors")
    assert params.keys() == ref_params.keys(), (run, sorted(params.keys()))
    worst = 0.0
    for name, a in ref_params.items():
        scale = max(float(np.abs(a).max()), 1e-30)
        worst = max(worst, float(np.abs(a - params[name]).max()) / scale)
    if first is None:
        first = params
    identical = all(np.array_equal(first[k], params[k]) for k in params)
    a, b = final_nelbo(ref), final_nelbo(run)
    rel = abs(a - b) / abs(a)
    print(f"run nelbo_ref={a} nelbo={b} rel_ok={rel <= 1e-5} "
          f"params_rel_ok={worst <= 1e-3} same_as_first={identical}")
