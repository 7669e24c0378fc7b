// genc-zoo flow {train,sample,eval}: flags -> genc::zoo::train_flow /
// sample_flow / eval_flow.
#include "Commands.h"
#include "Flags.h"

#include "genc/zoo/flow_train.h"

#include <genc/genc.h>

#include <cstdio>
#include <limits>

namespace genc::zoo::tools {

static const char *const kUsage =
    "usage: genc-zoo flow train [flags]    train a RealNVP, MAF or IAF flow on galaxies\n"
    "       genc-zoo flow sample [flags]   a grid of samples of a run\n"
    "       genc-zoo flow eval [flags]     bits/dim and sample measures of a run\n";

static int train(int argc, char **argv) {
  FlowTrainOptions o;
  Flags f("genc-zoo flow train");
  addDataFlags(f, o);
  f.add("flow", &o.flow, "realnvp (default), maf or iaf");
  f.add("scales", &o.scales, 1, 4, "RealNVP scales (default 2)");
  f.add("split-prior", &o.split_prior,
        "RealNVP's factored-out halves: standard N(0, I) (default) or learned "
        "(Glow's split prior, conditioned on the rest)");
  f.add("layers", &o.layers, 1, 64, "MAF / IAF autoregressive layers (default 4)");
  f.add("hidden", &o.hidden, 0, 1 << 16,
        "RealNVP coupling channels (default 32) / MADE hidden units (default 256)");
  f.add("lr", &o.lr, 0.0, 10.0, "Adam learning rate (default 1e-3)");
  f.add("warmup-steps", &o.warmup_steps, 0, std::numeric_limits<int64_t>::max(),
        "linear learning-rate warm-up steps (default 100)");
  f.add("clip-norm", &o.clip_norm, 0.0, 1e12,
        "clip the gradients' global norm to X before Adam (default 1; 0: off)");
  f.add("init", &o.init,
        "IAF initialization: marginals (default: per-dimension Gaussians fit to the "
        "training split) or identity");
  f.add("teacher", &o.teacher,
        "a trained flow run: train the IAF by density distillation from it "
        "(--flow iaf only; default: maximum likelihood)");
  addRunFlags(f, o, "runs/flow");
  f.addCheckNumerics();
  f.addDevice();
  if (!parseFlags(f, "genc-zoo flow train", argc, argv))
    return 0;
  checkImageSize("genc-zoo flow train", o.image_size);
  if (o.flow != "realnvp" && o.flow != "maf" && o.flow != "iaf")
    throw UsageError("genc-zoo flow train: flag '--flow' expects realnvp, maf or iaf, got '" +
                     o.flow + "'");
  if (o.split_prior != "standard" && o.split_prior != "learned")
    throw UsageError("genc-zoo flow train: flag '--split-prior' expects standard or learned, "
                     "got '" + o.split_prior + "'");
  if (o.init != "marginals" && o.init != "identity")
    throw UsageError("genc-zoo flow train: flag '--init' expects marginals or identity, got '" +
                     o.init + "'");
  if (!o.teacher.empty() && o.flow != "iaf")
    throw UsageError("genc-zoo flow train: flag '--teacher' trains an IAF by density "
                     "distillation; it needs --flow iaf, not '" + o.flow + "'");
  train_flow(o);
  return 0;
}

static int sample(int argc, char **argv) {
  FlowSampleOptions o;
  Flags f("genc-zoo flow sample");
  f.add("run", &o.run, "run directory (default runs/flow)");
  f.add("count", &o.count, 1, 4096, "samples (default 64)");
  f.add("temperature", &o.temperature, 1e-3, 10.0,
        "scale of the standard normal draws (default 1)");
  f.add("seed", &o.seed, 0, std::numeric_limits<int64_t>::max(), "seed (default 1)");
  f.add("out", &o.out, "PNG to write (default RUN/samples-SEED.png)");
  if (!parseFlags(f, "genc-zoo flow sample", argc, argv))
    return 0;
  std::printf("written: %s\n", sample_flow(o).c_str());
  return 0;
}

static int eval(int argc, char **argv) {
  EvalOptions o;
  o.run = "runs/flow";
  double temperature = 1.0;
  Flags f("genc-zoo flow eval");
  f.add("temperature", &temperature, 1e-3, 10.0,
        "sample at z ~ N(0, T² I) (default 1: the model's own distribution)");
  f.add("run", &o.run, "run directory (default runs/flow)");
  f.add("data", &o.data, "real images to compare with (default: the run's)");
  if (!parseFlags(f, "genc-zoo flow eval", argc, argv))
    return 0;
  eval_flow(o, temperature);
  return 0;
}

int runFlowCommand(int argc, char **argv) {
  return runSubcommands("flow", kUsage,
                        {{"train", train}, {"sample", sample}, {"eval", eval}},
                        argc, argv);
}

} // namespace genc::zoo::tools
