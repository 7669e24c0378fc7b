// Progress bar / log lines of training loops (see genc/zoo/train.h).
#include "genc/zoo/train.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace genc::zoo {

Progress::Progress(std::string label, int64_t totalSteps, int64_t firstStep)
    : label_(std::move(label)), total_(totalSteps), first_(firstStep),
      last_(firstStep), lastPlainStep_(firstStep) {
  const char *env = std::getenv("GENC_PROGRESS");
  if (env && std::strcmp(env, "off") == 0)
    mode_ = Mode::Off;
  else if (env && std::strcmp(env, "plain") == 0)
    mode_ = Mode::Plain;
  else if (env && std::strcmp(env, "bar") == 0)
    mode_ = Mode::Bar;
  else
    mode_ = isatty(STDERR_FILENO) ? Mode::Bar : Mode::Plain;
  start_ = lastDraw_ = Clock::now();
}

double Progress::rate() const {
  double s = std::chrono::duration<double>(Clock::now() - start_).count();
  return s > 0 ? (last_ - first_) / s : 0.0;
}

static std::string clockText(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "?";
  int64_t s = (int64_t)std::llround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", (long long)(s / 3600),
                  (long long)(s / 60 % 60), (long long)(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", (long long)(s / 60),
                  (long long)(s % 60));
  return buf;
}

void Progress::update(int64_t step, int64_t epoch, int64_t epochs,
                      const std::vector<std::pair<std::string, double>> &values) {
  last_ = step;
  if (mode_ == Mode::Off)
    return;
  Clock::time_point now = Clock::now();
  double sinceDraw = std::chrono::duration<double>(now - lastDraw_).count();
  bool end = step >= total_;
  if (mode_ == Mode::Bar && sinceDraw < 0.1 && !end)
    return;
  if (mode_ == Mode::Plain) {
    int64_t every = std::max<int64_t>(1, total_ / 20);
    if (!end && step - lastPlainStep_ < every && sinceDraw < 30)
      return;
    lastPlainStep_ = step;
  }
  lastDraw_ = now;
  double r = rate();
  double eta = r > 0 ? (total_ - step) / r : NAN;
  std::string line = label_;
  if (mode_ == Mode::Bar) {
    const int width = 24;
    int filled = total_ > 0 ? (int)(width * step / total_) : width;
    line += " [" + std::string(filled, '=') + (filled < width ? ">" : "") +
            std::string(std::max(0, width - filled - 1), ' ') + "]";
  }
  char buf[256];
  std::snprintf(buf, sizeof buf, " %lld/%lld ep %lld/%lld", (long long)step,
                (long long)total_, (long long)epoch, (long long)epochs);
  line += buf;
  for (const auto &[name, v] : values) {
    std::snprintf(buf, sizeof buf, " %s %.4g", name.c_str(), v);
    line += buf;
  }
  std::snprintf(buf, sizeof buf, " | %.2f it/s ETA %s", r,
                clockText(eta).c_str());
  line += buf;
  if (mode_ == Mode::Bar) {
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
    drawn_ = true;
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

void Progress::message(const std::string &line) {
  if (drawn_)
    std::fprintf(stderr, "\r\x1b[K");
  std::fprintf(stderr, "%s\n", line.c_str());
  drawn_ = false;
  std::fflush(stderr);
}

void Progress::finish() {
  if (mode_ == Mode::Bar && drawn_)
    std::fprintf(stderr, "\n");
  drawn_ = false;
}

} // namespace genc::zoo
