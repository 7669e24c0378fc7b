//===- Trace.cpp - the compiler context, traces and op application --------===//

#include "Internal.h"

#include "compiler/API/Compile.h"
#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <filesystem>

using namespace mlir;

namespace genc {

std::string formatError(const Loc &loc, const std::string &op,
                        const std::string &message) {
  std::string file = std::filesystem::path(loc.file_name()).filename().string();
  std::string s = file + ":" + std::to_string(loc.line()) + ": ";
  if (!op.empty())
    s += op + ": ";
  return s + message;
}

void fail(const Loc &loc, const std::string &op, const std::string &message) {
  throw Error(formatError(loc, op, message));
}

namespace detail {

MLIRContext &context() {
  static MLIRContext *ctx = [] {
    DialectRegistry registry;
    mlir::genc::registerGencCompilerDialects(registry);
    auto *c = new MLIRContext(registry, MLIRContext::Threading::DISABLED);
    c->loadAllAvailableDialects();
    return c;
  }();
  return *ctx;
}

std::recursive_mutex &compilerLock() {
  static std::recursive_mutex lock;
  return lock;
}

Type elementType(DType dtype) {
  MLIRContext &ctx = context();
  switch (dtype) {
  case DType::F32: return Float32Type::get(&ctx);
  case DType::F64: return Float64Type::get(&ctx);
  case DType::F16: return Float16Type::get(&ctx);
  case DType::BF16: return BFloat16Type::get(&ctx);
  case DType::I1: return IntegerType::get(&ctx, 1);
  case DType::I8: return IntegerType::get(&ctx, 8);
  case DType::I32: return IntegerType::get(&ctx, 32);
  case DType::I64: return IntegerType::get(&ctx, 64);
  case DType::U8: break;
  }
  throw Error("genc: ui8 tensors are not supported in genc programs; "
              "convert with astype first");
}

DType dtypeOf(Type t) {
  if (t.isF32()) return DType::F32;
  if (t.isF64()) return DType::F64;
  if (t.isF16()) return DType::F16;
  if (t.isBF16()) return DType::BF16;
  if (t.isInteger(1)) return DType::I1;
  if (t.isInteger(8)) return DType::I8;
  if (t.isInteger(32)) return DType::I32;
  if (t.isInteger(64)) return DType::I64;
  throw Error("genc: unsupported element type");
}

RankedTensorType tensorType(DType dtype, const Shape &shape) {
  return RankedTensorType::get(shape, elementType(dtype));
}

Location location(const Loc &loc, llvm::StringRef op) {
  MLIRContext &ctx = context();
  return FileLineColLoc::get(&ctx, loc.file_name(), loc.line(), loc.column());
}

static thread_local std::vector<Trace *> traceStack;
static std::atomic<uint64_t> nextTraceId{1};

Trace *currentTrace() { return traceStack.empty() ? nullptr : traceStack.back(); }

Trace::Trace(std::string name,
             const std::vector<std::pair<DType, Shape>> &inputs)
    : builder_(&context()), id_(nextTraceId++) {
  module_ = ModuleOp::create(UnknownLoc::get(&context()));
  moduleOp_ = *module_;
  begin(std::move(name), inputs);
}

Trace::Trace(Trace &parent, std::string name,
             const std::vector<std::pair<DType, Shape>> &inputs)
    : parent_(&parent), builder_(&context()), id_(nextTraceId++) {
  moduleOp_ = parent.moduleOp_;
  begin(parent.uniqueName(name), inputs);
  fn_.setPrivate();
}

Trace::Trace(Trace &enclosing, Block *block)
    : enclosing_(&enclosing), moduleOp_(enclosing.moduleOp_),
      fn_(enclosing.fn_), builder_(&context()), id_(nextTraceId++) {
  builder_.setInsertionPointToEnd(block);
  for (BlockArgument arg : block->getArguments())
    args_.push_back(wrap(arg));
  traceStack.push_back(this);
}

void Trace::finishRegion(const std::vector<Tensor> &results, const Loc &loc) {
  SmallVector<Value> values;
  for (const Tensor &r : results)
    values.push_back(valueOf(r, loc, "return"));
  builder_.create<mlir::genc::ReturnOp>(location(loc, "return"), values);
  if (!traceStack.empty() && traceStack.back() == this)
    traceStack.pop_back();
}

bool Trace::sees(uint64_t traceId) const {
  for (const Trace *t = this; t; t = t->enclosing_)
    if (t->id_ == traceId)
      return true;
  return false;
}

bool Trace::reaches(uint64_t traceId) const {
  for (const Trace *t = this; t; t = t->enclosing_ ? t->enclosing_ : t->parent_)
    if (t->id_ == traceId)
      return true;
  return false;
}

Value Trace::capture(const Tensor &outer) {
  Value v = outer.impl()->value;
  for (auto [t, arg] : llvm::zip(captures_, captureArgs_))
    if (t.impl()->value == v)
      return arg;
  unsigned index = fn_.getNumArguments();
  fn_.insertArgument(index, v.getType(), DictionaryAttr(), v.getLoc());
  captures_.push_back(outer);
  captureArgs_.push_back(fn_.getArgument(index));
  return captureArgs_.back();
}

std::string Trace::uniqueName(llvm::StringRef base) {
  std::string name = base.str();
  for (int i = 0; moduleOp_.lookupSymbol(name); ++i)
    name = base.str() + "_" + std::to_string(i);
  return name;
}

void Trace::begin(std::string name,
                  const std::vector<std::pair<DType, Shape>> &inputs) {
  MLIRContext &ctx = context();
  SmallVector<Type> types;
  for (auto &[dtype, shape] : inputs)
    types.push_back(tensorType(dtype, shape));
  builder_.setInsertionPointToEnd(moduleOp_.getBody());
  fn_ = builder_.create<func::FuncOp>(UnknownLoc::get(&ctx), name,
                                      builder_.getFunctionType(types, {}));
  Block *entry = fn_.addEntryBlock();
  builder_.setInsertionPointToEnd(entry);
  for (auto [i, arg] : llvm::enumerate(entry->getArguments())) {
    auto impl = std::make_shared<TensorImpl>();
    impl->dtype = inputs[i].first;
    impl->shape = inputs[i].second;
    impl->value = arg;
    impl->trace = this;
    impl->traceId = id_;
    args_.emplace_back(impl);
  }
  traceStack.push_back(this);
}

Trace::~Trace() {
  if (!traceStack.empty() && traceStack.back() == this)
    traceStack.pop_back();
}

std::vector<Tensor> Trace::arguments() { return args_; }

OwningOpRef<ModuleOp> Trace::finish(const std::vector<Tensor> &results) {
  SmallVector<Value> values;
  for (const Tensor &r : results)
    values.push_back(valueOf(r, Loc::current(), "return"));
  builder_.create<func::ReturnOp>(UnknownLoc::get(&context()), values);
  SmallVector<Type> types(ValueRange(values).getTypes());
  fn_.setFunctionType(builder_.getFunctionType(fn_.getArgumentTypes(), types));
  if (!traceStack.empty() && traceStack.back() == this)
    traceStack.pop_back();
  return std::move(module_);
}

Value Trace::valueOf(const Tensor &t, const Loc &loc, llvm::StringRef op) {
  if (!t.defined())
    fail(loc, op.str(), "undefined tensor (default-constructed or moved-from)");
  TensorImpl &impl = *t.impl();
  if (impl.trace) {
    if (sees(impl.traceId))
      return impl.value;
    // A tracer of an enclosing function: the function this trace builds
    // takes it as an extra argument.
    Trace *fn = this;
    while (fn->enclosing_)
      fn = fn->enclosing_;
    if (fn->parent_ && fn->parent_->reaches(impl.traceId))
      return fn->capture(t);
    fail(loc, op.str(),
           "a traced tensor from another jit trace was used here (a tracer "
           "leaked out of the function that created it)");
    return impl.value;
  }
  // Concrete tensors captured by a trace become constants.
  const runtime::Buffer &buf = *impl.buffer;
  RankedTensorType type = tensorType(impl.dtype, impl.shape);
  DenseElementsAttr attr;
  if (impl.dtype == DType::I1) {
    const uint8_t *p = static_cast<const uint8_t *>(buf.data());
    SmallVector<bool> bits(p, p + buf.numElements());
    attr = DenseElementsAttr::get(type, bits);
  } else {
    ArrayRef<char> raw(static_cast<const char *>(buf.data()), buf.byteSize());
    attr = DenseElementsAttr::getFromRawBuffer(type, raw);
  }
  return builder_.create<mlir::genc::ConstantOp>(location(loc, "constant"),
                                                 attr);
}

Tensor Trace::wrap(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = dtypeOf(type.getElementType());
  impl->shape = Shape(type.getShape().begin(), type.getShape().end());
  impl->value = v;
  impl->trace = this;
  impl->traceId = id_;
  return Tensor(impl);
}

/// Builds `build` in `trace`, verifying every op it created.
static std::vector<Tensor> applyIn(Trace &trace, llvm::StringRef op,
                                   const std::vector<Tensor> &inputs,
                                   const OpBuilderFn &build, const Loc &loc) {
  SmallVector<Value> values;
  for (const Tensor &t : inputs)
    values.push_back(trace.valueOf(t, loc, op));
  OpBuilder &b = trace.builder();
  Block *block = b.getInsertionBlock();
  Operation *last = block->empty() ? nullptr : &block->back();
  std::string diagnostics;
  std::vector<Value> results;
  {
    ScopedDiagnosticHandler handler(&context(), [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error) {
        if (!diagnostics.empty())
          diagnostics += "; ";
        diagnostics += d.str();
      }
      return success();
    });
    results = build(b, location(loc, op), values);
    auto it = last ? std::next(Block::iterator(last)) : block->begin();
    for (; it != block->end(); ++it)
      if (failed(verify(&*it)))
        break;
  }
  if (!diagnostics.empty()) {
    // Drop what was built, newest first.
    while (!block->empty() && &block->back() != last)
      block->back().erase();
    fail(loc, op.str(), diagnostics);
  }
  std::vector<Tensor> out;
  for (Value v : results)
    out.push_back(trace.wrap(v));
  return out;
}

std::vector<Tensor> apply(llvm::StringRef op, const std::vector<Tensor> &inputs,
                          const OpBuilderFn &build, const Loc &loc) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  if (Trace *trace = currentTrace())
    return applyIn(*trace, op, inputs, build, loc);
  // Eager: trace a one-op function, compile it once, run it.
  std::vector<std::pair<DType, Shape>> avals;
  for (auto [i, t] : llvm::enumerate(inputs)) {
    if (!t.defined())
      fail(loc, op.str(), "argument " + std::to_string(i) +
                              " is an undefined tensor");
    if (t.is_traced())
      fail(loc, op.str(),
           "a traced tensor was used outside its jit trace (a tracer leaked "
           "out of the function that created it)");
    avals.push_back({t.dtype(), t.shape()});
  }
  Trace eager("main", avals);
  std::vector<Tensor> results = applyIn(eager, op, eager.arguments(), build, loc);
  OwningOpRef<ModuleOp> module = eager.finish(results);
  if (useInterpreter())
    return interpret(*module, inputs, loc, op.str());
  std::shared_ptr<Compiled> compiled = compile(*module, loc, op.str());
  return run(*compiled, inputs, loc, op.str());
}

std::vector<Tensor> inTraceOrEager(
    const std::vector<Tensor> &leaves, const char *what, const Loc &loc,
    const std::function<std::vector<Tensor>(Trace &, const std::vector<Tensor> &)>
        &emit) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  if (Trace *t = currentTrace())
    return emit(*t, leaves);
  std::vector<std::pair<DType, Shape>> specs;
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (!leaves[i].defined())
      fail(loc, what, "leaf " + std::to_string(i) + " is an undefined tensor");
    specs.push_back({leaves[i].dtype(), leaves[i].shape()});
  }
  Trace top("main", specs);
  std::vector<Tensor> results = emit(top, top.arguments());
  OwningOpRef<ModuleOp> module = top.finish(results);
  if (useInterpreter())
    return interpret(*module, leaves, loc, what);
  return run(*compile(*module, loc, what), leaves, loc, what);
}

Tensor apply1(llvm::StringRef op, const std::vector<Tensor> &inputs,
              const std::function<Value(OpBuilder &, Location, ArrayRef<Value>)>
                  &build,
              const Loc &loc) {
  return apply(op, inputs,
               [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
                 return std::vector<Value>{build(b, l, v)};
               },
               loc)[0];
}

} // namespace detail
} // namespace genc
