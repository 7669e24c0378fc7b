// Training and analysing the galaxy β-VAE: what `genc-zoo vae train` and
// `genc-zoo vae analyze` run (docs/ZOO.md describes RUN/ and every number).
//
// RUN/ after training:
//   config.json            the options of the run
//   checkpoint.safetensors parameters + Adam state + step + history (atomic;
//                          written every `checkpoint_every` steps and at the
//                          end; --resume continues from it)
//   metrics.json           per-epoch train/validation loss, reconstruction
//                          and KL, steps/s, images/s, peak memory
//   loss.png               training curves (per step) and validation ELBO
//   kl.png                 the KL term and the β schedule per step
//   reconstructions.png    validation inputs above their reconstructions
//   samples.png            decoded prior samples
//   latent.png             PCA of the validation latent means by class
//
// Determinism: the data order is a function of (seed, epoch), the
// reparameterization noise of (seed, step), so a run interrupted and
// resumed ends with the same parameters as an uninterrupted one.
#ifndef GENC_ZOO_VAE_TRAIN_H
#define GENC_ZOO_VAE_TRAIN_H

#include <cstdint>
#include <array>
#include <string>

namespace genc::zoo {

struct VaeTrainOptions {
  std::string data = "synthetic"; // "synthetic", FILE.h5 or a folder
  int64_t count = 4000;           // synthetic images
  int64_t image_size = 32;        // 32 or 64
  int64_t epochs = 5;
  int64_t steps = 0;              // > 0 overrides epochs
  int64_t batch = 64;
  int64_t latent = 16;
  /// Output channels of the three encoder convolutions (the decoder's are
  /// `decoder_channels`); the pixel CNN of `vae analyze` uses the same.
  std::array<int64_t, 3> channels = {32, 64, 128};
  /// The decoder's widths (encoder order, mirrored); zeros: `channels`.
  /// Twice the encoder's by default: the seed leaves widths open, and the
  /// decoder's width is what lets the 16-d latent keep morphology (the
  /// latent/pixel accuracy ratio 0.78 -> 0.90, docs/ZOO.md).
  std::array<int64_t, 3> decoder_channels = {64, 128, 256};
  std::string likelihood = "gaussian"; // or "bernoulli" (genc/zoo/vae.h)
  double sigma = 0.1;
  std::string prior = "gaussian"; // or "realnvp" (4 coupling layers)
  /// "group" (default: GroupNorm, genc/zoo/vae.h) or "none" (the plain
  /// seed architecture).
  std::string norm = "group";
  double beta_warmup = 0.1;       // fraction of the steps over which β: 0 -> 1
  double lr = 1e-3;
  int64_t warmup_steps = 100;     // linear learning-rate warm-up
  std::string out = "runs/vae";
  bool resume = false;
  int64_t seed = 0;
  int64_t checkpoint_every = 500;
  /// Random flips / quarter turns of the training images (galaxies have no
  /// preferred orientation).
  bool augment = false;
  /// Testing aid: stop (as if killed) after this many steps of this
  /// process, leaving the last periodic checkpoint behind. 0 = off.
  int64_t stop_after = 0;
  int64_t data_threads = 0;
  /// Data-parallel devices (--mesh data=N): each step's batch is split over
  /// N logical devices, gradients are averaged with pmean; the result is
  /// the 1-device run's up to float rounding. 1 = one device.
  int64_t data_parallel = 1;
};

/// "data=N" -> N; throws genc::Error naming the text unless it is one axis
/// named data with a positive size.
int64_t parse_data_mesh(const std::string &text);

/// "32,64,128" <-> {32, 64, 128}; parse_channels throws genc::Error naming
/// the text unless it is three positive integers separated by commas.
std::string format_channels(const std::array<int64_t, 3> &channels);
std::array<int64_t, 3> parse_channels(const std::string &text);

/// Trains; returns the final validation negative ELBO (nats per image).
/// Throws genc::Error / DataError with one clear message.
double train_vae(const VaeTrainOptions &options);

struct VaeAnalyzeOptions {
  std::string run = "runs/vae";
  /// Data to analyse; empty = the run's own (from config.json is not
  /// parsed: the run's options are stored in its checkpoint metadata).
  std::string data;
  int64_t classifier_epochs = 30;
  /// Train the latent classifier on the latent means of all 8 flips /
  /// quarter turns of each training image, as the pixel CNN trains on
  /// flipped and turned images (test images are encoded as they are).
  bool classifier_augment = true;
  int64_t cnn_epochs = 0; // 0 = the VAE run's epochs
  double ridge_lambda = 1.0;
};

/// Encodes the test split; trains a latent MLP classifier and a pixel CNN,
/// fits ridge regression for redshift; writes RUN/analysis.json,
/// confusion.png, redshift.png and prints a summary.
void analyze_vae(const VaeAnalyzeOptions &options);

} // namespace genc::zoo

#endif // GENC_ZOO_VAE_TRAIN_H
