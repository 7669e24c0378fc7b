//===- Profile.cpp - the genc-cpu-profile pass ----------------------------===//
//
// Kernel-level profiling of compiled code (genc compile/run --profile,
// GENC_PROFILE=1 for jit): every kernel of a buffer-level function — a
// structured linalg op (after fusion: one fused loop nest), a copy, or a
// call of an external library function (CBLAS) — is bracketed by
// genc_rt_profile_enter/exit(label), with `label` a constant string naming
// the kernel, its output shape and the user's source location. The runtime
// accumulates time per label and prints the table
// (runtime/include/genc/runtime/genc_profile.h). Kernels are found through
// op interfaces (LinalgOp, CopyOpInterface, CallOpInterface), not names.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/RuntimeCalls.h"
#include "compiler/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/CopyOpInterface.h"
#include "mlir/IR/Matchers.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUPROFILEPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

constexpr llvm::StringLiteral kEnter = "genc_rt_profile_enter";
constexpr llvm::StringLiteral kExit = "genc_rt_profile_exit";

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

/// "kind shape" of a kernel, e.g. "linalg.generic 64x32x32x32xf32 (4 ops,
/// reduction)" or "cblas_sgemm 4096x32x48" (m x n x k).
std::string describe(Operation *op) {
  if (auto call = dyn_cast<CallOpInterface>(op)) {
    auto callee = dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
    std::string name = callee ? callee.getLeafReference().str() : "call";
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
    bool reduction = linalgOp.getNumReductionLoops() > 0;
    // A payload without computation moves data (im2col, pads, gathers).
    if (isa<linalg::GenericOp>(op))
      text += payload == 0 ? std::string(" (data movement)")
                           : " (" + std::to_string(payload) + " ops" +
                                 (reduction ? ", reduction)" : ")");
  } else if (op->getNumOperands() > 0) {
    text += " " + shapeOf(op->getOperand(op->getNumOperands() - 1).getType());
  }
  return text;
}

bool isKernel(Operation *op, SymbolTable &symbols) {
  if (op->getParentOfType<linalg::LinalgOp>())
    return false;
  if (isa<linalg::LinalgOp>(op) || isa<CopyOpInterface>(op))
    return true;
  auto call = dyn_cast<CallOpInterface>(op);
  if (!call)
    return false;
  auto callee = dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
  if (!callee)
    return false;
  auto fn = symbols.lookup<func::FuncOp>(callee.getLeafReference());
  // External library functions; not the profiler itself, and not the
  // runtime's collectives (their wait time is not a kernel's).
  return fn && fn.isExternal() &&
         !fn.getSymName().starts_with("genc_rt_");
}

struct GencCpuProfilePass
    : public genc::impl::GencCpuProfilePassBase<GencCpuProfilePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    RuntimeCallBuilder rt(module);
    SmallVector<Operation *> kernels;
    module.walk([&](Operation *op) {
      if (isKernel(op, rt.symbols))
        kernels.push_back(op);
    });
    if (kernels.empty())
      return;
    func::FuncOp enter = rt.declare(kEnter, {rt.ptrType()}, {});
    func::FuncOp exit = rt.declare(kExit, {rt.ptrType()}, {});
    for (Operation *op : kernels) {
      std::string label = describe(op);
      std::string at = fileLocation(op->getLoc());
      if (!at.empty())
        label += " at " + at;
      rt.loc = op->getLoc();
      rt.b.setInsertionPoint(op);
      Value name = rt.string(label, "__genc_kernel");
      rt.b.create<func::CallOp>(rt.loc, enter, ValueRange{name});
      rt.b.setInsertionPointAfter(op);
      rt.b.create<func::CallOp>(rt.loc, exit, ValueRange{name});
    }
  }
};

} // namespace
