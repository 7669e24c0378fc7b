// A small command-line flag parser for genc-zoo subcommands: `--name value`
// and `--name=value`, typed destinations, positional arguments, --help text.
// Errors are UsageError with one message naming the flag.
#ifndef GENC_ZOO_TOOLS_FLAGS_H
#define GENC_ZOO_TOOLS_FLAGS_H

#include <genc/Jit.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace genc::zoo::tools {

class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Flags {
public:
  /// `command` prefixes messages, e.g. "genc-zoo data synth".
  explicit Flags(std::string command) : command_(std::move(command)) {}

  void add(const std::string &name, std::string *out, const std::string &help) {
    flags_.push_back({name, help, "VALUE",
                      [out](const std::string &v) {
                        *out = v;
                        return true;
                      },
                      "a value"});
  }
  /// Integers of any type in [lo, hi] (also clamped to the type's range).
  template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  void add(const std::string &name, T *out, int64_t lo, int64_t hi,
           const std::string &help) {
    if (std::is_unsigned_v<T>)
      lo = std::max<int64_t>(lo, 0);
    else
      lo = std::max<int64_t>(lo, std::numeric_limits<T>::min());
    if (static_cast<uint64_t>(std::numeric_limits<T>::max()) <
        static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      hi = std::min<int64_t>(
          hi, static_cast<int64_t>(std::numeric_limits<T>::max()));
    flags_.push_back(
        {name, help, "N",
         [out, lo, hi](const std::string &v) {
           char *end = nullptr;
           errno = 0;
           long long x = std::strtoll(v.c_str(), &end, 10);
           if (v.empty() || *end || errno || x < lo || x > hi)
             return false;
           *out = static_cast<T>(x);
           return true;
         },
         "an integer in " + std::to_string(lo) + ".." + std::to_string(hi)});
  }
  /// Finite numbers in [lo, hi].
  template <typename T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  void add(const std::string &name, T *out, double lo, double hi,
           const std::string &help) {
    char range[64];
    std::snprintf(range, sizeof range, "a number in %g..%g", lo, hi);
    flags_.push_back({name, help, "X",
                      [out, lo, hi](const std::string &v) {
                        char *end = nullptr;
                        errno = 0;
                        double x = std::strtod(v.c_str(), &end);
                        if (v.empty() || *end || errno || !(x >= lo) ||
                            !(x <= hi))
                          return false;
                        *out = static_cast<T>(x);
                        return true;
                      },
                      range});
  }
  /// A switch: `--name` sets true (`--name=false` / `=0` sets false).
  void addSwitch(const std::string &name, bool *out, const std::string &help) {
    flags_.push_back({name, help, "",
                      [out](const std::string &v) {
                        if (v == "true" || v == "1")
                          *out = true;
                        else if (v == "false" || v == "0")
                          *out = false;
                        else
                          return false;
                        return true;
                      },
                      "true or false", /*isSwitch=*/true});
  }
  /// --check-numerics: genc::set_check_numerics for the compiled steps of
  /// a model command (the first NaN/Inf stops the run with the op and the
  /// source line that made it).
  void addCheckNumerics() {
    flags_.push_back({"check-numerics",
                      "stop at the first NaN/Inf a compiled kernel writes, "
                      "naming the op and source line (slower)",
                      "",
                      [](const std::string &v) {
                        if (v != "true" && v != "1" && v != "false" && v != "0")
                          return false;
                        genc::set_check_numerics(v == "true" || v == "1");
                        return true;
                      },
                      "true or false", /*isSwitch=*/true});
  }
  /// --device cpu|cuda|cuda:N: where the compiled steps run
  /// (genc::set_default_device; without the NVIDIA driver the run stops
  /// with the driver's message).
  void addDevice() {
    flags_.push_back({"device",
                      "where compiled steps run: cpu (default), cuda or "
                      "cuda:N (an NVIDIA GPU)",
                      "DEVICE",
                      [](const std::string &v) {
                        genc::Device d;
                        try {
                          d = genc::Device::parse(v);
                        } catch (const genc::Error &) {
                          return false;
                        }
                        // Throws genc::Error (the driver's message) when
                        // the device is missing: the command reports it.
                        genc::set_default_device(d);
                        return true;
                      },
                      "cpu, cuda or cuda:N"});
  }
  /// Any unsigned 64-bit value (seeds).
  void add(const std::string &name, uint64_t *out, const std::string &help) {
    flags_.push_back({name, help, "N",
                      [out](const std::string &v) {
                        char *end = nullptr;
                        errno = 0;
                        unsigned long long x =
                            std::strtoull(v.c_str(), &end, 10);
                        if (v.empty() || v[0] == '-' || *end || errno)
                          return false;
                        *out = x;
                        return true;
                      },
                      "a non-negative integer"});
  }

  /// Parses argv[first..argc); returns the positional arguments. "--help"
  /// and "-h" set helpRequested() and stop parsing.
  std::vector<std::string> parse(int argc, char **argv, int first) {
    std::vector<std::string> positional;
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg == "--help" || arg == "-h") {
        help_ = true;
        return positional;
      }
      if (arg.size() < 2 || arg.compare(0, 2, "--") != 0 || arg == "--") {
        if (!arg.empty() && arg[0] == '-' && arg != "-")
          throw UsageError(command_ + ": unknown flag '" + arg + "'");
        positional.push_back(arg);
        continue;
      }
      std::string name = arg.substr(2), value;
      bool inlineValue = false;
      if (size_t eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inlineValue = true;
      }
      Flag *flag = nullptr;
      for (Flag &f : flags_)
        if (f.name == name)
          flag = &f;
      if (!flag)
        throw UsageError(command_ + ": unknown flag '--" + name + "'");
      if (!inlineValue && flag->isSwitch) {
        value = "true";
      } else if (!inlineValue) {
        if (i + 1 >= argc)
          throw UsageError(command_ + ": flag '--" + name + "' needs a value");
        value = argv[++i];
      }
      if (!flag->set(value))
        throw UsageError(command_ + ": flag '--" + name + "' expects " +
                         (flag->expects.empty() ? "a value" : flag->expects) +
                         ", got '" + value + "'");
    }
    return positional;
  }

  bool helpRequested() const { return help_; }

  std::string help() const {
    std::string s;
    for (const Flag &f : flags_) {
      std::string left =
          "  --" + f.name + (f.metavar.empty() ? "" : " " + f.metavar);
      if (left.size() < 24)
        left.resize(24, ' ');
      else
        left += "  ";
      s += left + f.help + "\n";
    }
    return s;
  }

private:
  struct Flag {
    std::string name, help, metavar;
    std::function<bool(const std::string &)> set;
    std::string expects;
    bool isSwitch = false;
  };
  std::string command_;
  std::vector<Flag> flags_;
  bool help_ = false;
};

/// Parses a subcommand's flags (no positional arguments); false after
/// printing --help.
inline bool parseFlags(Flags &f, const std::string &command, int argc,
                       char **argv) {
  std::vector<std::string> positional = f.parse(argc, argv, 1);
  if (f.helpRequested()) {
    std::printf("usage: %s [flags]\n\n%s", command.c_str(), f.help().c_str());
    return false;
  }
  if (!positional.empty())
    throw UsageError(command + ": unexpected argument '" + positional.front() +
                     "' (all options are --flags)");
  return true;
}

/// The data flags every model's `train` shares (fields of these names in
/// VaeTrainOptions, GanTrainOptions, ...).
template <class Options> void addDataFlags(Flags &f, Options &o) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  f.add("data", &o.data,
        "synthetic (default), a Galaxy10 .h5 file or an image folder");
  f.add("count", &o.count, 1, big, "synthetic images to generate (default 4000)");
  f.add("image-size", &o.image_size, 32, 64, "32 or 64 (default 32)");
  f.add("epochs", &o.epochs, 1, big, "epochs (default 5)");
  f.add("steps", &o.steps, 0, big, "training steps; overrides --epochs when > 0");
  f.add("batch", &o.batch, 1, 1 << 16, "batch size (default 64)");
}

/// The run flags every model's `train` shares.
template <class Options> void addRunFlags(Flags &f, Options &o, const char *out) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  f.add("out", &o.out, std::string("run directory (default ") + out + ")");
  f.addSwitch("resume", &o.resume, "continue from OUT/checkpoint.safetensors");
  f.add("seed", &o.seed, 0, big,
        "seed of data order, initialization and noise (default 0)");
  f.add("checkpoint-every", &o.checkpoint_every, 1, big,
        "steps between checkpoints (default 500)");
  f.add("stop-after", &o.stop_after, 0, big,
        "stop after N steps of this process, as if killed (testing --resume)");
  f.add("threads", &o.data_threads, 0, 1024,
        "threads of the synthetic generator (default: all cores)");
}

/// Throws a UsageError unless the image size is 32 or 64.
inline void checkImageSize(const std::string &command, int64_t size) {
  if (size != 32 && size != 64)
    throw UsageError(command + ": flag '--image-size' expects 32 or 64, got '" +
                     std::to_string(size) + "'");
}

/// parse_channels of a --channels value, as a UsageError naming the flag.
std::array<int64_t, 3> channelsFlag(const std::string &command,
                                    const std::string &text,
                                    const std::string &flag = "channels");

struct Subcommand {
  const char *name;
  int (*run)(int argc, char **argv);
};

/// `genc-zoo <model> <subcommand> ...`: dispatches on argv[1] and turns
/// exceptions into one message and an exit code (2 usage, 1 error).
int runSubcommands(const char *model, const char *usage,
                   const std::vector<Subcommand> &subcommands, int argc,
                   char **argv);

} // namespace genc::zoo::tools

#endif // GENC_ZOO_TOOLS_FLAGS_H
