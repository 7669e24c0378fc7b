// `genc-zoo gan train|sample|eval`: DCGAN / WGAN-GP on galaxy images, with
// the VAE's data, RUN/ layout, checkpoints and resume (docs/ZOO.md).
//
// RUN/ after training: config.json, metrics.json (per-epoch discriminator
// and generator losses, mean scores of real and generated images, gradient
// penalty, images/s, peak memory; per-step curves), loss.png (both losses
// per step; for WGAN-GP also the critic's Wasserstein estimate
// D(x) - D(G(z))), samples.png (64 samples from a fixed z),
// checkpoint.safetensors. `eval` adds "evaluation" to metrics.json (see
// genc/zoo/measures.h), including mode collapse.
//
// One training step is one generator update after n_critic discriminator
// updates on n_critic fresh batches; an epoch is floor(batches / n_critic)
// steps (the few leftover batches of an epoch are not used).
#ifndef GENC_ZOO_GAN_TRAIN_H
#define GENC_ZOO_GAN_TRAIN_H

#include "genc/zoo/measures.h"

#include <array>
#include <cstdint>
#include <string>

namespace genc::zoo {

struct GanTrainOptions {
  std::string data = "synthetic"; // "synthetic", FILE.h5 or a folder
  int64_t count = 4000;
  int64_t image_size = 32;
  int64_t epochs = 5;
  int64_t steps = 0; // > 0 overrides epochs
  int64_t batch = 64;
  int64_t latent = 64;
  std::array<int64_t, 3> channels = {32, 64, 128};
  std::string loss = "dcgan"; // or "wgan-gp"
  double gp_lambda = 10;
  /// Discriminator updates per generator update; 0 = 1 for dcgan, 5 for
  /// wgan-gp (Gulrajani et al. 2017).
  int64_t n_critic = 0;
  /// Adam; 0 / NaN = the loss's defaults: dcgan lr 2e-4, β1 0.5, β2 0.999
  /// (Radford et al.); wgan-gp lr 1e-4, β1 0, β2 0.9 (Gulrajani et al.).
  double lr = 0, beta1 = -1, beta2 = -1;
  std::string out = "runs/gan";
  bool resume = false;
  int64_t seed = 0;
  int64_t checkpoint_every = 500;
  int64_t stop_after = 0; // testing aid, as VaeTrainOptions::stop_after
  int64_t data_threads = 0;
};

/// Trains; returns the last epoch's mean generator loss. Throws
/// genc::Error / DataError with one clear message.
double train_gan(const GanTrainOptions &options);

struct GanSampleOptions {
  std::string run = "runs/gan";
  int64_t count = 64;
  int64_t seed = 1;
  std::string out; // PNG; default RUN/samples-<seed>.png
};
/// Writes a grid of `count` samples; returns the PNG's path.
std::string sample_gan(const GanSampleOptions &options);

struct EvalOptions {
  std::string run;
  std::string data; // default: the run's
};
/// The sample measures of a trained run against the mean+noise baseline,
/// written into RUN/metrics.json and returned.
Evaluation eval_gan(const EvalOptions &options);

} // namespace genc::zoo

#endif // GENC_ZOO_GAN_TRAIN_H
