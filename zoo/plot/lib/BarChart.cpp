// bar_chart: grouped bars comparing series (models) over labels (metrics).
#include "Axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace genc::zoo::plot {

using namespace detail;

namespace {

/// Three significant digits, no exponent below 10^6: "0.531", "12.4", "1520".
std::string format_value(double v) {
  char buf[64];
  if (std::abs(v) >= 1000 && std::abs(v) < 1e6)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

} // namespace

Frame bar_chart(const std::string &path, const std::vector<std::string> &labels,
                const std::vector<std::vector<double>> &values_per_series,
                const std::vector<std::string> &series_names,
                const BarOptions &options) {
  if (labels.empty())
    fail(path, "no bar groups (labels is empty)");
  if (values_per_series.empty())
    fail(path, "no series of values");
  if (!series_names.empty() && series_names.size() != values_per_series.size())
    fail(path, std::to_string(series_names.size()) + " series names for " +
                   std::to_string(values_per_series.size()) + " series");
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double lo = kInf, hi = -kInf;
  for (size_t s = 0; s < values_per_series.size(); ++s) {
    const std::vector<double> &v = values_per_series[s];
    if (v.size() != labels.size())
      fail(path, "series " +
                     (series_names.empty() ? std::to_string(s)
                                           : "'" + series_names[s] + "'") +
                     " has " + std::to_string(v.size()) + " values for " +
                     std::to_string(labels.size()) + " labels");
    for (double x : v)
      if (finite(x)) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
  }
  if (lo > hi)
    fail(path, "no finite values to plot");

  Canvas canvas(path, options.width, options.height);
  double sc = canvas.scale();
  const size_t n_series = values_per_series.size();
  // Bars start at zero; leave head room for the value labels.
  double y_lo = std::min(lo, 0.0), y_hi = std::max(hi, 0.0);
  double room = options.show_values ? 0.08 * (y_hi - y_lo) : 0;
  AxesSpec spec;
  spec.title = options.title;
  spec.xlabel = options.xlabel;
  spec.ylabel = options.ylabel;
  spec.x_categories = labels;
  spec.y_lo = y_lo < 0 ? y_lo - room : 0;
  spec.y_hi = y_hi > 0 ? y_hi + room : 0;
  for (size_t s = 0; s < series_names.size(); ++s)
    spec.legend.push_back({series_names[s], palette_color(s), Swatch::Box});
  // Bar s of group i spans x in [i - 0.4 + s * w, i - 0.4 + (s + 1) * w].
  const double group = 0.8, bar = group / n_series;
  auto bar_rect = [&](const Frame &f, size_t s, size_t i) {
    double v = values_per_series[s][i];
    double x0 = f.to_pixel_x(i - group / 2 + s * bar);
    double x1 = f.to_pixel_x(i - group / 2 + (s + 1) * bar);
    double y0 = f.to_pixel_y(0), y1 = f.to_pixel_y(v);
    return PixelRect{x0, std::min(y0, y1), x1 - x0, std::abs(y1 - y0)};
  };
  const double value_size = 10.5 * sc;
  spec.data_samples = [&](const Frame &f) {
    std::vector<Point> points;
    for (size_t s = 0; s < n_series; ++s)
      for (size_t i = 0; i < labels.size(); ++i) {
        if (!finite(values_per_series[s][i]))
          continue;
        PixelRect r = bar_rect(f, s, i);
        // Include the value label's line above (or below) the bar.
        r.y -= 1.5 * value_size;
        r.height += 3 * value_size;
        for (double py = r.y; py <= r.y + r.height; py += 4)
          for (double px = r.x; px <= r.x + r.width; px += 4)
            points.push_back({px, py});
      }
    return points;
  };

  Axes axes(canvas, std::move(spec));
  const Frame &f = axes.frame();
  axes.draw_grid();
  axes.clip();
  for (size_t s = 0; s < n_series; ++s)
    for (size_t i = 0; i < labels.size(); ++i) {
      if (!finite(values_per_series[s][i]))
        continue;
      PixelRect r = bar_rect(f, s, i);
      // A hair of white between neighbouring bars.
      double inset = std::min(1.0, r.width / 8);
      canvas.fill_rect({r.x + inset, r.y, r.width - 2 * inset, r.height},
                       palette_color(s));
    }
  if (f.y_min < 0 && f.y_max > 0)
    canvas.hline(f.area.x, f.area.x + f.area.width, f.to_pixel_y(0), kAxis);
  axes.unclip();

  if (options.show_values) {
    // Labels all at one size, and only when every one fits its bar.
    double bar_px = f.area.width / labels.size() * bar;
    double size = value_size;
    auto widest = [&](double sz) {
      double w = 0;
      for (const std::vector<double> &v : values_per_series)
        for (double x : v)
          if (finite(x))
            w = std::max(w, canvas.text_width(format_value(x), sz));
      return w;
    };
    if (widest(size) > bar_px - 2)
      size = 8.5 * sc;
    if (widest(size) <= bar_px)
      for (size_t s = 0; s < n_series; ++s)
        for (size_t i = 0; i < labels.size(); ++i) {
          double v = values_per_series[s][i];
          if (!finite(v))
            continue;
          PixelRect r = bar_rect(f, s, i);
          double cx = r.x + r.width / 2;
          if (v >= 0)
            canvas.text(format_value(v), cx, r.y - 3 * sc, size, HAlign::Center,
                        VAlign::Bottom);
          else
            canvas.text(format_value(v), cx, r.y + r.height + 3 * sc, size,
                        HAlign::Center, VAlign::Top);
        }
  }
  axes.draw_decorations();
  canvas.save();
  return f;
}

} // namespace genc::zoo::plot
