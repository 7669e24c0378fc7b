// runSubcommands (Flags.h): the dispatch and error handling every model
// command of genc-zoo shares.
#include "Flags.h"

#include "genc/zoo/Galaxy.h"
#include "genc/zoo/vae_train.h"

#include <genc/genc.h>

#include <cstring>

namespace genc::zoo::tools {

std::array<int64_t, 3> channelsFlag(const std::string &command,
                                    const std::string &text, const std::string &flag) {
  try {
    return parse_channels(text);
  } catch (const genc::Error &e) {
    throw UsageError(command + ": flag '--" + flag + "': " + std::string(e.what()));
  }
}

int runSubcommands(const char *model, const char *usage,
                   const std::vector<Subcommand> &subcommands, int argc,
                   char **argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h")) {
    std::fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  try {
    for (const Subcommand &s : subcommands)
      if (!std::strcmp(argv[1], s.name))
        return s.run(argc - 1, argv + 1);
    std::fprintf(stderr, "genc-zoo %s: unknown command '%s'\n%s", model, argv[1],
                 usage);
    return 2;
  } catch (const UsageError &e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const DataError &e) {
    std::fprintf(stderr, "genc-zoo %s: error: %s\n", model, e.what());
    return 1;
  } catch (const genc::Error &e) {
    std::fprintf(stderr, "genc-zoo %s: error: %s\n", model, e.what());
    return 1;
  }
}

} // namespace genc::zoo::tools
