// Internal: the cartesian figure shared by line, scatter and bar plots -
// margins sized to the tick labels, grid, frame, title, axis labels, legend.
#ifndef GENC_ZOO_PLOT_AXES_H
#define GENC_ZOO_PLOT_AXES_H

#include "Canvas.h"

#include <functional>
#include <string>
#include <vector>

namespace genc::zoo::plot::detail {

struct Point {
  double x, y;
};

enum class Swatch { Line, Marker, Box };

struct LegendEntry {
  std::string name;
  Rgb color;
  Swatch swatch;
};

/// Category names under an axis, fitted to slots `slot` pixels wide:
/// horizontal when they fit, else rotated 45 degrees (90 for narrow slots),
/// shrunk and then shortened to stay within max_height.
struct CategoryLabels {
  std::vector<std::string> text;
  double size = 0, angle = 0;
  double height = 0;         ///< below the anchor line
  double left_overhang = 0;  ///< left of the first slot's left edge
  double right_overhang = 0; ///< right of the last slot's right edge
};
CategoryLabels fit_category_labels(Canvas &canvas,
                                   const std::vector<std::string> &names,
                                   double slot, double size, double max_height,
                                   double gap);
/// Draws labels.text[i] below (xs[i], y).
void draw_category_labels(Canvas &canvas, const CategoryLabels &labels,
                          const std::vector<double> &xs, double y);

struct AxesSpec {
  std::string title, xlabel, ylabel;
  /// Data range of a numeric x axis; ignored when x_categories is set
  /// (category i is centred at x = i).
  double x_lo = 0, x_hi = 1;
  std::vector<std::string> x_categories;
  double y_lo = 0, y_hi = 1;
  bool log_y = false;
  /// Least room between the data and the area's edges, as a fraction of
  /// the data range (markers need some; lines may touch the edge).
  double x_margin = 0, y_margin = 0;
  /// Give both axes the same ticks (predicted-vs-true scatter plots).
  bool same_xy = false;
  std::vector<LegendEntry> legend;
  std::string annotation; ///< boxed in the top-left corner of the area
  /// Pixel positions covered by data under a given frame; the legend goes
  /// where none are, or outside the area.
  std::function<std::vector<Point>(const Frame &)> data_samples;
};

class Axes {
public:
  /// Lays the figure out: ticks, margins, frame, legend position.
  Axes(Canvas &canvas, AxesSpec spec);

  const Frame &frame() const { return frame_; }
  /// Grid lines, drawn before the data.
  void draw_grid();
  /// Restricts drawing to the plot area until unclip().
  void clip();
  void unclip();
  /// Frame, ticks, labels, title, legend and annotation, after the data.
  void draw_decorations();

private:
  void layout(bool legend_outside);
  double legend_width();
  double legend_height();
  PixelRect annotation_box();
  void draw_legend();

  Canvas &canvas_;
  AxesSpec spec_;
  Frame frame_;
  Ticks xticks_, yticks_;
  CategoryLabels xcats_;
  double xtick_height_ = 0, ytick_width_ = 0; ///< tick label extents
  PixelRect legend_box_;
  bool has_legend_ = false;
  // Font sizes and spacings in pixels.
  double title_size_, label_size_, tick_size_, legend_size_, pad_, gap_,
      tick_len_;
};

} // namespace genc::zoo::plot::detail

#endif // GENC_ZOO_PLOT_AXES_H
