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
  Flags f("genc-zoo gan train");
  addDataFlags(f, o);
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
  addRunFlags(f, o, "runs/gan");
  f.addCheckNumerics();
  f.addDevice();
  if (!parseFlags(f, "genc-zoo gan train", argc, argv))
    return 0;
  checkImageSize("genc-zoo gan train", o.image_size);
  if (o.loss != "dcgan" && o.loss != "wgan-gp")
    throw UsageError("genc-zoo gan train: flag '--loss' expects dcgan or wgan-gp, got '" +
                     o.loss + "'");
  o.channels = channelsFlag("genc-zoo gan train", channels);
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
