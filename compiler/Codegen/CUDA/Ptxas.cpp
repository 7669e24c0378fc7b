//===- Ptxas.cpp - the CUDA toolkit's PTX assembler -----------------------===//

#include "compiler/Codegen/CUDA/Ptxas.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;

std::string mlir::genc::findPtxas() {
  for (const char *env : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *v = std::getenv(env); v && *v) {
      llvm::SmallString<256> p(v);
      llvm::sys::path::append(p, "bin", "ptxas");
      if (llvm::sys::fs::can_execute(p))
        return p.str().str();
    }
  if (llvm::sys::fs::can_execute("/usr/local/cuda/bin/ptxas"))
    return "/usr/local/cuda/bin/ptxas";
  if (auto p = llvm::sys::findProgramByName("ptxas"))
    return *p;
  return "";
}

FailureOr<std::string> mlir::genc::assemblePtx(Location loc,
                                               llvm::StringRef ptx,
                                               llvm::StringRef chip) {
  std::string ptxas = findPtxas();
  if (ptxas.empty())
    return emitError(loc) << "cannot make a cubin: ptxas not found (install "
                             "the CUDA toolkit or set CUDA_HOME); --emit=ptx "
                             "works without it";
  llvm::SmallString<128> in, out, log;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("genc", "ptx", fd, in))
    return emitError(loc) << "cannot create a temporary file";
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << ptx;
  }
  llvm::sys::fs::createTemporaryFile("genc", "cubin", out);
  llvm::sys::fs::createTemporaryFile("genc-ptxas", "log", log);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.str(),
                                                log.str()};
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(
      ptxas, {ptxas, "--gpu-name", chip, in.str(), "-o", out.str()},
      std::nullopt, redirects, 0, 0, &error);
  auto logText = llvm::MemoryBuffer::getFile(log);
  auto cubin = llvm::MemoryBuffer::getFile(out, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
  llvm::sys::fs::remove(in);
  llvm::sys::fs::remove(out);
  llvm::sys::fs::remove(log);
  if (rc != 0)
    return emitError(loc) << "ptxas --gpu-name " << chip << " failed"
                          << (error.empty() ? "" : ": " + error) << ": "
                          << (logText ? (*logText)->getBuffer().trim() : "");
  if (!cubin)
    return emitError(loc) << "ptxas wrote no cubin";
  return (*cubin)->getBuffer().str();
}
