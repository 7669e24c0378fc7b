// SPMD programs over a mesh of devices, as in JAX:
//   Mesh({{"data", 2}})                   jax.sharding.Mesh
//   P("data"), P(), P({"data", "model"})  jax.sharding.PartitionSpec
//   shard_map(f, mesh, in_specs, out_specs)   jax.shard_map (genc.shard_map)
//   psum / pmean / pmax / pmin, all_gather, psum_scatter, all_to_all,
//   ppermute, axis_index                  jax.lax collectives
// f runs once per device on its local shards; collectives name mesh axes
// and may only be used inside a shard_map body. The genc-shard pass turns
// the program into SPMD code; the runtime runs it on N logical CPU devices
// (threads; GENC_CPU_DEVICES sets how many exist) with the same results as
// the unsharded program. Gradient rules: psum's cotangent passes through
// (psum <-> broadcast), all_gather <-> psum_scatter, all_to_all <->
// all_to_all, ppermute <-> the inverse permutation. A replicated value used
// on every device does NOT get its gradients summed implicitly: call
// pmean/psum on the gradients (data-parallel training does exactly that).
#ifndef GENC_FRONTEND_SHARD_H
#define GENC_FRONTEND_SHARD_H

#include "genc/Control.h"

#include <string>
#include <utility>
#include <vector>

namespace genc {

/// A mesh of devices with named axes; devices are numbered row-major (the
/// last axis varies fastest).
class Mesh {
public:
  Mesh(std::vector<std::pair<std::string, int64_t>> axes,
       Loc loc = Loc::current());
  const std::vector<std::pair<std::string, int64_t>> &axes() const {
    return axes_;
  }
  int64_t size() const;
  /// Size of axis `name`; throws if the mesh has none.
  int64_t axis_size(const std::string &name, Loc loc = Loc::current()) const;

private:
  std::vector<std::pair<std::string, int64_t>> axes_;
};

/// Per dimension, the mesh axes it is split over (major to minor); missing
/// trailing dimensions are replicated.
using PartitionSpec = std::vector<std::vector<std::string>>;

/// P("data") splits dimension 0 over "data"; P("", "model") replicates
/// dimension 0 and splits dimension 1; P() replicates everything.
template <class... S> PartitionSpec P(const S &...dims) {
  PartitionSpec spec;
  auto add = [&](const auto &d) {
    using D = std::decay_t<decltype(d)>;
    if constexpr (std::is_same_v<D, std::vector<std::string>>)
      spec.push_back(d);
    else {
      std::string s(d);
      spec.push_back(s.empty() ? std::vector<std::string>{}
                               : std::vector<std::string>{s});
    }
  };
  (add(dims), ...);
  return spec;
}

/// The number of logical CPU devices (GENC_CPU_DEVICES, default: the
/// hardware threads).
int64_t device_count();
/// Processes of the MPI job (mpirun -np N) this program runs in, 1 outside
/// one (jax.process_count). An N-device program runs one device per process.
int64_t process_count();
/// This process's index in it (jax.process_index), 0 outside one.
int64_t process_index();

namespace detail {
/// Traces `trace` on the local shards of `leaves` and emits genc.shard_map.
/// `outSpecs` has one entry for all outputs or one per output leaf.
std::pair<std::vector<Tensor>, std::shared_ptr<void>>
shardMapCall(const Mesh &mesh, const std::vector<Tensor> &leaves,
             const std::vector<PartitionSpec> &leafSpecs,
             const std::vector<PartitionSpec> &outSpecs, const TraceFn &trace,
             Loc loc);
} // namespace detail

/// jax.shard_map: shard_map(f, mesh, in_specs, out_specs)(args...) splits
/// argument i by in_specs[i] (applied to each of its leaves), runs f on
/// every device, and assembles the outputs by out_specs (one spec for all
/// output leaves, or one per leaf). Composes with jit, and grad/vmap inside
/// f.
template <class F> class ShardMapped {
public:
  ShardMapped(F f, Mesh mesh, std::vector<PartitionSpec> inSpecs,
              std::vector<PartitionSpec> outSpecs, Loc loc)
      : f_(std::move(f)), mesh_(std::move(mesh)), inSpecs_(std::move(inSpecs)),
        outSpecs_(std::move(outSpecs)), loc_(loc) {}

  template <class... Args> auto operator()(const Args &...args) const {
    if (inSpecs_.size() != sizeof...(Args))
      fail(loc_, "shard_map",
           "in_specs has " + std::to_string(inSpecs_.size()) +
               " entries for " + std::to_string(sizeof...(Args)) +
               " arguments");
    std::vector<Tensor> leaves;
    std::vector<PartitionSpec> leafSpecs;
    std::string key;
    size_t arg = 0;
    ((TreeTraits<Args>::flatten(args, leaves, key),
      leafSpecs.resize(leaves.size(), inSpecs_[arg++])),
     ...);
    auto [outs, templ] =
        detail::shardMapCall(mesh_, leaves, leafSpecs, outSpecs_,
                             detail::makeTraceFn(f_, args...), loc_);
    using R = std::invoke_result_t<const F &, const Args &...>;
    return detail::fromLeaves(*static_cast<const R *>(templ.get()), outs);
  }

private:
  F f_;
  Mesh mesh_;
  std::vector<PartitionSpec> inSpecs_, outSpecs_;
  Loc loc_;
};

template <class F>
ShardMapped<F> shard_map(F f, Mesh mesh, std::vector<PartitionSpec> in_specs,
                         std::vector<PartitionSpec> out_specs,
                         Loc loc = Loc::current()) {
  return ShardMapped<F>(std::move(f), std::move(mesh), std::move(in_specs),
                        std::move(out_specs), loc);
}

/// Mesh axes a collective runs over: one name or several (major to minor).
using AxisNames = std::vector<std::string>;

/// Sum over the devices along `axes` (jax.lax.psum).
Tensor psum(const Tensor &x, const AxisNames &axes, Loc loc = Loc::current());
/// psum divided by the number of devices along `axes` (jax.lax.pmean).
Tensor pmean(const Tensor &x, const AxisNames &axes, Loc loc = Loc::current());
Tensor pmax(const Tensor &x, const AxisNames &axes, Loc loc = Loc::current());
Tensor pmin(const Tensor &x, const AxisNames &axes, Loc loc = Loc::current());
/// Concatenation of the devices' x along `axis` (jax.lax.all_gather with
/// tiled=True).
Tensor all_gather(const Tensor &x, const AxisNames &axes, int64_t axis = 0,
                  Loc loc = Loc::current());
/// psum, of which each device keeps block i (its index) of dimension
/// `axis` (jax.lax.psum_scatter with tiled=True).
Tensor psum_scatter(const Tensor &x, const AxisNames &axes, int64_t axis = 0,
                    Loc loc = Loc::current());
/// Block j of dimension split_axis goes to device j; received blocks are
/// concatenated along concat_axis (jax.lax.all_to_all, tiled=True).
Tensor all_to_all(const Tensor &x, const AxisNames &axes, int64_t split_axis,
                  int64_t concat_axis, Loc loc = Loc::current());
/// (source, target) positions along one axis; a device no pair targets
/// gets zeros (jax.lax.ppermute).
Tensor ppermute(const Tensor &x, const std::string &axis,
                const std::vector<std::pair<int64_t, int64_t>> &perm,
                Loc loc = Loc::current());
/// This device's position along `axis`, an i32 scalar (jax.lax.axis_index).
Tensor axis_index(const std::string &axis, Loc loc = Loc::current());

} // namespace genc

#endif // GENC_FRONTEND_SHARD_H
