// `genc-zoo flow train|sample|eval`: normalizing flows (RealNVP, MAF, IAF) on galaxy
// images by maximum likelihood (or an IAF by density distillation from a
// trained flow, --teacher), with the VAE's data, RUN/ layout,
// checkpoints and resume (docs/ZOO.md).
//
// RUN/ after training: config.json, metrics.json (per epoch: training and
// validation bits/dim (uniform dequantization, fixed noise for
// validation), images/s, peak memory; per-step bits/dim), loss.png,
// samples.png (64 samples at temperature 1), checkpoint.safetensors.
// `eval` adds the sample measures and the test split's bits/dim to
// metrics.json's "evaluation".
#ifndef GENC_ZOO_FLOW_TRAIN_H
#define GENC_ZOO_FLOW_TRAIN_H

#include "genc/zoo/gan_train.h" // EvalOptions
#include "genc/zoo/measures.h"

#include <cstdint>
#include <string>

namespace genc::zoo {

struct FlowTrainOptions {
  std::string data = "synthetic";
  int64_t count = 4000;
  int64_t image_size = 32;
  int64_t epochs = 5;
  int64_t steps = 0;
  int64_t batch = 64;
  std::string flow = "realnvp"; // or "maf", "iaf"
  int64_t scales = 2;            // RealNVP
  int64_t layers = 4;            // MAF / IAF
  int64_t hidden = 0;            // 0: 32 coupling channels (RealNVP), 256 MADE units
  /// RealNVP's prior of the factored-out halves: "standard" N(0, I) or
  /// "learned" (Glow's split, FlowConfig::learned_split).
  std::string split_prior = "standard";
  double lr = 1e-3;
  int64_t warmup_steps = 100;
  /// Clip the gradients' global norm to this before Adam; 0 = off. On by
  /// default: without it MAF's loss spiked (4.53 -> 6.96 bits/dim at epoch
  /// 18 of the 6000-image run) and never recovered (docs/ZOO.md).
  double clip_norm = 1.0;
  /// A trained flow run (normally MAF): train the IAF by probability
  /// density distillation (van den Oord et al. 2018) instead of maximum
  /// likelihood: minimize KL(q_IAF || p_teacher) = E_z[log q(x(z)) -
  /// log p_teacher(x(z))] over the IAF's own samples, where both terms are
  /// one pass (IAF sampling with its log-determinant; MAF density). The
  /// step loss is that KL in bits/dim, and so is the per-epoch validation
  /// (8 fixed batches of draws); the IAF's data bits/dim (its sequential
  /// loop) is measured by `flow eval`. Only with --flow iaf.
  std::string teacher;
  /// IAF's initialization: "marginals" (default; MadeFlow::with_marginals
  /// from the training split's per-dimension logit-space mean and standard
  /// deviation) or "identity" (z = x, as before session 10).
  std::string init = "marginals";
  std::string out = "runs/flow";
  bool resume = false;
  int64_t seed = 0;
  int64_t checkpoint_every = 500;
  int64_t stop_after = 0;
  int64_t data_threads = 0;
};

/// Trains; returns the last validation bits/dim. Throws genc::Error.
double train_flow(const FlowTrainOptions &options);

struct FlowSampleOptions {
  std::string run = "runs/flow";
  int64_t count = 64;
  int64_t seed = 1;
  double temperature = 1.0; // scales the standard normal draws
  std::string out;          // default RUN/samples-<seed>.png
};
std::string sample_flow(const FlowSampleOptions &options);

/// The sample measures (samples drawn at `temperature`: z ~ N(0, T² I))
/// and the test split's bits/dim.
Evaluation eval_flow(const EvalOptions &options, double temperature = 1.0);

} // namespace genc::zoo

#endif // GENC_ZOO_FLOW_TRAIN_H
