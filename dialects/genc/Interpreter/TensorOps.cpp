//===- TensorOps.cpp - interpreter: generator, shape and indexing ops -----===//
//
// Constants, iota, rng_bit_generator, the shape and layout ops, dot_general,
// convolution, gather and scatter_add, each as a direct loop over the
// result (or the updates) in row-major order.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "dialects/genc/IR/GencDialect.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

static int64_t wrapAdd(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}
static int64_t wrapMul(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b);
}

static OpResults single(RefTensor t) {
  SmallVector<RefTensor> results;
  results.push_back(std::move(t));
  return results;
}

//===----------------------------------------------------------------------===//
// Generators
//===----------------------------------------------------------------------===//

static OpResults evalConstant(ConstantOp op) {
  FailureOr<RefTensor> t = RefTensor::fromAttr(op.getValue());
  if (failed(t))
    return op.emitError("interpreter: cannot read the constant's elements");
  return single(std::move(*t));
}

/// `result[i0, ..., iN] = i_d`, converted to the element type as
/// genc.convert does (to i1: `i_d != 0`).
static OpResults evalIota(IotaOp op) {
  RefTensor r = zerosLikeResult(op);
  int64_t dim = (int64_t)op.getIotaDimension();
  bool isBool = !r.isFloat() && r.elementType.isInteger(1);
  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    if (r.isFloat())
      r.setFloat(linear, (double)index[dim]);
    else if (isBool)
      r.ints[linear] = index[dim] != 0;
    else
      r.setInt(linear, index[dim]);
  });
  return single(std::move(r));
}

/// threefry2x32 elementwise on four i32 tensors of one shape.
static OpResults evalThreefry(Threefry2x32Op op,
                              ArrayRef<const RefTensor *> v) {
  RefTensor y0 = zerosLikeResult(op, 0), y1 = zerosLikeResult(op, 1);
  for (int64_t i = 0, e = y0.numElements(); i < e; ++i) {
    auto [a, b] = threefry2x32((uint32_t)v[0]->ints[i], (uint32_t)v[1]->ints[i],
                               (uint32_t)v[2]->ints[i], (uint32_t)v[3]->ints[i]);
    y0.setInt(i, (int64_t)a);
    y1.setInt(i, (int64_t)b);
  }
  SmallVector<RefTensor> results;
  results.push_back(std::move(y0));
  results.push_back(std::move(y1));
  return results;
}

/// JAX's `threefry_2x32(key, iota(N))`: the counters 0..N-1, padded with one
/// 0 when N is odd, split into halves x0 = c[:M] and x1 = c[M:], hashed
/// pairwise; the output is the concatenated words, cut to N. The new key
/// hashes the counters (N', N' + 1), N' being N rounded up to even.
static OpResults evalRngBitGenerator(RngBitGeneratorOp op,
                                     const RefTensor &key) {
  auto key0 = (uint32_t)key.ints[0], key1 = (uint32_t)key.ints[1];
  RefTensor newKey = zerosLikeResult(op, 0);
  RefTensor bits = zerosLikeResult(op, 1);
  int64_t n = bits.numElements();
  int64_t m = (n + 1) / 2;
  SmallVector<uint32_t> counters;
  for (int64_t i = 0; i < n; ++i)
    counters.push_back((uint32_t)i);
  if (n % 2)
    counters.push_back(0);
  SmallVector<uint32_t> words(2 * m);
  for (int64_t j = 0; j < m; ++j) {
    auto [y0, y1] = threefry2x32(key0, key1, counters[j], counters[m + j]);
    words[j] = y0;
    words[m + j] = y1;
  }
  for (int64_t i = 0; i < n; ++i)
    bits.setInt(i, (int64_t)words[i]);
  auto nEven = (uint32_t)(n + n % 2);
  auto [k0, k1] = threefry2x32(key0, key1, nEven, nEven + 1);
  newKey.setInt(0, (int64_t)k0);
  newKey.setInt(1, (int64_t)k1);
  SmallVector<RefTensor> results;
  results.push_back(std::move(newKey));
  results.push_back(std::move(bits));
  return results;
}

//===----------------------------------------------------------------------===//
// Shape and layout
//===----------------------------------------------------------------------===//

static OpResults evalBroadcastInDim(BroadcastInDimOp op, const RefTensor &x) {
  RefTensor r = zerosLikeResult(op);
  ArrayRef<int64_t> dims = op.getBroadcastDimensions();
  SmallVector<int64_t> strides = rowMajorStrides(x.shape);
  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t src = 0;
    for (auto [i, d] : llvm::enumerate(dims))
      src += (x.shape[i] == 1 ? 0 : index[d]) * strides[i];
    copyElement(r, linear, x, src);
  });
  return single(std::move(r));
}

static OpResults evalReshape(ReshapeOp op, const RefTensor &x) {
  RefTensor r = x;
  r.shape.assign(op.getType().getShape().begin(),
                 op.getType().getShape().end());
  return single(std::move(r));
}

/// `result[i] = operand[j]` with `j[permutation[k]] = i_k`.
static OpResults evalTranspose(TransposeOp op, const RefTensor &x) {
  RefTensor r = zerosLikeResult(op);
  ArrayRef<int64_t> perm = op.getPermutation();
  SmallVector<int64_t> strides = rowMajorStrides(x.shape);
  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t src = 0;
    for (auto [k, p] : llvm::enumerate(perm))
      src += index[k] * strides[p];
    copyElement(r, linear, x, src);
  });
  return single(std::move(r));
}

/// Copies the box of `r`'s shape starting at `start` with `step` from `x`.
static void copyBox(RefTensor &r, const RefTensor &x, ArrayRef<int64_t> start,
                    ArrayRef<int64_t> step) {
  SmallVector<int64_t> strides = rowMajorStrides(x.shape);
  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t src = 0;
    for (size_t d = 0; d < index.size(); ++d)
      src += (start[d] + index[d] * step[d]) * strides[d];
    copyElement(r, linear, x, src);
  });
}

static OpResults evalSlice(SliceOp op, const RefTensor &x) {
  RefTensor r = zerosLikeResult(op);
  copyBox(r, x, op.getStartIndices(), op.getStrides());
  return single(std::move(r));
}

/// Starts are clamped into [0, operand.shape[d] - slice_sizes[d]].
static OpResults evalDynamicSlice(DynamicSliceOp op,
                                  ArrayRef<const RefTensor *> operands) {
  const RefTensor &x = *operands[0];
  RefTensor r = zerosLikeResult(op);
  ArrayRef<int64_t> sizes = op.getSliceSizes();
  SmallVector<int64_t> start, step(x.shape.size(), 1);
  for (size_t d = 0; d < x.shape.size(); ++d)
    start.push_back(std::clamp<int64_t>(operands[1 + d]->ints[0], 0,
                                        x.shape[d] - sizes[d]));
  copyBox(r, x, start, step);
  return single(std::move(r));
}

static OpResults evalConcatenate(ConcatenateOp op,
                                 ArrayRef<const RefTensor *> inputs) {
  RefTensor r = zerosLikeResult(op);
  auto dim = (int64_t)op.getDimension();
  SmallVector<int64_t> strides = rowMajorStrides(r.shape);
  int64_t offset = 0;
  for (const RefTensor *x : inputs) {
    forEachIndex(x->shape, [&](ArrayRef<int64_t> index, int64_t linear) {
      int64_t dst = linearize(index, strides) + offset * strides[dim];
      copyElement(r, dst, *x, linear);
    });
    offset += x->shape[dim];
  }
  return single(std::move(r));
}

/// Operand element `i` lands at `low + i * (interior + 1)` in every
/// dimension; positions outside the result (negative edge padding) drop it.
static OpResults evalPad(PadOp op, const RefTensor &x, const RefTensor &pad) {
  RefTensor r = zerosLikeResult(op);
  for (int64_t i = 0, e = r.numElements(); i < e; ++i)
    copyElement(r, i, pad, 0);
  ArrayRef<int64_t> low = op.getEdgePaddingLow(),
                    interior = op.getInteriorPadding();
  SmallVector<int64_t> strides = rowMajorStrides(r.shape);
  forEachIndex(x.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t dst = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      int64_t pos = low[d] + index[d] * (interior[d] + 1);
      if (pos < 0 || pos >= r.shape[d])
        return;
      dst += pos * strides[d];
    }
    copyElement(r, dst, x, linear);
  });
  return single(std::move(r));
}

static OpResults evalReverse(ReverseOp op, const RefTensor &x) {
  RefTensor r = zerosLikeResult(op);
  ArrayRef<int64_t> dims = op.getDimensions();
  SmallVector<int64_t> strides = rowMajorStrides(x.shape);
  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t src = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      int64_t i = llvm::is_contained(dims, (int64_t)d)
                      ? x.shape[d] - 1 - index[d]
                      : index[d];
      src += i * strides[d];
    }
    copyElement(r, linear, x, src);
  });
  return single(std::move(r));
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

/// The dimensions of a rank-`rank` tensor in neither `a` nor `b`, in order.
static SmallVector<int64_t> freeDims(int64_t rank, ArrayRef<int64_t> a,
                                     ArrayRef<int64_t> b) {
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(a, d) && !llvm::is_contained(b, d))
      dims.push_back(d);
  return dims;
}

/// Result index = (batch, lhs free, rhs free). Floats accumulate in double
/// and round once at the end; integers accumulate with wrap-around.
static OpResults evalDotGeneral(DotGeneralOp op, const RefTensor &lhs,
                                const RefTensor &rhs) {
  RefTensor r = zerosLikeResult(op);
  ArrayRef<int64_t> lb = op.getLhsBatchingDimensions(),
                    rb = op.getRhsBatchingDimensions(),
                    lc = op.getLhsContractingDimensions(),
                    rc = op.getRhsContractingDimensions();
  SmallVector<int64_t> lf = freeDims(lhs.shape.size(), lb, lc);
  SmallVector<int64_t> rf = freeDims(rhs.shape.size(), rb, rc);
  SmallVector<int64_t> contractShape;
  for (int64_t d : lc)
    contractShape.push_back(lhs.shape[d]);
  SmallVector<int64_t> lStrides = rowMajorStrides(lhs.shape);
  SmallVector<int64_t> rStrides = rowMajorStrides(rhs.shape);
  SmallVector<int64_t> lIndex(lhs.shape.size()), rIndex(rhs.shape.size());

  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    size_t pos = 0;
    for (size_t i = 0; i < lb.size(); ++i, ++pos) {
      lIndex[lb[i]] = index[pos];
      rIndex[rb[i]] = index[pos];
    }
    for (int64_t d : lf)
      lIndex[d] = index[pos++];
    for (int64_t d : rf)
      rIndex[d] = index[pos++];
    double floatSum = 0;
    int64_t intSum = 0;
    forEachIndex(contractShape, [&](ArrayRef<int64_t> c, int64_t) {
      for (size_t k = 0; k < c.size(); ++k) {
        lIndex[lc[k]] = c[k];
        rIndex[rc[k]] = c[k];
      }
      int64_t l = linearize(lIndex, lStrides), q = linearize(rIndex, rStrides);
      if (r.isFloat())
        floatSum += lhs.floats[l] * rhs.floats[q];
      else
        intSum = wrapAdd(intSum, wrapMul(lhs.ints[l], rhs.ints[q]));
    });
    if (r.isFloat())
      r.setFloat(linear, floatSum);
    else
      r.setInt(linear, intSum);
  });
  return single(std::move(r));
}

/// result[b, o, p] = sum_{i, k} lhs_dilated_padded[b, g*Ci + i,
/// p*stride + k*rhs_dilation] * rhs[i, o, k], accumulated in double.
static OpResults evalConvolution(ConvolutionOp op, const RefTensor &lhs,
                                 const RefTensor &rhs) {
  FailureOr<ConvolutionOp::Geometry> geo = op.getGeometry();
  if (failed(geo))
    return op.emitError("interpreter: invalid convolution geometry");
  const ConvolutionOp::Geometry &g = *geo;
  RefTensor r = zerosLikeResult(op);
  auto groups = (int64_t)op.getFeatureGroupCount();
  int64_t inPerGroup = rhs.shape[g.kIn];
  int64_t outPerGroup = rhs.shape[g.kOut] / groups;
  SmallVector<int64_t> kernelShape, dilatedIn;
  for (int64_t s = 0; s < g.numSpatial; ++s) {
    kernelShape.push_back(rhs.shape[g.kSpatial[s]]);
    int64_t n = lhs.shape[g.inSpatial[s]];
    dilatedIn.push_back(n == 0 ? 0 : (n - 1) * g.lhsDilation[s] + 1);
  }
  SmallVector<int64_t> lStrides = rowMajorStrides(lhs.shape);
  SmallVector<int64_t> rStrides = rowMajorStrides(rhs.shape);
  SmallVector<int64_t> lIndex(lhs.shape.size()), rIndex(rhs.shape.size());

  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t o = index[g.outFeature];
    int64_t group = o / outPerGroup;
    lIndex[g.inBatch] = index[g.outBatch];
    rIndex[g.kOut] = o;
    double sum = 0;
    for (int64_t i = 0; i < inPerGroup; ++i) {
      lIndex[g.inFeature] = group * inPerGroup + i;
      rIndex[g.kIn] = i;
      forEachIndex(kernelShape, [&](ArrayRef<int64_t> k, int64_t) {
        for (int64_t s = 0; s < g.numSpatial; ++s) {
          // Position in the dilated (unpadded) input.
          int64_t x = index[g.outSpatial[s]] * g.strides[s] +
                      k[s] * g.rhsDilation[s] - g.padLow[s];
          if (x < 0 || x >= dilatedIn[s] || x % g.lhsDilation[s] != 0)
            return; // Padding or a hole of the lhs dilation: zero.
          lIndex[g.inSpatial[s]] = x / g.lhsDilation[s];
          rIndex[g.kSpatial[s]] = k[s];
        }
        sum += lhs.floats[linearize(lIndex, lStrides)] *
               rhs.floats[linearize(rIndex, rStrides)];
      });
    }
    r.setFloat(linear, sum);
  });
  return single(std::move(r));
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

/// Splits a gather-shaped index (a.., i.., b..) into the operand index
/// (a.., indices[i..], b..) with the index value supplied by `pick`.
/// Returns false if `pick` rejects the index value.
template <typename Pick>
static bool operandIndexOf(ArrayRef<int64_t> index, int64_t axis,
                           const RefTensor &indices,
                           ArrayRef<int64_t> indexStrides, Pick pick,
                           SmallVectorImpl<int64_t> &out) {
  size_t idxRank = indices.shape.size();
  out.assign(index.begin(), index.begin() + axis);
  int64_t v = indices.ints[linearize(index.slice(axis, idxRank), indexStrides)];
  std::optional<int64_t> picked = pick(v);
  if (!picked)
    return false;
  out.push_back(*picked);
  out.append(index.begin() + axis + idxRank, index.end());
  return true;
}

/// Out-of-range indices are clamped into range.
static OpResults evalGather(GatherOp op, const RefTensor &x,
                            const RefTensor &indices) {
  RefTensor r = zerosLikeResult(op);
  auto axis = (int64_t)op.getAxis();
  int64_t size = x.shape[axis];
  SmallVector<int64_t> xStrides = rowMajorStrides(x.shape);
  SmallVector<int64_t> iStrides = rowMajorStrides(indices.shape);
  SmallVector<int64_t> src;
  forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    operandIndexOf(
        index, axis, indices, iStrides,
        [&](int64_t v) -> std::optional<int64_t> {
          return std::clamp<int64_t>(v, 0, size - 1);
        },
        src);
    copyElement(r, linear, x, linearize(src, xStrides));
  });
  return single(std::move(r));
}

/// Updates are added in row-major order, each addition rounded (or wrapped)
/// to the element type; out-of-range indices are dropped.
static OpResults evalScatterAdd(ScatterAddOp op, const RefTensor &x,
                                const RefTensor &indices,
                                const RefTensor &updates) {
  RefTensor r = x;
  auto axis = (int64_t)op.getAxis();
  int64_t size = x.shape[axis];
  SmallVector<int64_t> xStrides = rowMajorStrides(x.shape);
  SmallVector<int64_t> iStrides = rowMajorStrides(indices.shape);
  SmallVector<int64_t> dst;
  forEachIndex(updates.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    if (!operandIndexOf(
            index, axis, indices, iStrides,
            [&](int64_t v) -> std::optional<int64_t> {
              if (v < 0 || v >= size)
                return std::nullopt;
              return v;
            },
            dst))
      return;
    int64_t d = linearize(dst, xStrides);
    if (r.isFloat())
      r.setFloat(d, r.floats[d] + updates.floats[linear]);
    else
      r.setInt(d, wrapAdd(r.ints[d], updates.ints[linear]));
  });
  return single(std::move(r));
}

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

std::optional<OpResults>
mlir::genc::interp::impl::evalTensorOp(Operation *op,
                                       ArrayRef<const RefTensor *> operands) {
  auto arg = [&](unsigned i) -> const RefTensor & { return *operands[i]; };
  return llvm::TypeSwitch<Operation *, std::optional<OpResults>>(op)
      .Case([&](ConstantOp o) { return evalConstant(o); })
      .Case([&](IotaOp o) { return evalIota(o); })
      .Case([&](RngBitGeneratorOp o) { return evalRngBitGenerator(o, arg(0)); })
      .Case([&](Threefry2x32Op o) { return evalThreefry(o, operands); })
      .Case([&](StopGradientOp) { return single(RefTensor(arg(0))); })
      .Case([&](BroadcastInDimOp o) { return evalBroadcastInDim(o, arg(0)); })
      .Case([&](ReshapeOp o) { return evalReshape(o, arg(0)); })
      .Case([&](TransposeOp o) { return evalTranspose(o, arg(0)); })
      .Case([&](SliceOp o) { return evalSlice(o, arg(0)); })
      .Case([&](DynamicSliceOp o) { return evalDynamicSlice(o, operands); })
      .Case([&](ConcatenateOp o) { return evalConcatenate(o, operands); })
      .Case([&](PadOp o) { return evalPad(o, arg(0), arg(1)); })
      .Case([&](ReverseOp o) { return evalReverse(o, arg(0)); })
      .Case([&](DotGeneralOp o) { return evalDotGeneral(o, arg(0), arg(1)); })
      .Case([&](ConvolutionOp o) { return evalConvolution(o, arg(0), arg(1)); })
      .Case([&](GatherOp o) { return evalGather(o, arg(0), arg(1)); })
      .Case([&](ScatterAddOp o) {
        return evalScatterAdd(o, arg(0), arg(1), arg(2));
      })
      .Default([](Operation *) { return std::nullopt; });
}
