// genc-zoo vae {train,analyze}: flags -> genc::zoo::train_vae / analyze_vae.
#include "Commands.h"
#include "Flags.h"

#include "genc/zoo/Galaxy.h"
#include "genc/zoo/vae_train.h"

#include <genc/genc.h>

#include <cstdio>
#include <cstring>
#include <limits>

namespace genc::zoo::tools {

static const char *const kUsage =
    "usage: genc-zoo vae train [flags]     train the galaxy β-VAE\n"
    "       genc-zoo vae analyze [flags]   latent-space science of a run\n";

static int train(int argc, char **argv) {
  VaeTrainOptions o;
  const int64_t big = std::numeric_limits<int64_t>::max();
  Flags f("genc-zoo vae train");
  addDataFlags(f, o);
  f.add("latent", &o.latent, 1, 4096, "latent dimension (default 16)");
  std::string channels = format_channels(o.channels);
  f.add("channels", &channels,
        "encoder convolution widths, mirrored by the decoder (default 32,64,128)");
  std::string decoderChannels;
  f.add("decoder-channels", &decoderChannels,
        "the decoder's widths in the encoder's order, mirrored (default 64,128,256)");
  f.add("likelihood", &o.likelihood,
        "gaussian (default; fixed --sigma) or bernoulli (binary cross-entropy)");
  f.add("prior", &o.prior,
        "gaussian (default) or realnvp (a 4-coupling-layer RealNVP flow prior)");
  f.add("norm", &o.norm,
        "group (default): GroupNorm after every convolution but the decoder's "
        "last, or none");
  f.add("sigma", &o.sigma, 1e-4, 10.0,
        "standard deviation of the gaussian likelihood (default 0.1)");
  f.add("beta-warmup", &o.beta_warmup, 0.0, 1.0,
        "fraction of the steps over which β ramps 0 -> 1 (default 0.1)");
  f.add("lr", &o.lr, 0.0, 10.0, "Adam learning rate (default 1e-3)");
  f.add("warmup-steps", &o.warmup_steps, 0, big,
        "linear learning-rate warm-up steps (default 100)");
  addRunFlags(f, o, "runs/vae");
  f.addSwitch("augment", &o.augment,
              "random flips and quarter turns of the training images");
  std::string mesh = "data=1";
  f.add("mesh", &mesh,
        "data=N: data-parallel over N devices (GENC_CPU_DEVICES in-process "
        "CPU devices exist; default data=1)");
  f.addCheckNumerics();
  f.addDevice();
  if (!parseFlags(f, "genc-zoo vae train", argc, argv))
    return 0;
  try {
    o.data_parallel = parse_data_mesh(mesh);
  } catch (const Error &e) {
    throw UsageError(std::string("genc-zoo vae train: flag '--mesh': ") +
                     e.what());
  }
  checkImageSize("genc-zoo vae train", o.image_size);
  o.channels = channelsFlag("genc-zoo vae train", channels);
  if (!decoderChannels.empty())
    o.decoder_channels =
        channelsFlag("genc-zoo vae train", decoderChannels, "decoder-channels");
  if (o.likelihood != "gaussian" && o.likelihood != "bernoulli")
    throw UsageError("genc-zoo vae train: flag '--likelihood' expects gaussian or "
                     "bernoulli, got '" + o.likelihood + "'");
  if (o.prior != "gaussian" && o.prior != "realnvp")
    throw UsageError("genc-zoo vae train: flag '--prior' expects gaussian or "
                     "realnvp, got '" + o.prior + "'");
  if (o.norm != "none" && o.norm != "group")
    throw UsageError("genc-zoo vae train: flag '--norm' expects none or group, "
                     "got '" + o.norm + "'");
  train_vae(o);
  return 0;
}

static int analyze(int argc, char **argv) {
  VaeAnalyzeOptions o;
  const int64_t big = std::numeric_limits<int64_t>::max();
  Flags f("genc-zoo vae analyze");
  f.add("run", &o.run,
        "run directory of genc-zoo vae train (default runs/vae)");
  f.add("data", &o.data, "data to analyse (default: the run's)");
  f.add("classifier-epochs", &o.classifier_epochs, 1, big,
        "epochs of the latent MLP classifier (default 30)");
  f.addSwitch("classifier-augment", &o.classifier_augment,
        "train the latent classifier on the means of all 8 flips/quarter turns "
        "of the training images, like the pixel CNN (default on; "
        "--classifier-augment=false: the images as they are)");
  f.add("cnn-epochs", &o.cnn_epochs, 0, big,
        "epochs of the pixel CNN (default: the VAE's)");
  f.add("ridge-lambda", &o.ridge_lambda, 0.0, 1e12,
        "L2 penalty of the redshift regression (default 1)");
  if (!parseFlags(f, "genc-zoo vae analyze", argc, argv))
    return 0;
  analyze_vae(o);
  return 0;
}

int runVaeCommand(int argc, char **argv) {
  return runSubcommands("vae", kUsage, {{"train", train}, {"analyze", analyze}},
                        argc, argv);
}

} // namespace genc::zoo::tools
