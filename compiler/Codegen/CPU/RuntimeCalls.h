//===- RuntimeCalls.h - building calls of the genc runtime's C ABI -*- C++ -*-===//
//
// Shared by the passes that make generated code call the runtime
// (genc_rt_* functions): declaring the callee, passing a buffer as a
// pointer, and NUL-terminated descriptions ("op at file:line:col") as
// private constant globals.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CODEGEN_CPU_RUNTIMECALLS_H
#define GENC_COMPILER_CODEGEN_CPU_RUNTIMECALLS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

#include <optional>
#include <string>

namespace mlir::genc {

/// "file:line:col" of the first file location in `loc`, or "".
inline std::string fileLocation(Location loc) {
  std::string out;
  loc->walk([&](Location l) {
    if (auto f = dyn_cast<FileLineColLoc>(l)) {
      out = (f.getFilename().getValue() + ":" + Twine(f.getLine()) + ":" +
             Twine(f.getColumn()))
                .str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return out;
}

/// The runtime's element type code (genc::runtime::DType) of `t`.
inline std::optional<int32_t> runtimeDTypeCode(Type t) {
  if (t.isF32())
    return 0;
  if (t.isF64())
    return 1;
  if (t.isF16())
    return 2;
  if (t.isBF16())
    return 3;
  if (t.isInteger(1))
    return 4;
  if (t.isInteger(8))
    return 5;
  if (t.isInteger(32))
    return 6;
  if (t.isInteger(64))
    return 7;
  return std::nullopt;
}

/// Builds runtime calls in `module`; `b`'s insertion point and `loc` are
/// where the next call goes.
struct RuntimeCallBuilder {
  ModuleOp module;
  SymbolTable symbols;
  OpBuilder b;
  Location loc;

  explicit RuntimeCallBuilder(ModuleOp module)
      : module(module), symbols(module), b(module.getContext()),
        loc(module.getLoc()) {}

  Type ptrType() { return LLVM::LLVMPointerType::get(b.getContext()); }

  /// The private declaration of runtime function `name` (made once).
  func::FuncOp declare(StringRef name, TypeRange args, TypeRange results) {
    if (auto fn = symbols.lookup<func::FuncOp>(name))
      return fn;
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    auto fn = b.create<func::FuncOp>(module.getLoc(), name,
                                     b.getFunctionType(args, results));
    fn.setPrivate();
    symbols.insert(fn);
    return fn;
  }

  /// The aligned data pointer of a memref, as !llvm.ptr.
  Value pointer(Value memref) {
    Value index = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, memref);
    Value i = b.create<arith::IndexCastOp>(loc, b.getI64Type(), index);
    return b.create<LLVM::IntToPtrOp>(loc, ptrType(), i);
  }

  /// A pointer to a private constant global holding `data`.
  Value constant(DenseElementsAttr data, StringRef prefix) {
    auto type = MemRefType::get(data.getType().getShape(),
                                data.getType().getElementType());
    std::string name;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      auto global = b.create<memref::GlobalOp>(
          module.getLoc(), prefix, b.getStringAttr("private"), type, data,
          /*constant=*/true, /*alignment=*/IntegerAttr());
      symbols.insert(global); // renames on a clash
      name = global.getSymName().str();
    }
    return pointer(b.create<memref::GetGlobalOp>(loc, type, name));
  }

  /// `text` as a NUL-terminated constant string.
  Value string(StringRef text, StringRef prefix) {
    SmallVector<int8_t> bytes(text.begin(), text.end());
    bytes.push_back(0);
    auto type = RankedTensorType::get({(int64_t)bytes.size()}, b.getI8Type());
    return constant(DenseElementsAttr::get(type, ArrayRef<int8_t>(bytes)),
                    prefix);
  }

  /// "<op name> at file:line:col" of `op`, as a constant string.
  Value where(Operation *op, StringRef prefix = "__genc_where") {
    std::string text = op->getName().getStringRef().str();
    std::string at = fileLocation(op->getLoc());
    if (!at.empty())
      text += " at " + at;
    return string(text, prefix);
  }
};

} // namespace mlir::genc

#endif // GENC_COMPILER_CODEGEN_CPU_RUNTIMECALLS_H
