// line_plot: training curves with a legend.
#include "Axes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace genc::zoo::plot {

using namespace detail;

Frame line_plot(const std::string &path, const std::vector<Series> &series,
                const LineOptions &options) {
  if (series.empty())
    fail(path, "no series to plot");
  auto usable = [&](double x, double y) {
    return finite(x) && finite(y) && (!options.log_y || y > 0);
  };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double x_lo = kInf, x_hi = -kInf, y_lo = kInf, y_hi = -kInf;
  bool named = false;
  for (const Series &s : series) {
    if (s.x.size() != s.y.size())
      fail(path, "series '" + s.name + "' has " + std::to_string(s.x.size()) +
                     " x values but " + std::to_string(s.y.size()) +
                     " y values");
    named |= !s.name.empty();
    for (size_t i = 0; i < s.x.size(); ++i)
      if (usable(s.x[i], s.y[i])) {
        x_lo = std::min(x_lo, s.x[i]);
        x_hi = std::max(x_hi, s.x[i]);
        y_lo = std::min(y_lo, s.y[i]);
        y_hi = std::max(y_hi, s.y[i]);
      }
  }
  if (x_lo > x_hi)
    fail(path, options.log_y ? "no finite, positive data points to plot on "
                               "the log y axis"
                             : "no finite data points to plot");

  Canvas canvas(path, options.width, options.height);
  AxesSpec spec;
  spec.title = options.title;
  spec.xlabel = options.xlabel;
  spec.ylabel = options.ylabel;
  spec.x_lo = x_lo;
  spec.x_hi = x_hi;
  spec.y_lo = y_lo;
  spec.y_hi = y_hi;
  spec.log_y = options.log_y;
  spec.y_margin = 0.03;
  if (named || series.size() > 1)
    for (size_t i = 0; i < series.size(); ++i)
      spec.legend.push_back({series[i].name.empty()
                                 ? "series " + std::to_string(i + 1)
                                 : series[i].name,
                             palette_color(i), Swatch::Line});
  spec.data_samples = [&](const Frame &f) {
    // Points every few pixels along each drawn segment.
    std::vector<Point> points;
    for (const Series &s : series) {
      bool have_prev = false;
      Point prev{};
      for (size_t i = 0; i < s.x.size(); ++i) {
        if (!usable(s.x[i], s.y[i])) {
          have_prev = false;
          continue;
        }
        Point p{f.to_pixel_x(s.x[i]), f.to_pixel_y(s.y[i])};
        if (have_prev) {
          double len = std::hypot(p.x - prev.x, p.y - prev.y);
          int steps = std::min(1000, static_cast<int>(len / 3));
          for (int k = 1; k <= steps; ++k) {
            double t = static_cast<double>(k) / (steps + 1);
            points.push_back(
                {prev.x + (p.x - prev.x) * t, prev.y + (p.y - prev.y) * t});
          }
        }
        points.push_back(p);
        prev = p;
        have_prev = true;
      }
    }
    return points;
  };

  Axes axes(canvas, std::move(spec));
  const Frame &f = axes.frame();
  axes.draw_grid();
  axes.clip();
  cairo_t *cr = canvas.cr();
  double s = canvas.scale();
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  for (size_t k = 0; k < series.size(); ++k) {
    const Series &ser = series[k];
    canvas.set_color(palette_color(k));
    cairo_set_line_width(cr, 2 * s);
    // Runs of usable points become polylines; a lone point becomes a dot.
    size_t i = 0, n = ser.x.size();
    while (i < n) {
      if (!usable(ser.x[i], ser.y[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n && usable(ser.x[j], ser.y[j]))
        ++j;
      if (j - i == 1) {
        cairo_arc(cr, f.to_pixel_x(ser.x[i]), f.to_pixel_y(ser.y[i]), 2.5 * s,
                  0, 2 * std::numbers::pi);
        cairo_fill(cr);
      } else {
        cairo_move_to(cr, f.to_pixel_x(ser.x[i]), f.to_pixel_y(ser.y[i]));
        for (size_t m = i + 1; m < j; ++m)
          cairo_line_to(cr, f.to_pixel_x(ser.x[m]), f.to_pixel_y(ser.y[m]));
        cairo_stroke(cr);
      }
      i = j;
    }
  }
  axes.unclip();
  axes.draw_decorations();
  canvas.save();
  return f;
}

} // namespace genc::zoo::plot
