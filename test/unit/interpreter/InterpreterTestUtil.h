//===- InterpreterTestUtil.h - interpreter test helpers ---------*- C++ -*-===//
//
// A fixture that parses MLIR modules from strings and runs a function of
// them through the reference interpreter.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_TEST_UNIT_INTERPRETER_INTERPRETERTESTUTIL_H
#define GENC_TEST_UNIT_INTERPRETER_INTERPRETERTESTUTIL_H

#include "dialects/genc/IR/GencDialect.h"
#include "dialects/genc/Interpreter/Interpreter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <string>

namespace genc_test {

using mlir::genc::interp::RefTensor;

class InterpreterTest : public ::testing::Test {
protected:
  InterpreterTest() {
    context.loadDialect<mlir::genc::GencDialect, mlir::func::FuncDialect,
                        mlir::arith::ArithDialect, mlir::math::MathDialect,
                        mlir::tensor::TensorDialect,
                        mlir::linalg::LinalgDialect, mlir::scf::SCFDialect>();
  }

  mlir::Type f16() { return mlir::Float16Type::get(&context); }
  mlir::Type bf16() { return mlir::BFloat16Type::get(&context); }
  mlir::Type f32() { return mlir::Float32Type::get(&context); }
  mlir::Type f64() { return mlir::Float64Type::get(&context); }
  mlir::Type i(unsigned width) {
    return mlir::IntegerType::get(&context, width);
  }

  RefTensor floats(mlir::Type type, llvm::ArrayRef<int64_t> shape,
                   llvm::ArrayRef<double> values) {
    return RefTensor::fromFloats(type, shape, values);
  }
  RefTensor ints(mlir::Type type, llvm::ArrayRef<int64_t> shape,
                 llvm::ArrayRef<int64_t> values) {
    return RefTensor::fromInts(type, shape, values);
  }

  /// Parses `source` and runs its function `name` on `args`. On failure
  /// (parse or interpretation), records a test failure and returns no
  /// results; the diagnostics go to `diagnostics`.
  llvm::SmallVector<RefTensor> run(llvm::StringRef source,
                                   llvm::ArrayRef<RefTensor> args = {},
                                   llvm::StringRef name = "main") {
    auto results = tryRun(source, args, name);
    if (mlir::failed(results)) {
      ADD_FAILURE() << "interpretation failed: " << diagnostics;
      return {};
    }
    return *results;
  }

  /// Like run() but returns failure instead of recording it.
  mlir::FailureOr<llvm::SmallVector<RefTensor>>
  tryRun(llvm::StringRef source, llvm::ArrayRef<RefTensor> args = {},
         llvm::StringRef name = "main") {
    diagnostics.clear();
    mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
      diagnostics += d.str();
      diagnostics += "\n";
      return mlir::success();
    });
    module = mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    if (!module) {
      ADD_FAILURE() << "cannot parse: " << diagnostics;
      return mlir::failure();
    }
    auto fn = module->lookupSymbol<mlir::func::FuncOp>(name);
    if (!fn) {
      ADD_FAILURE() << "no function @" << name.str();
      return mlir::failure();
    }
    return mlir::genc::interp::interpret(fn, args);
  }

  /// Interprets expecting failure; returns the diagnostics.
  std::string runExpectingError(llvm::StringRef source,
                                llvm::ArrayRef<RefTensor> args = {},
                                llvm::StringRef name = "main") {
    auto results = tryRun(source, args, name);
    EXPECT_TRUE(mlir::failed(results)) << "interpretation unexpectedly worked";
    return diagnostics;
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::string diagnostics;
};

/// Expects `t` to hold float elements `expected` exactly (NaNs match NaNs).
inline void expectFloats(const RefTensor &t, llvm::ArrayRef<double> expected) {
  ASSERT_TRUE(t.isFloat());
  ASSERT_EQ(t.floats.size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    if (std::isnan(expected[k]))
      EXPECT_TRUE(std::isnan(t.floats[k])) << "element " << k;
    else
      EXPECT_EQ(t.floats[k], expected[k]) << "element " << k;
  }
}

/// Expects `t` to hold integer elements `expected` exactly.
inline void expectInts(const RefTensor &t, llvm::ArrayRef<int64_t> expected) {
  ASSERT_FALSE(t.isFloat());
  ASSERT_EQ(t.ints.size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k)
    EXPECT_EQ(t.ints[k], expected[k]) << "element " << k;
}

} // namespace genc_test

#endif // GENC_TEST_UNIT_INTERPRETER_INTERPRETERTESTUTIL_H
