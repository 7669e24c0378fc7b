#!/usr/bin/env python3
"""Prepares the GPU test bundle on a machine with genc built (no GPU needed).

The GPU machines lent to this project have the CUDA driver, PyTorch and
JAX but not LLVM/MLIR, so genc cannot compile there. Everything is compiled
here, ahead of time, into BUNDLE (default gpu-bundle/ in the repository,
git-ignored; the device tool carries it):

  bin/genc-run-artifact      runs an artifact with the runtime alone
  lib/                       libgenc_runtime and the non-system libraries
                             it loads (Abseil, Open MPI), from ldd
  cases/NAME.so + cases.txt  every per-op integration program
                             (test/Integration/ops) compiled with genc
                             compile --target=cuda, with the inputs of its
                             first `genc run` line and the reference
                             interpreter's outputs to compare with
  bench/*.so                 4096x4096 matmuls (f32, bf16) and the galaxy
                             VAE train step (32x32, batch 64) for CUDA
  run.sh, peers.py           what runs there (test/gpu/run.sh)

usage: test/gpu/prepare.py [--build build] [--out gpu-bundle] [--arch sm_90a]
"""
import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The loader and C/C++ runtime of the GPU machine's own system are used.
SYSTEM_LIBS = ("linux-vdso", "ld-linux", "libc.so", "libm.so", "libdl.so",
               "libpthread.so", "librt.so", "libstdc++.so", "libgcc_s.so")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def first_run_line(path):
    """(function, [input specs]) of the file's first `genc run` RUN line."""
    for line in open(path):
        m = re.search(r"RUN: genc run %s(.*?)(\||$)", line)
        if not m:
            continue
        args = shlex.split(m.group(1))
        fn, inputs = "main", []
        for a in args:
            if a.startswith("--function="):
                fn = a.split("=", 1)[1]
            elif a.startswith("--input="):
                inputs.append(a.split("=", 1)[1])
        return fn, inputs
    return None


def copy_libs(binary, libdir):
    out = run(["ldd", binary]).stdout
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (\S+)", line)
        if not m or m.group(2) == "not":
            continue
        name, path = m.group(1), m.group(2)
        if any(name.startswith(s) for s in SYSTEM_LIBS):
            continue
        shutil.copy2(os.path.realpath(path), os.path.join(libdir, name))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--out", default=os.path.join(ROOT, "gpu-bundle"))
    p.add_argument("--arch", default="sm_90a")
    a = p.parse_args()
    genc = os.path.join(a.build, "bin", "genc")
    runner = os.path.join(a.build, "bin", "genc-run-artifact")
    for b in (genc, runner):
        if not os.access(b, os.X_OK):
            sys.exit(f"prepare.py: {b} not built (ninja -C {a.build})")
    shutil.rmtree(a.out, ignore_errors=True)
    for d in ("bin", "lib", "cases", "bench"):
        os.makedirs(os.path.join(a.out, d))
    shutil.copy2(runner, os.path.join(a.out, "bin"))
    copy_libs(runner, os.path.join(a.out, "lib"))
    for f in ("run.sh", "peers.py"):
        shutil.copy2(os.path.join(HERE, f), a.out)
    shutil.copy2(os.path.join(ROOT, "bench", "suite", "peer_jax.py"), a.out)

    # Correctness cases: every per-op program, its inputs, the interpreter's
    # outputs.
    lines, skipped = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "Integration", "ops", "*.mlir"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = first_run_line(path)
        if spec is None:
            skipped.append(f"{name} (no genc run line)")
            continue
        fn, inputs = spec
        so = os.path.join(a.out, "cases", name + ".so")
        c = subprocess.run([genc, "compile", path, "--target=cuda",
                            f"--gpu-arch={a.arch}", "-o", so],
                           capture_output=True, text=True)
        if c.returncode != 0:
            skipped.append(f"{name} (compile: {c.stderr.strip().splitlines()[-1]})")
            continue
        # The interpreter's outputs, as the literals genc run prints (bf16
        # has no .npy form).
        r = subprocess.run([genc, "run", path, "--backend=interp", f"--function={fn}"]
                           + [f"--input={x}" for x in inputs], capture_output=True, text=True)
        if r.returncode != 0:
            skipped.append(f"{name} (interpreter failed)")
            continue
        outs = [l for l in r.stdout.splitlines() if re.match(r"^\S+=", l)]
        expects = " ".join(shlex.quote(f"--expect={o}") for o in outs)
        ins = " ".join(shlex.quote(f"--input={x}") for x in inputs)
        lines.append(f"{name}|{fn}|{ins} {expects}")
    with open(os.path.join(a.out, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")

    # Benchmarks.
    bench = os.path.join(a.out, "bench")
    with tempfile.TemporaryDirectory() as tmp:
        for dt in ("f32", "bf16"):
            src = os.path.join(tmp, f"matmul_{dt}.mlir")
            with open(src, "w") as f:
                f.write(f"func.func @main(%a: tensor<4096x4096x{dt}>, %b: tensor<4096x4096x{dt}>)"
                        f" -> tensor<4096x4096x{dt}> {{\n"
                        f"  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0]"
                        f" : (tensor<4096x4096x{dt}>, tensor<4096x4096x{dt}>) -> tensor<4096x4096x{dt}>\n"
                        f"  return %c : tensor<4096x4096x{dt}>\n}}\n")
            run([genc, "compile", src, "--target=cuda", f"--gpu-arch={a.arch}",
                 "-o", os.path.join(bench, f"matmul_{dt}.so")])
        # The VAE train step as the peer suite traces it: the largest program
        # genc-bench-suite hands the compiler.
        dump = os.path.join(tmp, "dump")
        env = dict(os.environ, GENC_DUMP_DIR=dump, GENC_CACHE_DIR=os.path.join(tmp, "cache"),
                   OPENBLAS_NUM_THREADS="1")
        run([os.path.join(a.build, "bin", "genc-bench-suite"), "--workload", "vae_step_32",
             "--steps", "1", "--warmup", "0"], env=env)
        step = max(glob.glob(os.path.join(dump, "*.mlir")), key=os.path.getsize)
        run([genc, "compile", step, "--target=cuda", f"--gpu-arch={a.arch}",
             "-o", os.path.join(bench, "vae_step_32.so")])
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(a.out) for f in fs)
    print(f"prepared {a.out}: {len(lines)} cases, {len(skipped)} skipped, "
          f"{size / 2**20:.1f} MiB")
    for s in skipped:
        print(f"  skipped {s}")


if __name__ == "__main__":
    main()
