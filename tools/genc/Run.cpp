//===- Run.cpp - `genc run` -----------------------------------------------===//
//
// Runs one function of a module on inputs given in IREE's notation or as
// .npy files, with the compiled CPU code (in-process JIT, the same artifact
// ABI as AOT) or with the reference interpreter.
//
//===----------------------------------------------------------------------===//

#include "genc/runtime/Cuda.h"
#include "tools/genc/Commands.h"
#include "frontend/lib/Interop.h"

#include "compiler/API/Compile.h"
#include "dialects/genc/Interpreter/Interpreter.h"
#include "genc/runtime/Artifact.h"
#include "genc/runtime/Module.h"
#include "genc/runtime/Profile.h"
#include "genc/runtime/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::genc;
namespace rt = ::genc::runtime;

namespace {

/// The function to run: --function, else `main`, else the only public one.
FailureOr<func::FuncOp> pickFunction(ModuleOp module, llvm::StringRef name,
                                     std::string &error) {
  SmallVector<func::FuncOp> publics;
  for (auto fn : module.getOps<func::FuncOp>())
    if (!fn.isPrivate() && !fn.isDeclaration())
      publics.push_back(fn);
  auto names = [&] {
    std::string s;
    for (auto fn : publics)
      s += (s.empty() ? "" : ", ") + fn.getName().str();
    return s.empty() ? std::string("none") : s;
  };
  if (!name.empty()) {
    for (auto fn : publics)
      if (fn.getName() == name)
        return fn;
    error = "no public function '" + name.str() + "' in the module; available: " +
            names();
    return failure();
  }
  for (auto fn : publics)
    if (fn.getName() == "main")
      return fn;
  if (publics.size() == 1)
    return publics.front();
  error = "which function? use --function=NAME; available: " + names();
  return failure();
}

} // namespace

int ::genc::tools::runCommand(const std::vector<std::string> &args) {
  std::string input, function, backend = "cpu";
  std::vector<std::string> inputs, outputs;
  CompileOptions options;
  bool archGiven = false;
  for (const std::string &a : args) {
    llvm::StringRef arg = a, name, value;
    if (splitFlag(arg, name, value)) {
      if (name == "function")
        function = value.str();
      else if (name == "backend")
        backend = value.str();
      else if (name == "input")
        inputs.push_back(value.str());
      else if (name == "output")
        outputs.push_back(value.str());
      else if (name == "fast-math")
        options.fastMath = true;
      else if (name == "gpu-arch") {
        options.gpuArch = value.str();
        archGiven = true;
      } else if (name == "no-blas")
        options.useBlas = false;
      else if (name == "vector-bits") {
        options.vectorBits = parseVectorBits("run", value);
        if (options.vectorBits < -1)
          return 1;
      }
      else if (name == "profile")
        options.profile = true;
      else if (name == "check-numerics")
        options.checkNumerics = true;
      else if (name == "help") {
        llvm::outs() << "usage: genc run IN.mlir [--function=NAME] "
                        "[--backend=cpu|interp|cuda] [--gpu-arch=sm_90a] [--fast-math] [--input=SPEC]... "
                        "[--output=@FILE.npy|-]... [--no-blas] [--vector-bits=0|256|512] [--profile] [--check-numerics]\n";
        return 0;
      } else
        return fail("run", "unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = a;
    } else {
      return fail("run", "unexpected argument '" + arg +
                               "' (quote --input values that contain spaces)");
    }
  }
  if (input.empty())
    return fail("run", "no input file (usage: genc run IN.mlir --input=...)");
  if (backend != "cpu" && backend != "interp" && backend != "cuda")
    return fail("run", "unknown backend '" + backend +
                           "' (expected cpu, interp or cuda)");
  if (options.fastMath && backend != "cuda")
    return fail("run", "--fast-math is CUDA's fast-math policy: it needs "
                       "--backend=cuda");
  if (options.profile && backend != "cpu")
    return fail("run", "--profile times compiled kernels: it needs --backend=cpu");
  if (options.checkNumerics && backend != "cpu")
    return fail("run", "--check-numerics checks compiled kernels: it needs "
                       "--backend=cpu");
  if (backend == "cuda") {
    // The driver is probed first: without a GPU this is the whole answer.
    absl::StatusOr<std::vector<rt::CudaDeviceInfo>> gpus = rt::cudaDevices();
    if (!gpus.ok())
      return fail("run", std::string(gpus.status().message()));
    // Kernels for the GPU found, unless --gpu-arch says otherwise.
    if (!archGiven)
      options.gpuArch = "sm_" + std::to_string((*gpus)[0].computeMajor) +
                        std::to_string((*gpus)[0].computeMinor) +
                        ((*gpus)[0].computeMajor == 9 ? "a" : "");
    options.target = "cuda";
  }

  // Parse the inputs first: bad input data is reported before compiling.
  std::vector<rt::Buffer> buffers;
  for (auto [i, spec] : llvm::enumerate(inputs)) {
    absl::StatusOr<rt::Buffer> b = rt::parseTensorLiteral(spec);
    if (!b.ok())
      return fail("run", "--input " + llvm::Twine(i) + ": " +
                             std::string(b.status().message()));
    buffers.push_back(std::move(*b));
  }

  auto ctx = makeContext();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, ctx.get());
  OwningOpRef<ModuleOp> module = loadModule(*ctx, sourceMgr, input);
  if (!module)
    return 1;
  std::string error;
  FailureOr<func::FuncOp> fn = pickFunction(*module, function, error);
  if (failed(fn))
    return fail("run", error);
  std::string fnName = fn->getName().str();

  std::vector<rt::Buffer> results;
  if (backend == "interp") {
    if (failed(expandTransforms(*module)))
      return 1;
    SmallVector<interp::RefTensor> refArgs;
    for (auto [i, b] : llvm::enumerate(buffers)) {
      FailureOr<interp::RefTensor> t = ::genc::interop::toRefTensor(*ctx, b, error);
      if (failed(t))
        return fail("run", "input " + llvm::Twine(i) + ": " + error);
      refArgs.push_back(std::move(*t));
    }
    FailureOr<SmallVector<interp::RefTensor>> out =
        interp::interpret(*fn, refArgs);
    if (failed(out))
      return 1;
    for (const interp::RefTensor &t : *out) {
      absl::StatusOr<rt::Buffer> b = ::genc::interop::toBuffer(t);
      if (!b.ok())
        return fail("run", std::string(b.status().message()));
      results.push_back(std::move(*b));
    }
  } else {
    FailureOr<std::unique_ptr<JitModule>> jit =
        JitModule::create(*module, options);
    if (failed(jit))
      return 1;
    absl::StatusOr<std::vector<rt::FunctionSignature>> sigs =
        rt::parseArtifactMetadata((*jit)->metadata());
    if (!sigs.ok())
      return fail("run", std::string(sigs.status().message()));
    std::shared_ptr<JitModule> keep(std::move(*jit));
    absl::StatusOr<std::unique_ptr<rt::Module>> rtModule = rt::Module::fromParts(
        std::move(*sigs),
        [keep](const std::string &symbol) -> absl::StatusOr<rt::InvokeFn> {
          void *p = keep->lookupSymbol(symbol);
          if (!p)
            return absl::NotFoundError("no symbol " + symbol);
          return reinterpret_cast<rt::InvokeFn>(p);
        },
        keep);
    if (!rtModule.ok())
      return fail("run", std::string(rtModule.status().message()));
    absl::StatusOr<const rt::Function *> f = (*rtModule)->lookup(fnName);
    if (!f.ok())
      return fail("run", std::string(f.status().message()));
    std::vector<const rt::Buffer *> ptrs;
    for (const rt::Buffer &b : buffers)
      ptrs.push_back(&b);
    absl::StatusOr<std::vector<rt::Buffer>> out = (*f)->call(ptrs);
    if (!out.ok())
      return fail("run", std::string(out.status().message()));
    results = std::move(*out);
    if (options.profile)
      llvm::errs() << rt::profileReport();
  }

  if (outputs.size() > results.size())
    return fail("run", llvm::Twine(outputs.size()) + " --output flags but '" +
                           fnName + "' returns " +
                           llvm::Twine(results.size()) + " result(s)");
  for (auto [i, r] : llvm::enumerate(results)) {
    std::string dest = i < outputs.size() ? outputs[i] : "-";
    if (dest == "-") {
      llvm::outs() << rt::formatTensorLiteral(r) << "\n";
      continue;
    }
    if (dest.empty() || dest[0] != '@')
      return fail("run", "--output '" + dest +
                             "' must be @FILE.npy or - (print)");
    absl::Status s = rt::writeNpy(dest.substr(1), r);
    if (!s.ok())
      return fail("run", std::string(s.message()));
  }
  return 0;
}
