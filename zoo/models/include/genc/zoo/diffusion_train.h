// `genc-zoo diffusion train|sample|eval`: DDPM on galaxy images, with the
// VAE's data, RUN/ layout, checkpoints and resume (docs/ZOO.md).
//
// RUN/ after training: config.json, metrics.json (per epoch: training and
// validation ε-prediction loss, images/s, peak memory; per-step loss),
// loss.png, samples.png (64 samples of the EMA weights with the strided
// sampler), checkpoint.safetensors (weights, Adam state, and the EMA of
// the weights as "extra/ema/..."). `eval` measures samples of the EMA
// weights (genc/zoo/measures.h) and adds their sampler to "evaluation".
#ifndef GENC_ZOO_DIFFUSION_TRAIN_H
#define GENC_ZOO_DIFFUSION_TRAIN_H

#include "genc/zoo/gan_train.h" // EvalOptions
#include "genc/zoo/measures.h"

#include <array>
#include <cstdint>
#include <string>

namespace genc::zoo {

struct DiffusionTrainOptions {
  std::string data = "synthetic";
  int64_t count = 4000;
  int64_t image_size = 32;
  int64_t epochs = 5;
  int64_t steps = 0; // > 0 overrides epochs
  int64_t batch = 64;
  int64_t timesteps = 1000;
  std::string schedule = "linear"; // or "cosine"
  std::array<int64_t, 3> channels = {32, 64, 128};
  /// GroupNorm groups; 0 = channels[0] / 4 (at least 4 channels per group
  /// at the first width), at most 32.
  int64_t groups = 0;
  double lr = 2e-4;
  int64_t warmup_steps = 100;
  double ema_decay = 0.999;
  /// Steps of the strided sampler used for samples.png and eval.
  int64_t sample_steps = 100;
  std::string out = "runs/diffusion";
  bool resume = false;
  int64_t seed = 0;
  int64_t checkpoint_every = 500;
  int64_t stop_after = 0;
  int64_t data_threads = 0;
};

/// Trains; returns the last validation loss. Throws genc::Error.
double train_diffusion(const DiffusionTrainOptions &options);

struct DiffusionSampleOptions {
  std::string run = "runs/diffusion";
  int64_t count = 64;
  int64_t seed = 1;
  /// Sampler steps: the run's timesteps (the full ancestral chain) or fewer
  /// (strided); 0 = the run's --sample-steps.
  int64_t steps = 0;
  std::string out; // default RUN/samples-<seed>-<steps>.png
};
std::string sample_diffusion(const DiffusionSampleOptions &options);

/// eval with `steps` sampler steps (0 = the run's --sample-steps).
Evaluation eval_diffusion(const EvalOptions &options, int64_t steps = 0);

} // namespace genc::zoo

#endif // GENC_ZOO_DIFFUSION_TRAIN_H
