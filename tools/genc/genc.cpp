//===- genc.cpp - the genc command-line tool ------------------------------===//
//
// A thin main: `genc compile|run|opt|bench ...` dispatches to Commands.h.
//
//===----------------------------------------------------------------------===//

#include "tools/genc/Commands.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

static const char *kUsage =
    "usage: genc <command> [options]\n"
    "\n"
    "commands:\n"
    "  compile IN.mlir -o OUT [--target=cpu|cuda] [--emit=KIND]\n"
    "      compile a module; KIND is one of genc, linalg, bufferized, loops,\n"
    "      llvm (MLIR phases), llvm-ir, asm, obj, so, header. Default: obj\n"
    "      plus OUT's .h header; OUT ending in .so gives a loadable shared\n"
    "      library plus header.\n"
    "  run IN.mlir [--function=NAME] [--backend=cpu|interp|cuda]\n"
    "      [--input=2x3xf32=1 2 3 4 5 6 | --input=@x.npy]...\n"
    "      [--output=@out.npy | --output=-]...\n"
    "      run a function; results are printed in the same notation or\n"
    "      written to .npy files (one --output per result, in order).\n"
    "  opt [genc-opt options]\n"
    "      mlir-opt with genc's dialects, passes and the genc-cpu-pipeline.\n"
    "  bench [--json] [--quick]\n"
    "      matmul vs OpenBLAS sgemm and a fused elementwise chain vs memcpy,\n"
    "      measured in the same run; ratio > 1 means genc is faster.\n";

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc < 2 || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    llvm::outs() << kUsage;
    return argc < 2 ? 1 : 0;
  }
  std::string cmd = argv[1];
  if (cmd == "opt") {
    // genc-opt's own parser sees "genc opt ..." as its argv.
    return ::genc::tools::optCommand(argc - 1, argv + 1);
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  if (cmd == "compile")
    return ::genc::tools::compileCommand(args);
  if (cmd == "run")
    return ::genc::tools::runCommand(args);
  if (cmd == "bench")
    return ::genc::tools::benchCommand(args);
  llvm::errs() << "genc: error: unknown command '" << cmd
               << "' (expected compile, run, opt or bench; see genc --help)\n";
  return 1;
}
