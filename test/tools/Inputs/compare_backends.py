"""Runs each function of a program of matrix products on the CPU backend and
on the CUDA backend over the fake driver/cuBLAS, with integer-valued inputs
(exact in float), and prints `NAME: same` or `NAME: DIFFERENT ...`.

usage: compare_backends.py FAKE_LIBCUDA PROGRAM.mlir
"""
import os
import re
import subprocess
import sys

fake, program = sys.argv[1], sys.argv[2]
env = dict(os.environ, GENC_CUDA_DRIVER=fake, GENC_CUBLAS_LIBRARY=fake)
text = open(program).read()
for m in re.finditer(r"func\.func @(\w+)\((.*?)\) ->", text):
    name = m.group(1)
    types = re.findall(r"tensor<([0-9x]+x(?:f32|f64|bf16))>", m.group(2))
    inputs = []
    for i, t in enumerate(types):
        n = 1
        for d in t.split("x")[:-1]:
            n *= int(d)
        vals = " ".join(str((j * (3 + i)) % 11 - 5) for j in range(n))
        inputs.append(f"--input={t}={vals}")
    out = {}
    for backend in ("cpu", "cuda"):
        r = subprocess.run(["genc", "run", program, f"--backend={backend}",
                            f"--function={name}"] + inputs,
                           capture_output=True, text=True, env=env)
        out[backend] = r.stdout.strip() if r.returncode == 0 else "error: " + r.stderr.strip()
    same = out["cpu"] == out["cuda"] and not out["cpu"].startswith("error")
    print(f"{name}: same" if same else f"{name}: DIFFERENT cpu {out['cpu']} cuda {out['cuda']}")
