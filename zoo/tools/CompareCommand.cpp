// genc-zoo compare RUN1 RUN2 ... [--out compare.png]: flags ->
// genc::zoo::compare_runs.
#include "Commands.h"
#include "Flags.h"

#include "genc/zoo/compare.h"

#include <genc/genc.h>

#include <cstdio>

namespace genc::zoo::tools {

int runCompareCommand(int argc, char **argv) {
  std::string out = "compare.png";
  Flags f("genc-zoo compare");
  f.add("out", &out, "the side-by-side samples picture (default compare.png)");
  try {
    std::vector<std::string> runs = f.parse(argc, argv, 1);
    if (f.helpRequested()) {
      std::printf("usage: genc-zoo compare RUN1 RUN2 ... [--out FILE.png]\n\n"
                  "One table of the same measures for every run, and their "
                  "samples side by side.\n\n%s",
                  f.help().c_str());
      return 0;
    }
    if (runs.empty())
      throw UsageError("genc-zoo compare: name at least one run directory");
    std::fputs(compare_runs(runs, out).c_str(), stdout);
    std::printf("written: %s\n", out.c_str());
    return 0;
  } catch (const UsageError &e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "genc-zoo compare: error: %s\n", e.what());
    return 1;
  }
}

} // namespace genc::zoo::tools
