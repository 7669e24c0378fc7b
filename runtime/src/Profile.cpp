// The kernel profiler behind genc_rt_profile_enter/exit (genc_profile.h).
#include "genc/runtime/Profile.h"
#include "genc/runtime/genc_profile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>

namespace genc::runtime {
namespace {

using Clock = std::chrono::steady_clock;

struct Entry {
  std::string label;
  int64_t calls = 0;
  int64_t nanos = 0;
};

struct Profiler {
  std::mutex mutex;
  std::unordered_map<const char *, Entry> entries;
  /// Entries whose address now holds another label (an artifact unloaded
  /// and another loaded at the same place).
  std::vector<Entry> retired;
};

/// Never destroyed: kernels may still run while static objects are torn
/// down, and the exit report reads it.
Profiler &profiler() {
  static Profiler *p = new Profiler;
  return *p;
}

thread_local Clock::time_point started;

bool reportAtExit() {
  const char *v = std::getenv("GENC_PROFILE");
  return v && *v && std::strcmp(v, "0") != 0;
}

void writeReportAtExit() {
  if (!reportAtExit()) // unset since
    return;
  std::string text = profileReport();
  if (text.empty())
    return;
  const char *path = std::getenv("GENC_PROFILE_OUT");
  FILE *out = path && *path ? std::fopen(path, "w") : stderr;
  if (!out) {
    std::fprintf(stderr, "genc: warning: cannot write the profile to %s\n", path);
    out = stderr;
  }
  std::fputs(text.c_str(), out);
  if (out != stderr)
    std::fclose(out);
}

std::string format(const char *fmt, double a, double b, long long c, double d) {
  char buf[96];
  std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
  return buf;
}

} // namespace

std::vector<KernelTime> profileSnapshot() {
  Profiler &p = profiler();
  std::vector<KernelTime> out;
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    // Labels of artifacts loaded at the same address again are the same
    // text under one key; different keys with one text are merged here.
    std::map<std::string, KernelTime> merged;
    auto add = [&](const Entry &e) {
      if (e.calls == 0) // reset since
        return;
      KernelTime &k = merged[e.label];
      k.label = e.label;
      k.calls += e.calls;
      k.seconds += (double)e.nanos * 1e-9;
    };
    for (const auto &[key, e] : p.entries)
      add(e);
    for (const Entry &e : p.retired)
      add(e);
    for (auto &[label, k] : merged)
      out.push_back(std::move(k));
  }
  std::sort(out.begin(), out.end(), [](const KernelTime &a, const KernelTime &b) {
    return a.seconds > b.seconds;
  });
  return out;
}

void profileReset() {
  Profiler &p = profiler();
  std::lock_guard<std::mutex> lock(p.mutex);
  for (auto &[key, e] : p.entries)
    e.calls = e.nanos = 0;
  p.retired.clear();
}

std::string profileReport(size_t top) {
  std::vector<KernelTime> all = profileSnapshot();
  double total = 0;
  std::map<std::string, KernelTime> kinds;
  for (const KernelTime &k : all) {
    total += k.seconds;
    std::string kind = k.label.substr(0, k.label.find(' '));
    KernelTime &s = kinds[kind];
    s.label = kind;
    s.calls += k.calls;
    s.seconds += k.seconds;
  }
  if (all.empty() || total <= 0)
    return "";
  std::vector<KernelTime> byKind;
  for (auto &[_, k] : kinds)
    byKind.push_back(k);
  std::sort(byKind.begin(), byKind.end(),
            [](const KernelTime &a, const KernelTime &b) { return a.seconds > b.seconds; });
  std::string text = "genc profile: " + std::to_string(all.size()) +
                     " kernels, " + format("%.1f", total * 1e3, 0, 0, 0) +
                     " ms in kernels\n";
  const char *row = "%6.1f %% %10.2f %8lld %10.1f  ";
  text += "     %    total ms    calls    us/call  kind\n";
  for (const KernelTime &k : byKind)
    text += format(row, 100 * k.seconds / total, k.seconds * 1e3, (long long)k.calls,
                   k.seconds * 1e6 / (double)std::max<int64_t>(k.calls, 1)) +
            k.label + "\n";
  text += "     %    total ms    calls    us/call  kernel\n";
  for (size_t i = 0; i < all.size() && i < top; ++i) {
    const KernelTime &k = all[i];
    text += format(row, 100 * k.seconds / total, k.seconds * 1e3, (long long)k.calls,
                   k.seconds * 1e6 / (double)std::max<int64_t>(k.calls, 1)) +
            k.label + "\n";
  }
  if (all.size() > top)
    text += "  (" + std::to_string(all.size() - top) + " more kernels)\n";
  return text;
}

} // namespace genc::runtime

using namespace genc::runtime;

extern "C" void genc_rt_profile_enter(const char *) { started = Clock::now(); }

extern "C" void genc_rt_profile_exit(const char *label) {
  int64_t nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      Clock::now() - started)
                      .count();
  Profiler &p = profiler();
  std::lock_guard<std::mutex> lock(p.mutex);
  auto [it, fresh] = p.entries.try_emplace(label);
  if (!fresh && label && it->second.label != label) {
    p.retired.push_back(std::move(it->second));
    it->second = Entry{};
    fresh = true;
  }
  if (fresh) {
    it->second.label = label ? label : "?";
    static bool registered = false;
    if (!registered && reportAtExit()) {
      registered = true;
      std::atexit(writeReportAtExit);
    }
  }
  ++it->second.calls;
  it->second.nanos += nanos;
}
