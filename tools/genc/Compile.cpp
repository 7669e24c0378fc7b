//===- Compile.cpp - `genc compile` ---------------------------------------===//

#include "tools/genc/Commands.h"

#include "compiler/API/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::genc;
using namespace ::genc::tools;

namespace {

enum class Emit { Phase, LLVMIR, Asm, Obj, So, Header, Default };

/// Writes `text` to `path` ("-" for stdout).
int writeText(llvm::StringRef path, llvm::StringRef text) {
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return ::genc::tools::fail("compile", error);
  out->os() << text;
  out->keep();
  return 0;
}

std::string headerGuard(llvm::StringRef path) {
  if (path == "-")
    return "GENC_ARTIFACT_H";
  std::string guard = "GENC_";
  for (char c : llvm::sys::path::filename(path))
    guard += std::isalnum((unsigned char)c) ? std::toupper((unsigned char)c)
                                            : '_';
  return guard;
}

/// Writes `module`'s textual IR to `path` ("-" for stdout).
int writeModule(llvm::StringRef path, ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  return writeText(path, os.str());
}

/// The GPU architectures LLVM 19's NVPTX backend compiles for.
bool knownGpuArch(llvm::StringRef chip) {
  static const char *const kArchs[] = {"sm_50", "sm_52", "sm_53", "sm_60",
                                      "sm_61", "sm_62", "sm_70", "sm_72",
                                      "sm_75", "sm_80", "sm_86", "sm_87",
                                      "sm_89", "sm_90", "sm_90a"};
  return llvm::is_contained(kArchs, chip);
}

/// The --emit kinds only the CUDA target has (its MLIR phases, PTX and
/// cubins); the artifact kinds (so, obj, header, llvm-ir, asm) are shared
/// with the CPU target.
bool isCudaOnlyEmit(llvm::StringRef emit) {
  return emit == "cubin" || parseCudaPhase(emit).has_value();
}

/// genc compile --target=cuda for the CUDA-only kinds: MLIR phases, PTX
/// or a cubin (no GPU needed).
int compileForCuda(const std::string &input, std::string output,
                   const std::string &emit,
                   const CudaPipelineOptions &cuda) {
  std::optional<CudaPhase> phase = parseCudaPhase(emit);
  if (output.empty()) {
    if (emit == "cubin")
      return fail("compile", "-o OUT is required for binary output");
    output = "-";
  }
  auto ctx = makeContext();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, ctx.get());
  OwningOpRef<ModuleOp> module = loadModule(*ctx, sourceMgr, input);
  if (!module)
    return 1;
  if (emit == "cubin")
    return failed(emitCubin(*module, output, cuda)) ? 1 : 0;
  if (*phase == CudaPhase::Ptx) {
    FailureOr<std::string> ptx = emitPtx(*module, cuda);
    if (failed(ptx))
      return 1;
    return writeText(output, *ptx);
  }
  if (failed(lowerModuleForCuda(*module, *phase, cuda)))
    return 1;
  return writeModule(output, *module);
}

} // namespace

int ::genc::tools::compileCommand(const std::vector<std::string> &args) {
  std::string input, output, emitName;
  CompileOptions options;
  CudaPipelineOptions cuda;
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef arg = args[i], name, value;
    if (arg == "-o") {
      if (i + 1 == args.size())
        return fail("compile", "-o needs a file name");
      output = args[++i];
    } else if (splitFlag(arg, name, value)) {
      if (name == "target")
        options.target = value.str();
      else if (name == "emit")
        emitName = value.str();
      else if (name == "gpu-arch")
        cuda.chip = value.str();
      else if (name == "fast-math")
        cuda.fastMath = options.fastMath = true;
      else if (name == "no-blas")
        options.useBlas = false;
      else if (name == "vector-bits") {
        options.vectorBits = parseVectorBits("compile", value);
        if (options.vectorBits < -1)
          return 1;
      }
      else if (name == "profile")
        options.profile = true;
      else if (name == "check-numerics")
        options.checkNumerics = true;
      else if (name == "print-ir-after-all")
        options.printIRAfterAll = true;
      else if (name == "O" && value.size() == 1 && value[0] >= '0' &&
               value[0] <= '3')
        options.optLevel = value[0] - '0';
      else if (name == "help") {
        llvm::outs() << "usage: genc compile IN.mlir -o OUT [--target=cpu] "
                        "[--emit=genc|linalg|bufferized|loops|llvm|llvm-ir|"
                        "asm|obj|so|header] [--no-blas] [--vector-bits=0|256|512] [--O=0..3] "
                        "[--profile] [--check-numerics]\n"
                        "       genc compile IN.mlir -o OUT --target=cuda "
                        "[--emit=genc|linalg|bufferized|gpu|nvvm|ptx|host|"
                        "cubin|llvm-ir|asm|obj|so|header] "
                        "[--gpu-arch=sm_90a] [--fast-math]\n";
        return 0;
      } else
        return fail("compile", "unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = arg.str();
    } else {
      return fail("compile", "unexpected argument '" + arg + "'");
    }
  }
  if (input.empty())
    return fail("compile", "no input file (usage: genc compile IN.mlir -o OUT)");
  if (options.target == "cuda") {
    if (!knownGpuArch(cuda.chip))
      return fail("compile", "unknown --gpu-arch '" + cuda.chip +
                                 "' (LLVM 19's NVPTX backend knows sm_50 to "
                                 "sm_90a; Hopper is sm_90a)");
    options.gpuArch = cuda.chip;
    options.fastMath = cuda.fastMath;
    std::string emit = emitName;
    if (emit.empty() && !llvm::StringRef(output).ends_with(".so") &&
        !llvm::StringRef(output).ends_with(".o"))
      emit = llvm::StringRef(output).ends_with(".cubin") ? "cubin" : "ptx";
    if (isCudaOnlyEmit(emit))
      return compileForCuda(input, output, emit, cuda);
    if (emit == "loops")
      return fail("compile", "unknown --emit kind 'loops' for --target=cuda "
                             "(expected " +
                                 cudaPhaseNames() +
                                 ", cubin, llvm-ir, asm, obj, so or header)");
  }
  if (options.fastMath && options.target != "cuda")
    return fail("compile", "--fast-math is CUDA's fast-math policy: it needs "
                           "--target=cuda");
  if (options.target != "cpu" && options.target != "cuda")
    return fail("compile", "unknown target '" + options.target +
                               "' (available: cpu, cuda)");

  Emit emit = Emit::Default;
  std::optional<Phase> phase;
  if (!emitName.empty()) {
    phase = parsePhase(emitName);
    if (phase)
      emit = Emit::Phase;
    else
      emit = llvm::StringSwitch<Emit>(emitName)
                 .Case("llvm-ir", Emit::LLVMIR)
                 .Case("asm", Emit::Asm)
                 .Case("obj", Emit::Obj)
                 .Case("so", Emit::So)
                 .Case("header", Emit::Header)
                 .Default(Emit::Default);
    if (!phase && emit == Emit::Default)
      return fail("compile", "unknown --emit kind '" + emitName +
                                 "' (expected " + phaseNames() +
                                 ", llvm-ir, asm, obj, so or header)");
  }
  if (emit == Emit::Default && llvm::StringRef(output).ends_with(".so"))
    emit = Emit::So;
  bool textual = emit == Emit::Phase || emit == Emit::LLVMIR ||
                 emit == Emit::Asm || emit == Emit::Header;
  if (output.empty()) {
    if (!textual)
      return fail("compile", "-o OUT is required for binary output");
    output = "-";
  }

  auto ctx = makeContext();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, ctx.get());
  OwningOpRef<ModuleOp> module = loadModule(*ctx, sourceMgr, input);
  if (!module)
    return 1;

  if (emit == Emit::Phase) {
    if (failed(lowerModule(*module, *phase, options)))
      return 1;
    return writeModule(output, *module);
  }

  // Record the entry points (for the header) before lowering further.
  if (failed(lowerModule(*module, Phase::Genc, options)))
    return 1;
  std::vector<EntrySignature> entries = getEntrySignatures(*module);
  if (emit == Emit::Header)
    return writeText(output, emitHeader(entries, headerGuard(output)));

  NativeOutput kind = emit == Emit::LLVMIR ? NativeOutput::LLVMIR
                      : emit == Emit::Asm  ? NativeOutput::Assembly
                      : emit == Emit::So   ? NativeOutput::SharedLibrary
                                           : NativeOutput::Object;
  if (output == "-" && kind != NativeOutput::LLVMIR &&
      kind != NativeOutput::Assembly)
    return fail("compile", "binary output needs -o FILE");
  if (output == "-") {
    llvm::SmallString<128> tmp;
    if (llvm::sys::fs::createTemporaryFile("genc", "txt", tmp))
      return fail("compile", "cannot create a temporary file");
    if (failed(emitNative(*module, kind, tmp, options)))
      return 1;
    auto buf = llvm::MemoryBuffer::getFile(tmp);
    llvm::sys::fs::remove(tmp);
    if (!buf)
      return fail("compile", "cannot read back the output");
    llvm::outs() << (*buf)->getBuffer();
    return 0;
  }
  if (failed(emitNative(*module, kind, output, options)))
    return 1;
  if (emit == Emit::Default || emit == Emit::So) {
    llvm::SmallString<128> header(output);
    llvm::sys::path::replace_extension(header, "h");
    return writeText(header, emitHeader(entries, headerGuard(header)));
  }
  return 0;
}
