"""The peer suite's driver: runs every workload of bench/suite/WORKLOADS.md
in genc, JAX and PyTorch (and NumPy's OpenBLAS for matmul), one process per
workload and framework, on the same machine in the same run, and writes
suite.json and suite.md (a Markdown table with ratios) into the output
folder. Run by bench/suite.sh with the private venv's Python.

usage: run.py --genc BIN --out DIR [--steps N] [--warmup N] [--only a,b]
              [--frameworks genc,jax,torch,numpy]
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT_S = 1800
# One 100-step sampling chain takes 30-110 s per framework here: fewer
# timed calls for it (the only deviation from --steps/--warmup).
FEW_STEPS = {"ddpm_sample_100": (3, 0), "iaf_step": (5, 1)}


def run_json(cmd, env=None):
    """Runs one benchmark process; its last stdout line is JSON."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {TIMEOUT_S} s"}
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        msg = (p.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {p.returncode}: {msg}"}
    return json.loads(lines[-1])


def machine():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) // (1024 * 1024)
    except (OSError, ValueError, IndexError):
        pass
    return f"{model}, {os.cpu_count()} cores, {mem} GiB"


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=HERE).stdout.strip()
    except OSError:
        return "unknown"


def fmt_ms(r):
    if not r or "error" in r:
        return "–"
    return f"{r['median_ms']:.1f} ({r['min_ms']:.1f}–{r['max_ms']:.1f})"


def ratio(a, b):
    """genc time / peer time (< 1: genc faster)."""
    if not a or not b or "error" in a or "error" in b:
        return "–"
    return f"{a['median_ms'] / b['median_ms']:.2f}"


def table(rows, peak_gflops):
    out = ["| workload | GFLOP | genc ms (min–max) | JAX ms | PyTorch ms | OpenBLAS ms "
           "| genc/JAX | genc/PyTorch | genc GFLOP/s | % sgemm peak "
           "| compile s genc / JAX / PyTorch | peak RSS MB genc / JAX / PyTorch |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        g, j, t, n = r.get("genc"), r.get("jax"), r.get("torch"), r.get("numpy")
        ok = g and "error" not in g
        flops = g.get("flops", 0) if ok else 0
        gf = flops / g["median_ms"] / 1e6 if ok and flops else 0
        comp = " / ".join(f"{x['compile_s']:.2f}" if x and "error" not in x else "–"
                          for x in (g, j, t))
        rss = " / ".join(f"{x['peak_rss_mb']:.0f}" if x and "error" not in x else "–"
                         for x in (g, j, t))
        out.append(f"| {name} | {flops / 1e9:.2f} | {fmt_ms(g)} | {fmt_ms(j)} | {fmt_ms(t)} "
                   f"| {fmt_ms(n) if n else ''} | {ratio(g, j)} | {ratio(g, t)} "
                   f"| {gf:.1f} | {100 * gf / peak_gflops:.0f} % | {comp} | {rss} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--genc", required=True, help="genc-bench-suite binary")
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--frameworks", default="genc,jax,torch,numpy")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    frameworks = a.frameworks.split(",")
    names = subprocess.run([a.genc, "--list"], capture_output=True, text=True,
                           check=True).stdout.split()
    order = ["matmul_1024", "matmul_2048", "conv_enc0", "conv_enc1", "conv_enc2",
             "conv_dec0", "conv_dec1", "conv_dec2", "vae_step_32", "vae_step_64",
             "dcgan_step", "ddpm_step", "ddpm_sample_100", "per_example_grads", "iaf_step"]
    names = [n for n in order if n in names]
    if a.only:
        names = [n for n in names if n in a.only.split(",")]
    py = sys.executable
    peak = run_json([a.genc, "--workload", "sgemm_peak"])
    print(f"sgemm peak (OpenBLAS, n = 2048): {peak.get('gflops', 0):.1f} GFLOP/s", flush=True)
    rows = {}
    cache = tempfile.mkdtemp(prefix="genc-suite-cache-")
    for name in names:
        r = {}
        steps, warmup = FEW_STEPS.get(name, (a.steps, a.warmup))
        common = ["--steps", str(steps), "--warmup", str(warmup)]
        # A fresh on-disk cache per workload: compile_s is a cold compile.
        env = dict(os.environ, GENC_CACHE_DIR=os.path.join(cache, name), GENC_PROGRESS="off")
        cmds = {"genc": ([a.genc, "--workload", name] + common, env),
                "jax": ([py, os.path.join(HERE, "peer_jax.py"), "--workload", name] + common, None),
                "torch": ([py, os.path.join(HERE, "peer_torch.py"), "--workload", name] + common,
                          None)}
        if name.startswith("matmul"):
            cmds["numpy"] = ([py, os.path.join(HERE, "peer_torch.py"), "--numpy", "--workload",
                              name] + common, None)
        for fw, (cmd, e) in cmds.items():
            if fw in frameworks:
                r[fw] = run_json(cmd, e)
        if name == "vae_step_64" and "genc" in frameworks:
            # The same program again from the on-disk cache: a warm start.
            # Its first call minus a steady step is the start-up cost.
            w = run_json([a.genc, "--workload", name, "--steps", "3", "--warmup", "0"], env)
            if "error" not in w:
                r["genc_warm_first_call_s"] = w["compile_s"]
                r["genc_warm_start_s"] = w["compile_s"] - w["median_ms"] / 1e3
        if name == "vae_step_64" and "genc" in frameworks:
            # Which kernels take the time (genc-cpu-profile), timed steps only.
            prof = os.path.join(os.path.abspath(a.out), "profile_vae_step_64.txt")
            run_json([a.genc, "--workload", name] + common,
                     dict(env, GENC_PROFILE="1", GENC_PROFILE_OUT=prof,
                          GENC_CACHE_DIR=os.path.join(cache, "profile")))
        rows[name] = r
        print(f"{name}: " + ", ".join(
            f"{fw} {fmt_ms(x)} ms" + (f" [{x['error']}]" if x and "error" in x else "")
            for fw, x in r.items() if isinstance(x, dict)), flush=True)

    versions = {fw: next((r[fw].get("version") for r in rows.values()
                          if fw in r and "version" in r[fw]), None)
                for fw in ("genc", "jax", "torch", "numpy")}
    meta = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": machine(),
            "commit": git_commit(), "versions": versions, "python": platform.python_version(),
            "sgemm_peak_gflops": peak.get("gflops"), "steps": a.steps, "warmup": a.warmup}
    with open(os.path.join(a.out, "suite.json"), "w") as f:
        json.dump({"meta": meta, "rows": rows}, f, indent=1)
    md = [f"Machine: {meta['machine']}; date {meta['date']}; genc {meta['commit']}; "
          + ", ".join(f"{k} {v}" for k, v in versions.items() if v and k != "genc")
          + f"; Python {meta['python']}.",
          f"OpenBLAS sgemm peak (n = 2048, best of 10): {peak.get('gflops', 0):.1f} GFLOP/s. "
          f"Median of {a.steps} steps after {a.warmup} warm-up steps; ratios are genc time / "
          "peer time (< 1: genc faster); GFLOP/s from genc's cost_analysis of the step.", "",
          table(rows, peak.get("gflops") or 1)]
    warm = rows.get("vae_step_64", {}).get("genc_warm_start_s")
    if warm is not None:
        first = rows["vae_step_64"]["genc_warm_first_call_s"]
        md += ["", f"genc warm start of vae_step_64 from the on-disk cache (a new process): "
               f"first call {first:.3f} s, of which {warm:.3f} s start-up (first call minus "
               "the median step)."]
    few = [f"{n} {s} timed calls after {w} warm-up" for n, (s, w) in FEW_STEPS.items()
           if n in rows]
    if few:
        md += ["", "Fewer steps: " + "; ".join(few) + "."]
    prof = os.path.join(a.out, "profile_vae_step_64.txt")
    if os.path.exists(prof):
        with open(prof) as f:
            lines = f.read().splitlines()
        md += ["", "CPU profile of genc's vae_step_64 (GENC_PROFILE=1, the timed steps; "
               "top kernels):", "", "```"] + lines[:40] + ["```"]
    text = "\n".join(md) + "\n"
    with open(os.path.join(a.out, "suite.md"), "w") as f:
        f.write(text)
    print()
    print(text)
    failed = [f"{n}/{fw}" for n, r in rows.items() for fw, x in r.items()
              if isinstance(x, dict) and "error" in x]
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
