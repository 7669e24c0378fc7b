// Internal drawing helpers shared by the plots: a Cairo image surface with
// text in DejaVu Sans, the colours, and the atomic PNG write.
#ifndef GENC_ZOO_PLOT_CANVAS_H
#define GENC_ZOO_PLOT_CANVAS_H

#include "genc/zoo/plot.h"

#include <cairo.h>

#include <string>

namespace genc::zoo::plot::detail {

/// Throws PlotError("plot <path>: <problem>").
[[noreturn]] void fail(const std::string &path, const std::string &problem);

/// True when v is neither NaN nor infinite.
inline bool finite(double v) { return v - v == 0; }

enum class HAlign { Left, Center, Right };
/// Top/Bottom align the font's ascender/descender, Middle the cap height's
/// centre, Baseline the baseline.
enum class VAlign { Top, Middle, Bottom, Baseline };

// Colours used by every figure.
inline constexpr Rgb kText{34, 34, 34};
inline constexpr Rgb kAxis{68, 68, 68};
inline constexpr Rgb kGrid{229, 229, 229};
inline constexpr Rgb kWhite{255, 255, 255};

/// The sequential white -> dark blue map (ColorBrewer "Blues") at t in [0, 1].
Rgb blues(double t);

/// Width of s in DejaVu Sans at `size`, before any canvas exists.
double measure_text(const std::string &s, double size, bool bold = false);

/// One figure: a white RGB image surface, written to `path` by save().
class Canvas {
public:
  Canvas(const std::string &path, int width, int height);
  ~Canvas();
  Canvas(const Canvas &) = delete;
  Canvas &operator=(const Canvas &) = delete;

  cairo_t *cr() const { return cr_; }
  cairo_surface_t *surface() const { return surface_; }
  const std::string &path() const { return path_; }
  int width() const { return width_; }
  int height() const { return height_; }
  /// Font sizes scale with the figure (1 at 800 x 600).
  double scale() const { return scale_; }

  void set_color(Rgb c, double alpha = 1.0);
  void fill_rect(const PixelRect &r, Rgb c, double alpha = 1.0);
  /// A 1-pixel line aligned to the pixel grid (crisp, not blurred).
  void hline(double x0, double x1, double y, Rgb c, double width = 1.0);
  void vline(double x, double y0, double y1, Rgb c, double width = 1.0);

  /// Width of s at font size `size`.
  double text_width(const std::string &s, double size, bool bold = false);
  /// Draws s anchored at (x, y), rotated by `angle` radians around the
  /// anchor (negative turns counter-clockwise on screen).
  void text(const std::string &s, double x, double y, double size, HAlign h,
            VAlign v, Rgb color = kText, double angle = 0.0, bool bold = false);
  /// s shortened with an ellipsis to at most max_width pixels.
  std::string fit_text(const std::string &s, double size, double max_width);

  /// Writes the PNG to "<path>.tmp.<pid>.<n>" and renames it over path.
  void save();

private:
  void select_font(double size, bool bold);

  std::string path_;
  int width_, height_;
  double scale_;
  cairo_surface_t *surface_ = nullptr;
  cairo_t *cr_ = nullptr;
};

} // namespace genc::zoo::plot::detail

#endif // GENC_ZOO_PLOT_CANVAS_H
