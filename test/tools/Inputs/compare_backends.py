"""Runs each function of a program under two `genc run` configurations,
with integer-valued inputs (exact in float), and prints `NAME: same` or
`NAME: DIFFERENT ...`.

usage: compare_backends.py PROGRAM.mlir 'FLAGS A' 'FLAGS B' [VAR=VALUE]...
e.g.   compare_backends.py m.mlir --backend=interp '--backend=cpu --vector-bits=512'
       compare_backends.py m.mlir --backend=cpu --backend=cuda \
           GENC_CUDA_DRIVER=fake.so GENC_CUBLAS_LIBRARY=fake.so
"""
import os
import re
import subprocess
import sys

program, configs = sys.argv[1], sys.argv[2:4]
env = dict(os.environ)
for assignment in sys.argv[4:]:
    var, _, value = assignment.partition("=")
    env[var] = value
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
    out = []
    for flags in configs:
        r = subprocess.run(["genc", "run", program, f"--function={name}"] +
                           flags.split() + inputs,
                           capture_output=True, text=True, env=env)
        out.append(r.stdout.strip() if r.returncode == 0 else "error: " + r.stderr.strip())
    same = out[0] == out[1] and not out[0].startswith("error")
    print(f"{name}: same" if same else
          f"{name}: DIFFERENT {configs[0]}: {out[0]} {configs[1]}: {out[1]}")
