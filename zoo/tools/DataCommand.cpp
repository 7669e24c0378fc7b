// genc-zoo data: synthesize, inspect, convert and preview galaxy image sets.
#include "Commands.h"
#include "Flags.h"

#include "genc/zoo/Data.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace genc::zoo::tools {

namespace {

constexpr const char *kUsage =
    "usage: genc-zoo data <subcommand> [args]\n"
    "\n"
    "subcommands:\n"
    "  synth    render synthetic Galaxy10-like images to an HDF5 file or a "
    "folder\n"
    "  info     print count, size, classes and redshifts of a set\n"
    "  convert  copy a set (HDF5 file or image folder) to the HDF5 layout,\n"
    "           optionally area-averaged to a smaller size\n"
    "  montage  one PNG with a row of example images per class\n"
    "\n"
    "Sets are Galaxy10 DECaLS HDF5 files (images, ans, redshift, ra, dec,\n"
    "pxscale) or folders of PNG/JPEG images with labels.csv; see\n"
    "zoo/data/README.md. 'genc-zoo data <subcommand> --help' lists flags.\n";

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

int synth(int argc, char **argv) {
  const std::string cmd = "genc-zoo data synth";
  int64_t count = 1000, size = 64, threads = 0, gzip = 1;
  uint64_t seed = 0;
  std::string out, format = "h5";
  Flags flags(cmd);
  flags.add("count", &count, 1, 100000000, "number of images (1000)");
  flags.add("image-size", &size, 1, 4096, "256, 128, 64 or 32 (64)");
  flags.add("seed", &seed, "random seed; same seed, same bytes (0)");
  flags.add("threads", &threads, 0, 1024, "worker threads, 0 = all cores (0)");
  flags.add("out", &out, "output HDF5 file, or folder with --format png");
  flags.add("format", &format, "h5 (default) or png (a folder + labels.csv)");
  flags.add("gzip", &gzip, 0, 9, "HDF5 gzip level, 0 = none (1)");
  std::vector<std::string> rest = flags.parse(argc, argv, 1);
  if (flags.helpRequested()) {
    std::printf("usage: %s --out FILE.h5 [flags]\n\n%s", cmd.c_str(),
                flags.help().c_str());
    return 0;
  }
  if (!rest.empty())
    throw UsageError(cmd + ": unexpected argument '" + rest[0] + "'");
  if (size != 256 && size != 128 && size != 64 && size != 32)
    throw UsageError(cmd +
                     ": flag '--image-size' expects 256, 128, 64 or 32, "
                     "got '" +
                     std::to_string(size) + "'");
  if (format != "h5" && format != "png")
    throw UsageError(cmd + ": flag '--format' expects h5 or png, got '" +
                     format + "'");
  if (out.empty())
    throw UsageError(cmd + ": flag '--out' is required");

  // Fail before rendering, not after.
  const bool folder = format == "png";
  std::filesystem::path parent = std::filesystem::path(out).parent_path();
  std::error_code ec;
  if (!folder && !parent.empty() && !std::filesystem::is_directory(parent, ec))
    throw DataError(out + ": directory '" + parent.string() +
                    "' does not exist");

  SynthOptions options;
  options.count = count;
  options.image_size = static_cast<int>(size);
  options.seed = seed;
  options.threads = static_cast<int>(threads);
  auto start = Clock::now();
  GalaxySet set = synthesize_galaxies(options);
  double render = seconds(start);
  start = Clock::now();
  if (folder)
    write_image_folder(out, set);
  else
    write_galaxy_h5(out, set, static_cast<int>(gzip));
  double write = seconds(start);
  int usedThreads =
      threads > 0
          ? static_cast<int>(threads)
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::printf(
      "wrote %lld synthetic galaxies (%lldx%lld, seed %llu) to %s\n"
      "synthesis: %.3f s, %.0f images/s on %d thread%s; write: %.3f s\n",
      static_cast<long long>(set.count), static_cast<long long>(set.height),
      static_cast<long long>(set.width), static_cast<unsigned long long>(seed),
      out.c_str(), render, set.count / std::max(render, 1e-9), usedThreads,
      usedThreads == 1 ? "" : "s", write);
  return 0;
}

/// Reads a set from a file or a folder; metadataOnly skips HDF5 pixels.
GalaxySet readSet(const std::string &path, LoadReport &report, int size,
                  bool metadataOnly) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return read_image_folder(path, &report, size);
  if (metadataOnly)
    return read_galaxy_h5_metadata(path, &report);
  return read_galaxy_h5(path, &report, size);
}

void printReport(const LoadReport &report) {
  std::printf("rows:      %lld read, %lld skipped\n",
              static_cast<long long>(report.read),
              static_cast<long long>(report.skipped));
  for (const std::string &r : report.reasons)
    std::printf("           %s\n", r.c_str());
}

int info(int argc, char **argv) {
  const std::string cmd = "genc-zoo data info";
  Flags flags(cmd);
  std::vector<std::string> rest = flags.parse(argc, argv, 1);
  if (flags.helpRequested()) {
    std::printf("usage: %s FILE.h5|DIR\n\nPrints count, image size, pixel "
                "scale, class histogram, redshift range and skipped rows.\n",
                cmd.c_str());
    return 0;
  }
  if (rest.size() != 1)
    throw UsageError(cmd + ": expects one FILE.h5 or DIR, got " +
                     std::to_string(rest.size()) + " arguments");
  const std::string &path = rest[0];
  LoadReport report;
  GalaxySet set = readSet(path, report, 0, true);
  std::error_code ec;
  std::printf("%s (%s)\n", path.c_str(),
              std::filesystem::is_directory(path, ec) ? "image folder"
                                                      : "HDF5");
  std::printf("images:    %lld x %lldx%lldx3 uint8\n",
              static_cast<long long>(set.count),
              static_cast<long long>(set.height),
              static_cast<long long>(set.width));
  printReport(report);
  std::vector<float> px;
  for (float p : set.pxscale)
    if (!std::isnan(p))
      px.push_back(p);
  if (!px.empty()) {
    auto [lo, hi] = std::minmax_element(px.begin(), px.end());
    std::printf("pxscale:   %.4g .. %.4g arcsec/px\n", *lo, *hi);
  } else {
    std::printf("pxscale:   unknown\n");
  }
  std::vector<float> z = set.redshift;
  std::sort(z.begin(), z.end());
  std::printf("redshift:  min %.4f  median %.4f  max %.4f\n", z.front(),
              z[z.size() / 2], z.back());
  std::printf("classes:\n");
  std::vector<int64_t> hist = class_histogram(set);
  for (int c = 0; c < kGalaxyClasses; ++c)
    std::printf("  %d %-26s %7lld  %5.1f %%   (Galaxy10: %4.1f %%)\n", c,
                kGalaxyClassNames[c], static_cast<long long>(hist[c]),
                100.0 * hist[c] / set.count, 100.0 * galaxy_class_frequency(c));
  return 0;
}

int convert(int argc, char **argv) {
  const std::string cmd = "genc-zoo data convert";
  int64_t size = 0, gzip = 1;
  Flags flags(cmd);
  flags.add("image-size", &size, 0, 4096,
            "area-average to this size (0 = keep)");
  flags.add("gzip", &gzip, 0, 9, "HDF5 gzip level, 0 = none (1)");
  std::vector<std::string> rest = flags.parse(argc, argv, 1);
  if (flags.helpRequested()) {
    std::printf("usage: %s IN OUT.h5 [flags]\n\nIN is an HDF5 file or an "
                "image folder; bad rows are skipped as\nreported.\n\n%s",
                cmd.c_str(), flags.help().c_str());
    return 0;
  }
  if (rest.size() != 2)
    throw UsageError(cmd + ": expects IN and OUT.h5, got " +
                     std::to_string(rest.size()) + " arguments");
  LoadReport report;
  auto start = Clock::now();
  GalaxySet set = readSet(rest[0], report, static_cast<int>(size), false);
  write_galaxy_h5(rest[1], set, static_cast<int>(gzip));
  std::printf(
      "wrote %lld images (%lldx%lld) to %s in %.2f s\n",
      static_cast<long long>(set.count), static_cast<long long>(set.height),
      static_cast<long long>(set.width), rest[1].c_str(), seconds(start));
  printReport(report);
  return 0;
}

int montage(int argc, char **argv) {
  const std::string cmd = "genc-zoo data montage";
  int64_t perClass = 10, scale = 0, size = 0;
  std::string out;
  Flags flags(cmd);
  flags.add("out", &out, "output PNG (required)");
  flags.add("image-size", &size, 0, 4096,
            "area-average the set to this size first (0 = keep)");
  flags.add("per-class", &perClass, 1, 100, "images per class row (10)");
  flags.add("scale", &scale, 0, 16,
            "pixel repeat factor, 0 = up to ~96 px tiles (0)");
  std::vector<std::string> rest = flags.parse(argc, argv, 1);
  if (flags.helpRequested()) {
    std::printf(
        "usage: %s IN --out GRID.png [flags]\n\nRow k shows the first "
        "images of class k (0 Disturbed ... 9 Edge-on with Bulge).\n\n%s",
        cmd.c_str(), flags.help().c_str());
    return 0;
  }
  if (rest.size() != 1)
    throw UsageError(cmd + ": expects one IN (HDF5 file or folder), got " +
                     std::to_string(rest.size()) + " arguments");
  if (out.empty())
    throw UsageError(cmd + ": flag '--out' is required");
  LoadReport report;
  GalaxySet set = readSet(rest[0], report, static_cast<int>(size), false);
  const int h = static_cast<int>(set.height), w = static_cast<int>(set.width);
  const int s = scale > 0 ? static_cast<int>(scale) : std::max(1, 96 / w);
  const int gap = 2, cols = static_cast<int>(perClass);
  const int tileW = w * s + gap, tileH = h * s + gap;
  const int width = cols * tileW, height = kGalaxyClasses * tileH;
  std::vector<uint8_t> grid(static_cast<size_t>(width) * height * 3, 255);
  std::vector<int> filled(kGalaxyClasses, 0);
  for (int64_t i = 0; i < set.count; ++i) {
    int c = set.labels[i];
    if (filled[c] >= cols)
      continue;
    int ox = filled[c]++ * tileW, oy = c * tileH;
    const uint8_t *img = set.image(i);
    for (int y = 0; y < h * s; ++y)
      for (int x = 0; x < w * s; ++x)
        std::copy_n(img + (static_cast<size_t>(y / s) * w + x / s) * 3, 3,
                    grid.data() +
                        (static_cast<size_t>(oy + y) * width + ox + x) * 3);
  }
  write_png(out, height, width, grid.data());
  std::printf("wrote %s (%dx%d): %d classes x %d images of %dx%d\n",
              out.c_str(), width, height, kGalaxyClasses, cols, w, h);
  return 0;
}

struct Sub {
  const char *name;
  int (*run)(int, char **);
};
constexpr Sub kSubcommands[] = {{"synth", synth},
                                {"info", info},
                                {"convert", convert},
                                {"montage", montage}};

} // namespace

int runDataCommand(int argc, char **argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  for (const Sub &sub : kSubcommands) {
    if (name != sub.name)
      continue;
    try {
      return sub.run(argc - 1, argv + 1);
    } catch (const UsageError &e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 2;
    } catch (const DataError &e) {
      std::fprintf(stderr, "genc-zoo data %s: %s\n", sub.name, e.what());
      return 1;
    } catch (const std::exception &e) {
      std::fprintf(stderr, "genc-zoo data %s: %s\n", sub.name, e.what());
      return 1;
    }
  }
  std::fprintf(stderr,
               "genc-zoo data: unknown subcommand '%s' (see genc-zoo data "
               "--help)\n",
               name.c_str());
  return 2;
}

} // namespace genc::zoo::tools
