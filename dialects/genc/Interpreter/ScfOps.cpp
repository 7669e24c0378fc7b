//===- ScfOps.cpp - interpreter: the scf dialect --------------------------===//
//
// scf.for (with iter_args), scf.if, scf.while/condition, scf.execute_region
// and scf.index_switch, each running its single-block regions through the
// interpreter; scf.yield and scf.condition end those regions.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

std::optional<OpResults>
Interpreter::evalScfOp(Operation *op, ArrayRef<const RefTensor *> operands,
                       const Scope &scope) {
  if (op->getName().getDialectNamespace() !=
      scf::SCFDialect::getDialectNamespace())
    return std::nullopt;
  auto copyAll = [](ArrayRef<const RefTensor *> ts) {
    SmallVector<RefTensor> values;
    for (const RefTensor *t : ts)
      values.push_back(*t);
    return values;
  };
  return llvm::TypeSwitch<Operation *, std::optional<OpResults>>(op)
      // for (iv = lb; iv < ub; iv += step), comparing signed.
      .Case([&](scf::ForOp o) -> OpResults {
        int64_t lb = operands[0]->ints[0], ub = operands[1]->ints[0],
                step = operands[2]->ints[0];
        if (step <= 0)
          return o.emitError()
                 << "interpreter: scf.for step " << step << " is not positive";
        Type ivType = storageType(o.getInductionVar().getType());
        SmallVector<RefTensor> values = copyAll(operands.drop_front(3));
        SmallVector<RefTensor> args;
        for (int64_t iv = lb; iv < ub;) {
          args.clear();
          args.push_back(scalarTensor(ivType, intElem(iv)));
          args.append(values.begin(), values.end());
          OpResults next = runRegion(o.getRegion(), args, &scope, o);
          if (failed(next))
            return failure();
          values = std::move(*next);
          if (iv >= ub - step) // iv + step >= ub, without overflow.
            break;
          iv += step;
        }
        return values;
      })
      .Case([&](scf::IfOp o) -> OpResults {
        Region &region =
            operands[0]->ints[0] ? o.getThenRegion() : o.getElseRegion();
        if (region.empty())
          return SmallVector<RefTensor>();
        return runRegion(region, {}, &scope, o);
      })
      // The before region yields (condition, values...); the after region
      // takes the values and yields the next loop-carried values.
      .Case([&](scf::WhileOp o) -> OpResults {
        SmallVector<RefTensor> values = copyAll(operands);
        while (true) {
          OpResults before = runRegion(o.getBefore(), values, &scope, o);
          if (failed(before))
            return failure();
          bool cond = (*before)[0].ints[0];
          SmallVector<RefTensor> forwarded(
              std::make_move_iterator(before->begin() + 1),
              std::make_move_iterator(before->end()));
          if (!cond)
            return forwarded;
          OpResults after = runRegion(o.getAfter(), forwarded, &scope, o);
          if (failed(after))
            return failure();
          values = std::move(*after);
        }
      })
      .Case([&](scf::ExecuteRegionOp o) -> OpResults {
        return runRegion(o.getRegion(), {}, &scope, o);
      })
      .Case([&](scf::IndexSwitchOp o) -> OpResults {
        int64_t value = operands[0]->ints[0];
        ArrayRef<int64_t> cases = o.getCases();
        for (auto [k, c] : llvm::enumerate(cases))
          if (c == value)
            return runRegion(o.getCaseRegions()[k], {}, &scope, o);
        return runRegion(o.getDefaultRegion(), {}, &scope, o);
      })
      .Default([](Operation *o) -> OpResults {
        return o->emitError()
               << "interpreter: unsupported op '" << o->getName() << "'";
      });
}
