// Axis ticks ("nice numbers": 1-2-5 steps), tick labels and the data ->
// pixel mapping.
#include "Canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace genc::zoo::plot {

namespace {

constexpr double kEps = 1e-9;

double axis_fraction(double v, double lo, double hi, bool log) {
  if (log) {
    v = v > 0 ? std::log10(v) : -HUGE_VAL;
    lo = std::log10(lo);
    hi = std::log10(hi);
  }
  return (v - lo) / (hi - lo);
}

/// "⁻¹²" for -12.
std::string superscript(int e) {
  static const char *kDigits[] = {"⁰", "¹", "²", "³", "⁴",
                                  "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string digits = std::to_string(std::abs(e)), s = e < 0 ? "⁻" : "";
  for (char d : digits)
    s += kDigits[d - '0'];
  return s;
}

std::string printf_fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  return s == "-0" ? "0" : s;
}

/// Widens an empty or inverted range so it can carry ticks.
void widen(double &lo, double &hi) {
  if (lo > hi)
    std::swap(lo, hi);
  if (hi - lo <= 1e-12 * std::max(std::abs(lo), std::abs(hi))) {
    double d = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
}

} // namespace

double Frame::to_pixel_x(double x) const {
  return area.x + axis_fraction(x, x_min, x_max, log_x) * area.width;
}

double Frame::to_pixel_y(double y) const {
  return area.y + area.height -
         axis_fraction(y, y_min, y_max, log_y) * area.height;
}

Ticks nice_ticks(double lo, double hi, int max_ticks) {
  if (!detail::finite(lo) || !detail::finite(hi)) {
    lo = 0;
    hi = 1;
  }
  widen(lo, hi);
  max_ticks = std::max(max_ticks, 2);
  double span = hi - lo;
  double base = std::pow(10.0, std::floor(std::log10(span / (max_ticks - 1))));
  static constexpr double kSteps[] = {1, 2, 5};
  for (int decade = 0;; ++decade) {
    for (double m : kSteps) {
      double step = m * base * std::pow(10.0, decade);
      double k0 = std::floor(lo / step + kEps);
      double k1 = std::ceil(hi / step - kEps);
      if (k1 - k0 + 1 > max_ticks)
        continue;
      Ticks t;
      t.step = step;
      for (double k = k0; k <= k1; ++k) {
        double v = k * step;
        t.values.push_back(std::abs(v) < step * kEps ? 0.0 : v);
      }
      t.lo = t.values.front();
      t.hi = t.values.back();
      return t;
    }
  }
}

Ticks log_ticks(double lo, double hi, int max_ticks) {
  if (!(hi > 0) || !detail::finite(hi))
    hi = 1;
  if (!(lo > 0) || !detail::finite(lo) || lo > hi)
    lo = std::min(lo > 0 ? lo : hi / 10, hi);
  if (hi / lo < 1 + 1e-9) {
    lo /= 2;
    hi *= 2;
  }
  max_ticks = std::max(max_ticks, 2);
  // Snap the limits outwards to 1, 2 or 5 times a power of ten.
  auto snap = [](double v, bool up) {
    double p = std::pow(10.0, std::floor(std::log10(v)));
    double m = v / p;
    static constexpr double kMults[] = {1, 2, 5, 10};
    if (up) {
      for (double c : kMults)
        if (c >= m * (1 - kEps))
          return c * p;
    }
    double best = 1;
    for (double c : kMults)
      if (c <= m * (1 + kEps))
        best = c;
    return best * p;
  };
  Ticks t;
  t.lo = snap(lo, false);
  t.hi = snap(hi, true);
  int d0 = static_cast<int>(std::ceil(std::log10(t.lo) - kEps));
  int d1 = static_cast<int>(std::floor(std::log10(t.hi) + kEps));
  int decades = d1 - d0 + 1;
  if (decades >= 3) {
    int k = (decades + max_ticks - 1) / max_ticks;
    t.step = k;
    for (int d = d0; d <= d1; ++d)
      if (((d % k) + k) % k == 0)
        t.values.push_back(std::pow(10.0, d));
    return t;
  }
  auto multiples = [&](std::initializer_list<double> mults) {
    std::vector<double> v;
    for (int e = d0 - 1; e <= d1; ++e)
      for (double m : mults) {
        double x = m * std::pow(10.0, e);
        if (x >= t.lo * (1 - kEps) && x <= t.hi * (1 + kEps))
          v.push_back(x);
      }
    return v;
  };
  t.step = 0;
  std::vector<double> v125 = multiples({1, 2, 5});
  if (v125.size() >= 3 && static_cast<int>(v125.size()) <= max_ticks) {
    t.values = v125;
    return t;
  }
  if (v125.size() < 3) {
    std::vector<double> all = multiples({1, 2, 3, 4, 5, 6, 7, 8, 9});
    if (static_cast<int>(all.size()) <= max_ticks) {
      t.values = all;
      return t;
    }
    t.values = v125;
    return t;
  }
  t.step = 1;
  t.values = multiples({1});
  return t;
}

std::string format_tick(double v, double step) {
  if (v == 0 || !detail::finite(v))
    return v == 0 ? "0" : "";
  int e = static_cast<int>(std::floor(std::log10(std::abs(v)) + kEps));
  if (step <= 0) { // log axis
    if (step == 0 && std::abs(v) >= 1e-4 && std::abs(v) < 1e5) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", v);
      return buf;
    }
    long m = std::lround(v / std::pow(10.0, e));
    return (m == 1 ? "" : std::to_string(m) + "×") + "10" + superscript(e);
  }
  int step_e = static_cast<int>(std::floor(std::log10(step) + kEps));
  if (step >= 1e4 && std::abs(v) < 1e15) {
    // 20k, 1.5M: the largest power of 1000 not above |v|.
    static const char *kSuffix[] = {"", "k", "M", "G", "T"};
    int group = std::clamp(e / 3, 0, 4);
    std::string s = printf_fixed(v / std::pow(1000.0, group),
                                 std::max(0, 3 * group - step_e));
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0')
        s.pop_back();
      if (s.back() == '.')
        s.pop_back();
    }
    return s + kSuffix[group];
  }
  if (step < 1e-4) {
    int digits = std::max(0, e - step_e);
    return printf_fixed(v / std::pow(10.0, e), digits) + "×10" + superscript(e);
  }
  return printf_fixed(v, std::max(0, -step_e));
}

} // namespace genc::zoo::plot
