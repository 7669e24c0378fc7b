//===- Shard.cpp - shard_map, meshes and collectives ----------------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Ops.h"
#include "genc/Shard.h"
#include "genc/runtime/Collectives.h"

#include <algorithm>

using namespace mlir;
namespace g = mlir::genc;

namespace genc {

Mesh::Mesh(std::vector<std::pair<std::string, int64_t>> axes, Loc loc)
    : axes_(std::move(axes)) {
  if (axes_.empty())
    fail(loc, "Mesh", "a mesh needs at least one axis");
  for (size_t i = 0; i < axes_.size(); ++i) {
    auto &[name, size] = axes_[i];
    if (name.empty())
      fail(loc, "Mesh", "axis names must not be empty");
    if (size < 1)
      fail(loc, "Mesh", "axis '" + name + "' must have a positive size, got " +
                            std::to_string(size));
    for (size_t j = 0; j < i; ++j)
      if (axes_[j].first == name)
        fail(loc, "Mesh", "axis '" + name + "' appears twice");
  }
}

int64_t Mesh::size() const {
  int64_t n = 1;
  for (auto &a : axes_)
    n *= a.second;
  return n;
}

int64_t Mesh::axis_size(const std::string &name, Loc loc) const {
  for (auto &[n, s] : axes_)
    if (n == name)
      return s;
  fail(loc, "Mesh", "the mesh has no axis '" + name + "'");
}

int64_t device_count() { return runtime::cpuDeviceCount(); }
int64_t process_count() { return runtime::processCount(); }
int64_t process_index() { return runtime::processIndex(); }

namespace {

/// The meshes of the shard_map bodies being traced, innermost last.
thread_local std::vector<const Mesh *> activeMeshes;

struct MeshScope {
  explicit MeshScope(const Mesh &m) { activeMeshes.push_back(&m); }
  ~MeshScope() { activeMeshes.pop_back(); }
};

/// Devices along `axes` in the enclosing shard_map's mesh; throws if an
/// axis is unbound or repeated.
int64_t groupSize(const AxisNames &axes, const Loc &loc, const char *what) {
  if (axes.empty())
    fail(loc, what, "needs at least one mesh axis");
  if (activeMeshes.empty() || !detail::currentTrace())
    fail(loc, what,
         "axis '" + axes[0] +
             "' is not bound: collectives run inside a shard_map body");
  const Mesh &mesh = *activeMeshes.back();
  int64_t n = 1;
  for (size_t i = 0; i < axes.size(); ++i) {
    bool found = false;
    for (auto &[name, size] : mesh.axes())
      if (name == axes[i]) {
        n *= size;
        found = true;
      }
    if (!found)
      fail(loc, what, "axis '" + axes[i] +
                          "' is not in the enclosing shard_map's mesh");
    for (size_t j = 0; j < i; ++j)
      if (axes[j] == axes[i])
        fail(loc, what, "axis '" + axes[i] + "' appears twice");
  }
  return n;
}

ArrayAttr axesAttr(OpBuilder &b, const AxisNames &axes) {
  SmallVector<StringRef> names(axes.begin(), axes.end());
  return b.getStrArrayAttr(names);
}

int64_t normDim(int64_t axis, int64_t rank, const Loc &loc, const char *what) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    fail(loc, what, "axis " + std::to_string(axis) +
                        " is out of range for rank " + std::to_string(rank));
  return a;
}

ArrayAttr specAttr(OpBuilder &b, const PartitionSpec &spec) {
  SmallVector<Attribute> dims;
  for (const std::vector<std::string> &axes : spec) {
    SmallVector<StringRef> names(axes.begin(), axes.end());
    dims.push_back(b.getStrArrayAttr(names));
  }
  return b.getArrayAttr(dims);
}

/// The local shape of `shape` split by `spec` over `mesh`.
Shape localShape(const Mesh &mesh, Shape shape, const PartitionSpec &spec,
                 const Loc &loc, const std::string &what) {
  if (spec.size() > shape.size())
    fail(loc, "shard_map",
         what + ": the spec has " + std::to_string(spec.size()) +
             " entries for a value of rank " + std::to_string(shape.size()));
  for (size_t d = 0; d < spec.size(); ++d) {
    int64_t ways = 1;
    for (const std::string &a : spec[d])
      ways *= mesh.axis_size(a, loc);
    if (shape[d] % ways != 0)
      fail(loc, "shard_map",
           what + ": dimension " + std::to_string(d) + " of size " +
               std::to_string(shape[d]) + " does not split " +
               std::to_string(ways) + " ways");
    shape[d] /= ways;
  }
  return shape;
}

} // namespace

namespace detail {

std::pair<std::vector<Tensor>, std::shared_ptr<void>>
shardMapCall(const Mesh &mesh, const std::vector<Tensor> &leaves,
             const std::vector<PartitionSpec> &leafSpecs,
             const std::vector<PartitionSpec> &outSpecs, const TraceFn &trace,
             Loc loc) {
  const char *what = "shard_map";
  std::vector<std::pair<DType, Shape>> specs;
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (!leaves[i].defined())
      fail(loc, what, "leaf " + std::to_string(i) + " is an undefined tensor");
    specs.push_back({leaves[i].dtype(),
                     localShape(mesh, leaves[i].shape(), leafSpecs[i], loc,
                                "argument leaf " + std::to_string(i) + " " +
                                    leaves[i].aval())});
  }
  std::shared_ptr<void> templ;
  std::vector<Tensor> outs = inTraceOrEager(
      leaves, what, loc, [&](Trace &t, const std::vector<Tensor> &values) {
        SubFunction sub = [&] {
          MeshScope scope(mesh);
          return traceSubFunction(t, "shard_map_fn", specs, trace,
                                  [](const std::vector<Tensor> &) {});
        }();
        templ = sub.outputTemplate;
        if (outSpecs.size() != 1 && outSpecs.size() != sub.outputs.size())
          fail(loc, what,
               "out_specs has " + std::to_string(outSpecs.size()) +
                   " entries for " + std::to_string(sub.outputs.size()) +
                   " output leaves (give one for all, or one per leaf)");
        std::vector<Tensor> inputs(values);
        inputs.insert(inputs.end(), sub.captures.begin(), sub.captures.end());
        std::vector<PartitionSpec> inSpecs(leafSpecs);
        inSpecs.resize(inputs.size()); // captures are replicated
        SmallVector<Type> types;
        std::vector<PartitionSpec> resultSpecs;
        for (size_t i = 0; i < sub.outputs.size(); ++i) {
          auto &[d, s] = sub.outputs[i];
          const PartitionSpec &spec = outSpecs[outSpecs.size() == 1 ? 0 : i];
          if (spec.size() > s.size())
            fail(loc, what,
                 "out_specs entry for output leaf " + std::to_string(i) +
                     " has " + std::to_string(spec.size()) +
                     " entries for a value of rank " +
                     std::to_string(s.size()));
          Shape global = s;
          for (size_t k = 0; k < spec.size(); ++k)
            for (const std::string &a : spec[k])
              global[k] *= mesh.axis_size(a, loc);
          types.push_back(tensorType(d, global));
          resultSpecs.push_back(spec);
        }
        return apply(
            what, inputs,
            [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
              SmallVector<StringRef> names;
              SmallVector<int64_t> sizes;
              for (auto &[n, s] : mesh.axes()) {
                names.push_back(n);
                sizes.push_back(s);
              }
              SmallVector<Attribute> in, out;
              for (const PartitionSpec &s : inSpecs)
                in.push_back(specAttr(b, s));
              for (const PartitionSpec &s : resultSpecs)
                out.push_back(specAttr(b, s));
              auto op = b.create<g::ShardMapOp>(
                  l, types, FlatSymbolRefAttr::get(b.getContext(), sub.callee),
                  v, b.getStrArrayAttr(names), b.getDenseI64ArrayAttr(sizes),
                  b.getArrayAttr(in), b.getArrayAttr(out));
              return std::vector<Value>(op.getResults().begin(),
                                        op.getResults().end());
            },
            loc);
      });
  return {outs, templ};
}

} // namespace detail

using detail::apply1;
using detail::tensorType;

static Tensor allReduce(const Tensor &x, const AxisNames &axes,
                        g::CollectiveReduce kind, const Loc &loc,
                        const char *what) {
  groupSize(axes, loc, what);
  return apply1(what, {x}, [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
    return b.create<g::AllReduceOp>(
        l, v[0].getType(), g::CollectiveReduceAttr::get(b.getContext(), kind),
        v[0], axesAttr(b, axes), DenseIntElementsAttr());
  }, loc);
}

Tensor psum(const Tensor &x, const AxisNames &axes, Loc loc) {
  return allReduce(x, axes, g::CollectiveReduce::sum, loc, "psum");
}
Tensor pmax(const Tensor &x, const AxisNames &axes, Loc loc) {
  return allReduce(x, axes, g::CollectiveReduce::max, loc, "pmax");
}
Tensor pmin(const Tensor &x, const AxisNames &axes, Loc loc) {
  return allReduce(x, axes, g::CollectiveReduce::min, loc, "pmin");
}
Tensor pmean(const Tensor &x, const AxisNames &axes, Loc loc) {
  int64_t n = groupSize(axes, loc, "pmean");
  Tensor s = allReduce(x, axes, g::CollectiveReduce::sum, loc, "pmean");
  return divide(s, ::genc::scalar_like(s, (double)n, loc), loc);
}

Tensor all_gather(const Tensor &x, const AxisNames &axes, int64_t axis,
                  Loc loc) {
  int64_t n = groupSize(axes, loc, "all_gather");
  int64_t d = normDim(axis, x.rank(), loc, "all_gather");
  Shape shape = x.shape();
  shape[d] *= n;
  return apply1("all_gather", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
                  return b.create<g::AllGatherOp>(
                      l, tensorType(x.dtype(), shape), v[0],
                      b.getI64IntegerAttr(d), axesAttr(b, axes),
                      DenseIntElementsAttr());
                },
                loc);
}

Tensor psum_scatter(const Tensor &x, const AxisNames &axes, int64_t axis,
                    Loc loc) {
  int64_t n = groupSize(axes, loc, "psum_scatter");
  int64_t d = normDim(axis, x.rank(), loc, "psum_scatter");
  Shape shape = x.shape();
  if (shape[d] % n != 0)
    fail(loc, "psum_scatter",
         "dimension " + std::to_string(d) + " of " + x.aval() +
             " does not split over " + std::to_string(n) + " devices");
  shape[d] /= n;
  return apply1("psum_scatter", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
                  return b.create<g::ReduceScatterOp>(
                      l, tensorType(x.dtype(), shape),
                      g::CollectiveReduceAttr::get(b.getContext(),
                                                   g::CollectiveReduce::sum),
                      v[0], b.getI64IntegerAttr(d), axesAttr(b, axes),
                      DenseIntElementsAttr());
                },
                loc);
}

Tensor all_to_all(const Tensor &x, const AxisNames &axes, int64_t split_axis,
                  int64_t concat_axis, Loc loc) {
  int64_t n = groupSize(axes, loc, "all_to_all");
  int64_t s = normDim(split_axis, x.rank(), loc, "all_to_all");
  int64_t c = normDim(concat_axis, x.rank(), loc, "all_to_all");
  Shape shape = x.shape();
  if (shape[s] % n != 0)
    fail(loc, "all_to_all",
         "split axis " + std::to_string(s) + " of " + x.aval() +
             " does not split over " + std::to_string(n) + " devices");
  shape[s] /= n;
  shape[c] *= n;
  return apply1("all_to_all", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
                  return b.create<g::AllToAllOp>(
                      l, tensorType(x.dtype(), shape), v[0],
                      b.getI64IntegerAttr(s), b.getI64IntegerAttr(c),
                      axesAttr(b, axes), DenseIntElementsAttr());
                },
                loc);
}

Tensor ppermute(const Tensor &x, const std::string &axis,
                const std::vector<std::pair<int64_t, int64_t>> &perm,
                Loc loc) {
  int64_t n = groupSize({axis}, loc, "ppermute");
  std::vector<int64_t> flat;
  for (auto [src, dst] : perm) {
    if (src < 0 || src >= n || dst < 0 || dst >= n)
      fail(loc, "ppermute",
           "pair (" + std::to_string(src) + ", " + std::to_string(dst) +
               ") is out of range for axis '" + axis + "' of size " +
               std::to_string(n));
    flat.push_back(src);
    flat.push_back(dst);
  }
  return apply1("ppermute", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
                  auto type = RankedTensorType::get(
                      {(int64_t)perm.size(), 2}, b.getI64Type());
                  return b.create<g::CollectivePermuteOp>(
                      l, v[0].getType(), v[0],
                      DenseIntElementsAttr::get(type, ArrayRef(flat)),
                      axesAttr(b, {axis}));
                },
                loc);
}

Tensor axis_index(const std::string &axis, Loc loc) {
  groupSize({axis}, loc, "axis_index");
  return apply1("axis_index", {},
                [&](OpBuilder &b, Location l, ArrayRef<Value>) {
                  return b.create<g::AxisIndexOp>(
                      l, RankedTensorType::get({}, b.getI32Type()),
                      b.getStringAttr(axis));
                },
                loc);
}

} // namespace genc
