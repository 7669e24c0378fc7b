// genc-zoo diffusion {train,sample,eval}: flags -> genc::zoo::train_diffusion
// / sample_diffusion / eval_diffusion.
#include "Commands.h"
#include "Flags.h"

#include "genc/zoo/diffusion_train.h"
#include "genc/zoo/vae_train.h"

#include <genc/genc.h>

#include <cstdio>
#include <limits>

namespace genc::zoo::tools {

static const char *const kUsage =
    "usage: genc-zoo diffusion train [flags]    train a DDPM on galaxies\n"
    "       genc-zoo diffusion sample [flags]   a grid of samples of a run\n"
    "       genc-zoo diffusion eval [flags]     FID/KID/precision/recall/coverage of a run\n";

static int train(int argc, char **argv) {
  DiffusionTrainOptions o;
  const int64_t big = std::numeric_limits<int64_t>::max();
  Flags f("genc-zoo diffusion train");
  addDataFlags(f, o);
  f.add("timesteps", &o.timesteps, 2, 100000, "diffusion steps T (default 1000)");
  f.add("schedule", &o.schedule, "β schedule: linear (default) or cosine");
  std::string channels = format_channels(o.channels);
  f.add("channels", &channels, "U-Net widths at S, S/2, S/4 (default 32,64,128)");
  f.add("groups", &o.groups, 0, 1024,
        "GroupNorm groups (default: first width / 4, at most 32)");
  f.add("lr", &o.lr, 0.0, 10.0, "Adam learning rate (default 2e-4)");
  f.add("warmup-steps", &o.warmup_steps, 0, big,
        "linear learning-rate warm-up steps (default 100)");
  f.add("ema-decay", &o.ema_decay, 0.0, 0.999999,
        "decay of the weights' exponential moving average (default 0.999)");
  f.add("sample-steps", &o.sample_steps, 1, 100000,
        "steps of the strided sampler for samples.png and eval (default 100)");
  addRunFlags(f, o, "runs/diffusion");
  f.addCheckNumerics();
  f.addDevice();
  if (!parseFlags(f, "genc-zoo diffusion train", argc, argv))
    return 0;
  checkImageSize("genc-zoo diffusion train", o.image_size);
  if (o.schedule != "linear" && o.schedule != "cosine")
    throw UsageError("genc-zoo diffusion train: flag '--schedule' expects linear or "
                     "cosine, got '" + o.schedule + "'");
  if (o.sample_steps > o.timesteps)
    throw UsageError("genc-zoo diffusion train: flag '--sample-steps' must not exceed "
                     "--timesteps (" + std::to_string(o.timesteps) + "), got '" +
                     std::to_string(o.sample_steps) + "'");
  o.channels = channelsFlag("genc-zoo diffusion train", channels);
  train_diffusion(o);
  return 0;
}

static int sample(int argc, char **argv) {
  DiffusionSampleOptions o;
  Flags f("genc-zoo diffusion sample");
  f.add("run", &o.run, "run directory (default runs/diffusion)");
  f.add("count", &o.count, 1, 4096, "samples (default 64)");
  f.add("steps", &o.steps, 0, 100000,
        "sampler steps: the run's T for the full chain, fewer for the strided "
        "sampler (default: the run's --sample-steps)");
  f.add("seed", &o.seed, 0, std::numeric_limits<int64_t>::max(), "seed (default 1)");
  f.add("out", &o.out, "PNG to write (default RUN/samples-SEED-STEPS.png)");
  if (!parseFlags(f, "genc-zoo diffusion sample", argc, argv))
    return 0;
  std::printf("written: %s\n", sample_diffusion(o).c_str());
  return 0;
}

static int eval(int argc, char **argv) {
  EvalOptions o;
  o.run = "runs/diffusion";
  int64_t steps = 0;
  Flags f("genc-zoo diffusion eval");
  f.add("run", &o.run, "run directory (default runs/diffusion)");
  f.add("data", &o.data, "real images to compare with (default: the run's)");
  f.add("steps", &steps, 0, 100000, "sampler steps (default: the run's --sample-steps)");
  if (!parseFlags(f, "genc-zoo diffusion eval", argc, argv))
    return 0;
  eval_diffusion(o, steps);
  return 0;
}

int runDiffusionCommand(int argc, char **argv) {
  return runSubcommands("diffusion", kUsage,
                        {{"train", train}, {"sample", sample}, {"eval", eval}},
                        argc, argv);
}

} // namespace genc::zoo::tools
