# lit configuration for genc: FileCheck tests driven by genc-opt and genc.
import os
import lit.formats

config.name = "genc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.genc_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.genc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# The sanitizer build (scripts/sanitize.sh) passes its flags and options
# on to what tests build and run (the find_package apps).
for var in ("CFLAGS", "CXXFLAGS", "LDFLAGS", "ASAN_OPTIONS", "UBSAN_OPTIONS",
            ):
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.substitutions.append(("%genc_src", config.genc_src_root))
config.substitutions.append(("%genc_obj", config.genc_obj_root))
config.substitutions.append(("%cmake", config.cmake_command))
# Numeric comparisons use Debian's python3 with python3-numpy (installed by
# scripts/setup.sh); the build itself never needs Python.
config.substitutions.append(("%python", "/usr/bin/python3"))

# Multi-process tests need Open MPI's launcher (libopenmpi-dev/openmpi-bin,
# installed by scripts/setup.sh). %mpirun runs N ranks on this machine, as
# root too, with more ranks than cores allowed.
import shutil
if shutil.which("mpirun"):
    config.available_features.add("mpi")
config.substitutions.append(
    ("%mpirun", "mpirun --allow-run-as-root --oversubscribe"))

# CUDA compile tests need only the toolkit's ptxas (no GPU): kernels are
# assembled for sm_90a to check the PTX genc generates.
ptxas = next((p for p in [os.path.join(os.environ.get("CUDA_HOME", "/usr/local/cuda"), "bin", "ptxas"),
                          "/usr/local/cuda/bin/ptxas", shutil.which("ptxas") or ""]
              if p and os.access(p, os.X_OK)), None)
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))

# Machines with the NVIDIA driver (libcuda.so.1) run CUDA; the others test
# the clear no-GPU error instead.
import ctypes
try:
    ctypes.CDLL("libcuda.so.1")
    config.available_features.add("cuda-driver")
except OSError:
    pass
