//===- Cost.cpp - FLOP estimate of a genc program -------------------------===//

#include "compiler/API/Compile.h"

#include "dialects/genc/IR/GencDialect.h"

using namespace mlir;
using namespace mlir::genc;

static double elements(Type t) {
  auto tt = dyn_cast<RankedTensorType>(t);
  return tt && tt.hasStaticShape() ? (double)tt.getNumElements() : 0.0;
}

CostEstimate mlir::genc::estimateCost(ModuleOp module) {
  CostEstimate cost;
  module.walk([&](Operation *op) {
    if (auto dot = dyn_cast<DotGeneralOp>(op)) {
      auto lhs = cast<RankedTensorType>(dot.getLhs().getType());
      double k = 1;
      for (int64_t d : dot.getLhsContractingDimensions())
        k *= lhs.getDimSize(d);
      cost.flops += 2 * elements(dot.getType()) * k;
    } else if (auto conv = dyn_cast<ConvolutionOp>(op)) {
      // Multiply-adds with actual input elements: per spatial dimension,
      // the (output, tap) pairs that land on an input element rather than
      // on padding or on zeros inserted by lhs_dilation (which the CPU
      // lowering never multiplies: see the phase decomposition).
      FailureOr<ConvolutionOp::Geometry> g = conv.getGeometry();
      if (failed(g))
        return;
      auto lhs = cast<RankedTensorType>(conv.getLhs().getType());
      auto rhs = cast<RankedTensorType>(conv.getRhs().getType());
      auto out = conv.getType();
      double macs = out.getDimSize(g->outBatch) *
                    out.getDimSize(g->outFeature) * rhs.getDimSize(g->kIn);
      for (int64_t i = 0; i < g->numSpatial; ++i) {
        int64_t L = lhs.getDimSize(g->inSpatial[i]),
                K = rhs.getDimSize(g->kSpatial[i]),
                O = out.getDimSize(g->outSpatial[i]), d = g->lhsDilation[i];
        int64_t pairs = 0;
        for (int64_t o = 0; o < O; ++o)
          for (int64_t k = 0; k < K; ++k) {
            int64_t j = o * g->strides[i] + k * g->rhsDilation[i] - g->padLow[i];
            pairs += j >= 0 && j % d == 0 && j / d < L;
          }
        macs *= pairs;
      }
      cost.flops += 2 * macs;
    } else if (isa<ReduceOp>(op)) {
      cost.flops += elements(op->getOperand(0).getType());
    } else if (op->hasTrait<OpTrait::Elementwise>() &&
               op->getNumResults() == 1) {
      cost.flops += elements(op->getResult(0).getType());
    }
  });
  return cost;
}
