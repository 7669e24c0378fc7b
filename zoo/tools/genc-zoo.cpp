// genc-zoo: the galaxy zoo's command-line tool. A thin dispatcher: each
// subcommand lives in its own file and is one line in kCommands.
#include "Commands.h"

#include <cstdio>
#include <csignal>
#include <cstring>
#include <exception>

namespace {

struct Command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
};

constexpr Command kCommands[] = {
    {"data", genc::zoo::tools::runDataCommand,
     "make, inspect and convert galaxy image sets"},
    {"vae", genc::zoo::tools::runVaeCommand,
     "train the galaxy β-VAE and analyse its latent space"},
    {"gan", genc::zoo::tools::runGanCommand,
     "train DCGAN / WGAN-GP on galaxies, sample, evaluate"},
    {"diffusion", genc::zoo::tools::runDiffusionCommand,
     "train a DDPM on galaxies, sample (full or strided chain), evaluate"},
    {"flow", genc::zoo::tools::runFlowCommand,
     "train RealNVP, MAF or IAF flows on galaxies (bits/dim), sample, evaluate"},
    {"compare", genc::zoo::tools::runCompareCommand,
     "one table of measures for several runs, samples side by side"},
};

void usage(std::FILE *out) {
  std::fprintf(out, "usage: genc-zoo <command> [args]   (genc-zoo <command> "
                    "--help for more)\n\ncommands:\n");
  for (const Command &c : kCommands)
    std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
}

} // namespace

int main(int argc, char **argv) {
  // A file-size limit (ulimit -f) makes writes fail with EFBIG, reported
  // like a full disk, instead of killing the process mid-run.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    usage(stdout);
    return 0;
  }
  for (const Command &c : kCommands)
    if (!std::strcmp(argv[1], c.name)) {
      try {
        return c.run(argc - 1, argv + 1);
      } catch (const std::exception &e) {
        std::fprintf(stderr, "genc-zoo %s: %s\n", c.name, e.what());
        return 1;
      }
    }
  std::fprintf(stderr, "genc-zoo: unknown command '%s' (see genc-zoo --help)\n",
               argv[1]);
  return 2;
}
