//===- TransformUtils.h - helpers shared by genc-autodiff and genc-vmap ---===//

#ifndef GENC_COMPILER_TRANSFORMS_TRANSFORMUTILS_H
#define GENC_COMPILER_TRANSFORMS_TRANSFORMUTILS_H

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::genc {

/// A new private function `name` of `type` at the end of `module`, with an
/// entry block; `b` is left at the end of that block.
inline func::FuncOp createPrivateFunction(OpBuilder &b, ModuleOp module,
                                          Location loc, StringRef name,
                                          FunctionType type) {
  b.setInsertionPointToEnd(module.getBody());
  auto fn = b.create<func::FuncOp>(loc, name, type);
  fn.setPrivate();
  b.setInsertionPointToEnd(fn.addEntryBlock());
  return fn;
}

/// A genc.while carrying `inits` (result types are theirs) with empty cond
/// and body blocks whose arguments have those types. `b` stays where it was.
inline WhileOp createWhile(OpBuilder &b, Location loc, ValueRange inits) {
  SmallVector<Type> types(inits.getTypes());
  SmallVector<Location> locs(types.size(), loc);
  auto loop = b.create<WhileOp>(loc, types, inits);
  OpBuilder::InsertionGuard guard(b);
  b.createBlock(&loop.getCond(), {}, types, locs);
  b.createBlock(&loop.getBody(), {}, types, locs);
  return loop;
}

/// True if `fn` or a function it calls (transitively) still holds a
/// transform op (genc.vjp, jvp, grad, value_and_grad, vmap): passes that
/// expand one transform wait until the others are expanded inside it.
inline bool hasTransformOps(func::FuncOp fn,
                            llvm::SmallPtrSetImpl<Operation *> &seen) {
  if (!fn || !seen.insert(fn).second)
    return false;
  auto module = fn->getParentOfType<ModuleOp>();
  return fn
      .walk([&](Operation *op) {
        if (isa<VjpOp, JvpOp, GradOp, ValueAndGradOp, VmapOp>(op))
          return WalkResult::interrupt();
        if (auto call = dyn_cast<func::CallOp>(op))
          if (hasTransformOps(
                  module.lookupSymbol<func::FuncOp>(call.getCallee()), seen))
            return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

} // namespace mlir::genc

#endif // GENC_COMPILER_TRANSFORMS_TRANSFORMUTILS_H
