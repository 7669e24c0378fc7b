// scatter_plot: points by category, optional y = x line and annotation.
#include "Axes.h"

#include <algorithm>
#include <limits>
#include <numbers>

namespace genc::zoo::plot {

using namespace detail;

Frame scatter_plot(const std::string &path, const std::vector<double> &x,
                   const std::vector<double> &y,
                   const std::vector<int> &category,
                   const ScatterOptions &options) {
  if (x.size() != y.size())
    fail(path, "x has " + std::to_string(x.size()) + " values but y has " +
                   std::to_string(y.size()));
  if (!category.empty() && category.size() != x.size())
    fail(path, "category has " + std::to_string(category.size()) +
                   " entries for " + std::to_string(x.size()) + " points");
  if (x.empty())
    fail(path, "no points to plot");
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double x_lo = kInf, x_hi = -kInf, y_lo = kInf, y_hi = -kInf;
  int n_categories = 1;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!category.empty()) {
      if (category[i] < 0)
        fail(path, "point " + std::to_string(i) + " has negative category " +
                       std::to_string(category[i]));
      n_categories = std::max(n_categories, category[i] + 1);
    }
    if (finite(x[i]) && finite(y[i])) {
      x_lo = std::min(x_lo, x[i]);
      x_hi = std::max(x_hi, x[i]);
      y_lo = std::min(y_lo, y[i]);
      y_hi = std::max(y_hi, y[i]);
    }
  }
  if (x_lo > x_hi)
    fail(path, "no finite data points to plot");

  Canvas canvas(path, options.width, options.height);
  AxesSpec spec;
  spec.title = options.title;
  spec.xlabel = options.xlabel;
  spec.ylabel = options.ylabel;
  spec.x_lo = x_lo;
  spec.x_hi = x_hi;
  spec.y_lo = y_lo;
  spec.y_hi = y_hi;
  spec.same_xy = options.diagonal;
  spec.x_margin = spec.y_margin = 0.04;
  spec.annotation = options.annotation;
  if (!category.empty()) {
    std::vector<bool> present(n_categories);
    for (int c : category)
      present[c] = true;
    for (int c = 0; c < n_categories; ++c)
      if (present[c])
        spec.legend.push_back(
            {c < static_cast<int>(options.category_names.size())
                 ? options.category_names[c]
                 : "class " + std::to_string(c),
             palette_color(c), Swatch::Marker});
  }
  spec.data_samples = [&](const Frame &f) {
    std::vector<Point> points;
    for (size_t i = 0; i < x.size(); ++i)
      if (finite(x[i]) && finite(y[i]))
        points.push_back({f.to_pixel_x(x[i]), f.to_pixel_y(y[i])});
    return points;
  };

  Axes axes(canvas, std::move(spec));
  const Frame &f = axes.frame();
  cairo_t *cr = canvas.cr();
  double s = canvas.scale();
  axes.draw_grid();
  if (options.diagonal) {
    axes.clip();
    canvas.set_color({136, 136, 136});
    cairo_set_line_width(cr, 1.5 * s);
    double dash[] = {6 * s, 4 * s};
    cairo_set_dash(cr, dash, 2, 0);
    double lo = std::min(f.x_min, f.y_min), hi = std::max(f.x_max, f.y_max);
    cairo_move_to(cr, f.to_pixel_x(lo), f.to_pixel_y(lo));
    cairo_line_to(cr, f.to_pixel_x(hi), f.to_pixel_y(hi));
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    axes.unclip();
  }
  // Points in the given order (so no category hides another wholesale),
  // translucent so dense regions read darker.
  double radius = std::max(0.5, options.point_size);
  int current = -1;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!finite(x[i]) || !finite(y[i]))
      continue;
    int c = category.empty() ? 0 : category[i];
    if (c != current) {
      canvas.set_color(palette_color(c), 0.75);
      current = c;
    }
    double px = f.to_pixel_x(x[i]), py = f.to_pixel_y(y[i]);
    cairo_arc(cr, px, py, radius, 0, 2 * std::numbers::pi);
    // Fill one disc at a time: a single path would merge overlaps into one
    // translucent area.
    cairo_fill(cr);
  }
  axes.draw_decorations();
  canvas.save();
  return f;
}

} // namespace genc::zoo::plot
