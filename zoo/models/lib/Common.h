// Helpers shared by the zoo models' training and analysis code (private to
// zoo/models).
#ifndef GENC_ZOO_MODELS_COMMON_H
#define GENC_ZOO_MODELS_COMMON_H

#include "genc/zoo/Data.h"

#include <genc/genc.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace genc::zoo::detail {

/// load_galaxies at `imageSize` with the loader's reports on stderr; throws
/// when the images are smaller than `imageSize`.
GalaxySet loadData(const std::string &spec, int64_t count, int64_t imageSize,
                   int64_t seed, int64_t threads);

/// The batch's images as a [batch, S, S, 3] tensor (padding rows included).
Tensor batchImages(const Batch &b);

/// Runs `fn` on every batch of the rows `indices` (in order, last batch
/// padded to `batch`) and calls `row(i, batch)` for each real row.
void forEachBatch(const GalaxySet &set, const std::vector<int64_t> &indices,
                  int64_t batch, const std::function<void(const Batch &)> &fn);

/// Row-major n x d latent means of the rows `indices` by `encode` (params,
/// images) -> [B, d]; labels and redshifts of the same rows when asked.
std::vector<double>
latentMeans(const std::function<Tensor(const Tensor &)> &encode,
            const GalaxySet &set, const std::vector<int64_t> &indices,
            int64_t batch, int64_t d, std::vector<int> *labels = nullptr,
            std::vector<double> *redshift = nullptr);

inline Tensor crossEntropy(const Tensor &logits, const Tensor &labels) {
  return -mean(sum(one_hot(labels, kGalaxyClasses) * log_softmax(logits), {1}));
}

/// A jitted training step of a classifier `apply(params, x) -> logits`:
/// (params, opt state, x, labels) -> (params, opt state, cross-entropy).
template <class Apply>
auto classifierStep(Apply apply, optim::GradientTransformation opt,
                    const std::string &name) {
  return jit(
      [apply, opt](const Params &p, const Params &st, const Tensor &x,
                   const Tensor &y) {
        auto [loss, g] = value_and_grad([&](const Params &p) {
          return crossEntropy(apply(p, x), y);
        })(p);
        auto [u, st2] = opt.update(g, st, p);
        return std::make_tuple(optim::apply_updates(p, u), st2, loss);
      },
      name);
}

std::string metaOr(const std::map<std::string, std::string> &meta,
                   const std::string &key, const std::string &fallback);

/// "%.9g".
std::string fmt(double v);

} // namespace genc::zoo::detail

#endif // GENC_ZOO_MODELS_COMMON_H
