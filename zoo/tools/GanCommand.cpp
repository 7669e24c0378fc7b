// genc-zoo gan {train,sample,eval}: flags -> genc::zoo::train_gan /
// sample_gan / eval_gan.
#include "Commands.h"
#include "Flags.h"

#include "genc/zoo/gan_train.h"
#include "genc/zoo/vae_train.h"

#include <genc/genc.h>

#include <cstdio>
#include <limits>

namespace genc::zoo::tools {

static const char *const kUsage =
    "usage: genc-zoo gan train [flags]    train a DCGAN or WGAN-GP on galaxies\n"
    "       genc-zoo gan sample [flags]   a grid of samples of a run\n"
    "       genc-zoo gan eval [flags]     FID/KID/precision/recall/coverage of a run\n";

static int train(int argc, char **argv) {
  GanTrainOptions o;
  const int64_t big = std::numeric_limits<int64_t>::max();
  Flags f("genc-zoo gan train");
  f.add("data", &o.data,
        "synthetic (default), a Galaxy10 .h5 file or an image folder");
  f.add("count", &o.count, 1, big, "synthetic images to generate (default 4000)");
  f.add("image-size", &o.image_size, 32, 64, "32 or 64 (default 32)");
  f.add("epochs", &o.epochs, 1, big, "epochs (default 5)");
  f.add("steps", &o.steps, 0, big, "generator steps; overrides --epochs when > 0");
  f.add("batch", &o.batch, 1, 1 << 16, "batch size (default 64)");
  f.add("latent", &o.latent, 1, 4096, "dimension of z (default 64)");
  std::string channels = format_channels(o.channels);
  f.add("channels", &channels,
        "discriminator widths, mirrored by the generator (default 32,64,128)");
  f.add("loss", &o.loss, "dcgan (default; non-saturating) or wgan-gp");
  f.add("gp-lambda", &o.gp_lambda, 0.0, 1e6,
        "weight of WGAN-GP's gradient penalty (default 10)");
  f.add("n-critic", &o.n_critic, 0, 100,
        "discriminator updates per generator update (default 1 dcgan, 5 wgan-gp)");
  f.add("lr", &o.lr, 0.0, 10.0, "Adam learning rate (default 2e-4 dcgan, 1e-4 wgan-gp)");
  f.add("beta1", &o.beta1, 0.0, 1.0, "Adam β1 (default 0.5 dcgan, 0 wgan-gp)");
  f.add("beta2", &o.beta2, 0.0, 1.0, "Adam β2 (default 0.999 dcgan, 0.9 wgan-gp)");
  f.add("out", &o.out, "run directory (default runs/gan)");
  f.addSwitch("resume", &o.resume, "continue from OUT/checkpoint.safetensors");
  f.add("seed", &o.seed, 0, big, "seed of data order, initialization and noise");
  f.add("checkpoint-every", &o.checkpoint_every, 1, big,
        "steps between checkpoints (default 500)");
  f.add("stop-after", &o.stop_after, 0, big,
        "stop after N steps of this process, as if killed (testing --resume)");
  f.add("threads", &o.data_threads, 0, 1024,
        "threads of the synthetic generator (default: all cores)");
  if (!parseFlags(f, "genc-zoo gan train", argc, argv))
    return 0;
  if (o.image_size != 32 && o.image_size != 64)
    throw UsageError("genc-zoo gan train: flag '--image-size' expects 32 or 64, got '" +
                     std::to_string(o.image_size) + "'");
  if (o.loss != "dcgan" && o.loss != "wgan-gp")
    throw UsageError("genc-zoo gan train: flag '--loss' expects dcgan or wgan-gp, got '" +
                     o.loss + "'");
  try {
    o.channels = parse_channels(channels);
  } catch (const genc::Error &e) {
    throw UsageError("genc-zoo gan train: flag '--channels': " + std::string(e.what()));
  }
  train_gan(o);
  return 0;
}

static int sample(int argc, char **argv) {
  GanSampleOptions o;
  Flags f("genc-zoo gan sample");
  f.add("run", &o.run, "run directory (default runs/gan)");
  f.add("count", &o.count, 1, 4096, "samples (default 64)");
  f.add("seed", &o.seed, 0, std::numeric_limits<int64_t>::max(), "seed of z (default 1)");
  f.add("out", &o.out, "PNG to write (default RUN/samples-SEED.png)");
  if (!parseFlags(f, "genc-zoo gan sample", argc, argv))
    return 0;
  std::printf("written: %s\n", sample_gan(o).c_str());
  return 0;
}

static int eval(int argc, char **argv) {
  EvalOptions o;
  o.run = "runs/gan";
  Flags f("genc-zoo gan eval");
  f.add("run", &o.run, "run directory (default runs/gan)");
  f.add("data", &o.data, "real images to compare with (default: the run's)");
  if (!parseFlags(f, "genc-zoo gan eval", argc, argv))
    return 0;
  eval_gan(o);
  return 0;
}

int runGanCommand(int argc, char **argv) {
  return runSubcommands("gan", kUsage,
                        {{"train", train}, {"sample", sample}, {"eval", eval}},
                        argc, argv);
}

} // namespace genc::zoo::tools
