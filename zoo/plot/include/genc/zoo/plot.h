// genc::zoo::plot: publication-style PNG plots drawn with Cairo (training
// curves, image grids, scatter plots, confusion matrices, grouped bars).
//
//   plot::line_plot("loss.png", {{"train", steps, train_loss},
//                                {"valid", steps, valid_loss}},
//                   {.title = "VAE loss", .xlabel = "step", .ylabel = "loss",
//                    .log_y = true});
//
// Every function draws one figure and writes it atomically (to
// "<path>.tmp.<pid>.<n>", then renamed over <path>), so a reader never sees
// a half-written file. Errors (empty or mismatched inputs, no finite data, a
// file that cannot be written) throw PlotError, whose message names the file
// and the problem. The functions return where they drew (plot area and
// data->pixel mapping, image cells, matrix cells) so callers and tests can
// find a data point in the picture.
//
// Thread safety: every call owns its Cairo surface and context; calls are
// safe from several threads at once. Two calls writing the same path race
// only on which complete file ends up there.
#ifndef GENC_ZOO_PLOT_H
#define GENC_ZOO_PLOT_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace genc::zoo::plot {

/// Thrown for unusable inputs and unwritable files; the message reads
/// "plot <path>: <problem>".
class PlotError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// An 8-bit sRGB colour.
struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb &) const = default;
};

/// The i-th colour of the categorical palette (Okabe-Ito's eight
/// colour-blind-safe colours, then brown and grey; cycles after ten). Series,
/// categories and bar groups take colours in this order.
Rgb palette_color(size_t i);

/// A rectangle in pixels; pixel (i, j) covers [i, i+1) x [j, j+1).
struct PixelRect {
  double x = 0, y = 0, width = 0, height = 0;
  bool contains(double px, double py) const {
    return px >= x && px < x + width && py >= y && py < y + height;
  }
};

/// The plot area of a cartesian figure and its data -> pixel mapping.
struct Frame {
  int width = 0, height = 0; ///< the whole image
  PixelRect area;            ///< inside the axes
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  bool log_x = false, log_y = false;
  double to_pixel_x(double x) const;
  double to_pixel_y(double y) const;
};

/// Axis tick positions: lo and hi are the axis limits (ticks cover the data
/// range), step the spacing (1, 2 or 5 times a power of ten; for log axes the
/// spacing in decades, 0 when the ticks are 1-2-5 or 1..9 multiples).
struct Ticks {
  double lo = 0, hi = 1, step = 1;
  std::vector<double> values;
};

/// "Nice numbers" ticks for [lo, hi]: the smallest 1-2-5 step giving at most
/// max_ticks ticks; the first tick is <= lo and the last >= hi. A degenerate
/// range (lo == hi) is widened around the value.
Ticks nice_ticks(double lo, double hi, int max_ticks = 7);

/// Ticks for a log axis over [lo, hi] (both > 0): limits snapped outwards to
/// 1-2-5 multiples of powers of ten; ticks at decades, adding the 2x and 5x
/// (or every integer) multiple when the range spans few decades.
Ticks log_ticks(double lo, double hi, int max_ticks = 7);

/// A tick label for value v on a linear axis with spacing step > 0 ("0.25",
/// "1000", "200k", "1.5M", "3×10⁻⁵"), or on a log axis: step 0 writes
/// values in [1e-4, 1e5) plainly ("0.05", "1000") and others as powers of
/// ten ("10⁶", "2×10⁻⁵"); step < 0 writes every value as a power of ten.
std::string format_tick(double v, double step);

// --- training curves ---------------------------------------------------------

/// One curve. Points whose x or y is NaN or infinite (or y <= 0 on a log
/// axis) are skipped and leave a gap in the line.
struct Series {
  std::string name;
  std::vector<double> x, y;
};

struct LineOptions {
  std::string title, xlabel, ylabel;
  bool log_y = false;
  int width = 800, height = 600;
};

/// Curves with a legend (placed in the emptiest corner of the plot area, or
/// right of it when every corner holds data).
Frame line_plot(const std::string &path, const std::vector<Series> &series,
                const LineOptions &options);

// --- image grids -------------------------------------------------------------

struct GridOptions {
  std::string title;
  int cols = 8;
  int scale = 2; ///< nearest-neighbour upscale of each image
  int pad = 2;   ///< white pixels around and between images
  /// Optional label left of each row ("input", "reconstruction"); row r gets
  /// row_labels[r] when there is one.
  std::vector<std::string> row_labels;
};

/// Where image_grid put each image (cells[i] is image i, w*scale by h*scale).
/// Without title and row labels, image i sits at column i % cols, row
/// i / cols, with its top-left corner at
/// (pad + col * (w*scale + pad), pad + row * (h*scale + pad)); row labels
/// move the grid right, a title moves it down (and, when wider than the
/// grid, widens the image with the grid centred under it).
struct GridLayout {
  int width = 0, height = 0;
  std::vector<PixelRect> cells;
};

/// images: count x h x w x c floats (NHWC, row-major), c = 1 (grey) or 3
/// (RGB), values in [0, 1] (clipped; NaN draws as 0). Pixels are copied
/// exactly: value v becomes round(v * 255).
GridLayout image_grid(const std::string &path, const float *images,
                      int64_t count, int h, int w, int c,
                      const GridOptions &options);

// --- scatter plots -----------------------------------------------------------

struct ScatterOptions {
  std::string title, xlabel, ylabel;
  /// Legend names for categories 0, 1, ...; missing ones read "class k".
  std::vector<std::string> category_names;
  bool diagonal = false;   ///< y = x reference line and equal axis ranges
  std::string annotation;  ///< e.g. "R² = 0.53", boxed in the top-left corner
  double point_size = 2.5; ///< marker radius in pixels
  int width = 800, height = 600;
};

/// Points coloured by category (empty = one colour); non-finite points are
/// skipped. Categories must be >= 0.
Frame scatter_plot(const std::string &path, const std::vector<double> &x,
                   const std::vector<double> &y,
                   const std::vector<int> &category,
                   const ScatterOptions &options);

// --- confusion matrices ------------------------------------------------------

struct MatrixOptions {
  std::string title, xlabel = "predicted", ylabel = "true";
  /// Colour by the fraction of the true class (row) rather than by count.
  bool normalize_rows = true;
  int width = 800, height = 700;
};

/// Where confusion_matrix drew: cells[row * n + col].
struct MatrixLayout {
  int width = 0, height = 0;
  std::vector<PixelRect> cells;
};

/// A heatmap (white to dark blue) of counts[true][predicted] with the count
/// and the row percentage in each cell and a colour bar. Long class names
/// are rotated (and shrunk or shortened when still too long).
MatrixLayout confusion_matrix(const std::string &path,
                              const std::vector<std::vector<int64_t>> &counts,
                              const std::vector<std::string> &class_names,
                              const MatrixOptions &options);

// --- grouped bars ------------------------------------------------------------

struct BarOptions {
  std::string title, xlabel, ylabel;
  bool show_values = true; ///< print each value above its bar when it fits
  int width = 800, height = 600;
};

/// Grouped bars: group i (labels[i]) holds one bar per series,
/// values_per_series[s][i]. NaN values leave the bar out. In the returned
/// frame, group i is centred at x = i. series_names may be empty for a
/// single series (no legend).
Frame bar_chart(const std::string &path, const std::vector<std::string> &labels,
                const std::vector<std::vector<double>> &values_per_series,
                const std::vector<std::string> &series_names,
                const BarOptions &options);

/// PNG files side by side (scaled to a common height, at most 480 px),
/// each with its label above it, and a title: e.g. several runs' sample
/// grids. Throws PlotError naming a file that cannot be read as PNG.
void side_by_side(const std::string &path,
                  const std::vector<std::string> &pngs,
                  const std::vector<std::string> &labels,
                  const std::string &title);

} // namespace genc::zoo::plot

#endif // GENC_ZOO_PLOT_H
