//===- Commands.h - the genc CLI's subcommands ------------------*- C++ -*-===//
//
// Each subcommand takes its arguments (without the subcommand name) and
// returns the process exit code. Errors are printed as one line
// `genc <cmd>: error: ...` (or MLIR diagnostics with file:line:col).
//
//===----------------------------------------------------------------------===//

#ifndef GENC_TOOLS_GENC_COMMANDS_H
#define GENC_TOOLS_GENC_COMMANDS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SourceMgr.h"

#include <string>
#include <vector>

namespace genc::tools {

int compileCommand(const std::vector<std::string> &args);
int runCommand(const std::vector<std::string> &args);
int benchCommand(const std::vector<std::string> &args);
int optCommand(int argc, char **argv);

/// Prints `genc <cmd>: error: <message>` to stderr and returns 1.
int fail(llvm::StringRef cmd, const llvm::Twine &message);

/// Parses and verifies `path` ("-" for stdin); diagnostics go to stderr
/// with file:line:col. Returns null on failure.
mlir::OwningOpRef<mlir::ModuleOp> loadModule(mlir::MLIRContext &ctx,
                                             llvm::SourceMgr &sourceMgr,
                                             llvm::StringRef path);

/// A context with every dialect genc accepts.
std::unique_ptr<mlir::MLIRContext> makeContext();

/// Splits `--name=value` into (name, value); `--flag` gives value "".
bool splitFlag(llvm::StringRef arg, llvm::StringRef &name,
               llvm::StringRef &value);

/// `--vector-bits=0|256|512` (the CPU register width the generated GEMM
/// kernels assume; the host's by default): the value, or -2 after
/// printing an error naming `command`.
int64_t parseVectorBits(llvm::StringRef command, llvm::StringRef value);

} // namespace genc::tools

#endif // GENC_TOOLS_GENC_COMMANDS_H
