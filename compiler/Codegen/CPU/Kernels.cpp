//===- Kernels.cpp - the kernels of buffer-level code ---------------------===//

#include "compiler/Codegen/CPU/Kernels.h"
#include "compiler/Codegen/CPU/RuntimeCalls.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/CopyOpInterface.h"
#include "llvm/ADT/STLExtras.h"

#include <vector>

using namespace mlir;

namespace {

std::string shapeOf(Type t) {
  auto m = dyn_cast<ShapedType>(t);
  if (!m || !m.hasRank())
    return "";
  std::string s;
  for (int64_t d : m.getShape())
    s += (ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d)) + "x";
  llvm::raw_string_ostream os(s);
  m.getElementType().print(os);
  return os.str();
}

/// A constant integer operand as text, "?" otherwise.
std::string constantText(Value v) {
  APInt value;
  if (matchPattern(v, m_ConstantInt(&value)))
    return std::to_string(value.getSExtValue());
  return "?";
}

SymbolRefAttr calleeOf(Operation *op) {
  auto call = dyn_cast<CallOpInterface>(op);
  return call ? dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee())
              : SymbolRefAttr();
}

std::string describe(Operation *op) {
  if (SymbolRefAttr callee = calleeOf(op)) {
    // A generated kernel names itself (genc-cpu-register-gemm).
    if (auto fn = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(op, callee))
      if (auto label = fn->getAttrOfType<StringAttr>(genc::kKernelAttr))
        return label.str();
    std::string name = callee.getLeafReference().str();
    // CBLAS gemm: (order, transA, transB, m, n, k, ...).
    if (StringRef(name).ends_with("gemm") && op->getNumOperands() >= 6)
      return name + " " + constantText(op->getOperand(3)) + "x" +
             constantText(op->getOperand(4)) + "x" +
             constantText(op->getOperand(5));
    return name;
  }
  std::string text = op->getName().getStringRef().str();
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (linalgOp.getNumDpsInits() > 0)
      text += " " + shapeOf(linalgOp.getDpsInits()[0].getType());
    int64_t payload = 0;
    for (Operation &inner : linalgOp.getBlock()->without_terminator())
      payload += !isa<linalg::IndexOp>(inner);
    // A payload without computation moves data (im2col, pads, gathers).
    if (isa<linalg::GenericOp>(op))
      text += payload == 0 ? std::string(" (data movement)")
                           : " (" + std::to_string(payload) + " ops" +
                                 (linalgOp.getNumReductionLoops() > 0
                                      ? ", reduction)"
                                      : ")");
  } else if (op->getNumOperands() > 0) {
    text += " " + shapeOf(op->getOperand(op->getNumOperands() - 1).getType());
  }
  return text;
}

} // namespace

bool mlir::genc::isKernel(Operation *op, SymbolTable &symbols) {
  if (op->getParentOfType<linalg::LinalgOp>())
    return false;
  if (isa<linalg::LinalgOp>(op) || isa<CopyOpInterface>(op))
    return true;
  SymbolRefAttr callee = calleeOf(op);
  if (!callee)
    return false;
  auto fn = symbols.lookup<func::FuncOp>(callee.getLeafReference());
  // External library functions; not the runtime's own (profiler, checks,
  // collectives: their wait time is not a kernel's). Generated kernels
  // (functions tagged genc.kernel) too.
  if (fn && fn->hasAttr(kKernelAttr))
    return true;
  return fn && fn.isExternal() && !fn.getSymName().starts_with("genc_rt_");
}

SmallVector<Operation *> mlir::genc::collectKernels(Operation *module,
                                                   SymbolTable &symbols) {
  SmallVector<Operation *> kernels;
  module->walk([&](Operation *op) {
    if (isKernel(op, symbols))
      kernels.push_back(op);
  });
  return kernels;
}

std::string mlir::genc::kernelLabel(Operation *op) {
  std::string label = describe(op);
  // "genc.tanh at f:6:8" for every genc op the kernel came from, in the
  // order fusion recorded them (the consumer first).
  std::vector<std::string> sources;
  op->getLoc()->walk([&](Location l) {
    if (auto n = dyn_cast<NameLoc>(l))
      if (n.getName().getValue().starts_with("genc.")) {
        std::string at = fileLocation(n.getChildLoc());
        std::string source = n.getName().str() + (at.empty() ? "" : " at " + at);
        if (!llvm::is_contained(sources, source))
          sources.push_back(source);
      }
    return WalkResult::advance();
  });
  constexpr size_t kShown = 4;
  if (sources.empty()) {
    std::string at = fileLocation(op->getLoc());
    return at.empty() ? label : label + " at " + at;
  }
  label += " from ";
  for (size_t i = 0; i < sources.size() && i < kShown; ++i)
    label += (i ? ", " : "") + sources[i];
  if (sources.size() > kShown)
    label += " and " + std::to_string(sources.size() - kShown) + " more";
  return label;
}
