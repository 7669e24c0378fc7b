// The Cairo surface, text and PNG writing behind every plot.
#include "Canvas.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace genc::zoo::plot {

void detail::fail(const std::string &path, const std::string &problem) {
  throw PlotError("plot " + path + ": " + problem);
}

Rgb palette_color(size_t i) {
  // Okabe & Ito (2008), most distinct first; yellow is late because it is
  // faint on white. Brown and grey extend it to ten categories.
  static constexpr Rgb kPalette[] = {
      {0, 114, 178},   {213, 94, 0},   {0, 158, 115}, {230, 159, 0},
      {204, 121, 167}, {86, 180, 233}, {0, 0, 0},     {240, 228, 66},
      {140, 86, 75},   {153, 153, 153}};
  return kPalette[i % std::size(kPalette)];
}

namespace detail {

Rgb blues(double t) {
  static constexpr Rgb kStops[] = {
      {247, 251, 255}, {222, 235, 247}, {198, 219, 239},
      {158, 202, 225}, {107, 174, 214}, {66, 146, 198},
      {33, 113, 181},  {8, 81, 156},    {8, 48, 107}};
  constexpr int kLast = std::size(kStops) - 1;
  t = finite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
  double pos = t * kLast;
  int i = std::min(static_cast<int>(pos), kLast - 1);
  double f = pos - i;
  auto mix = [f](uint8_t a, uint8_t b) {
    return static_cast<uint8_t>(std::lround(a + (b - a) * f));
  };
  return {mix(kStops[i].r, kStops[i + 1].r), mix(kStops[i].g, kStops[i + 1].g),
          mix(kStops[i].b, kStops[i + 1].b)};
}

double measure_text(const std::string &s, double size, bool bold) {
  cairo_surface_t *surface =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD
                              : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return e.x_advance;
}

Canvas::Canvas(const std::string &path, int width, int height)
    : path_(path), width_(width), height_(height) {
  if (path.empty())
    fail(path, "empty output path");
  // Cairo image surfaces are limited to 32767 pixels a side.
  if (width < 1 || height < 1 || width > 32767 || height > 32767)
    fail(path, "image size " + std::to_string(width) + "x" +
                   std::to_string(height) +
                   " is outside 1..32767 pixels a side");
  scale_ = std::clamp(std::min(width / 800.0, height / 600.0), 0.75, 3.0);
  surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cr_ = cairo_create(surface_);
  if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS)
    fail(path, std::string("cannot create the image: ") +
                   cairo_status_to_string(cairo_status(cr_)));
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr_, fo);
  cairo_font_options_destroy(fo);
  cairo_set_antialias(cr_, CAIRO_ANTIALIAS_DEFAULT);
  set_color(kWhite);
  cairo_paint(cr_);
}

Canvas::~Canvas() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

void Canvas::set_color(Rgb c, double alpha) {
  cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

void Canvas::fill_rect(const PixelRect &r, Rgb c, double alpha) {
  set_color(c, alpha);
  cairo_rectangle(cr_, r.x, r.y, r.width, r.height);
  cairo_fill(cr_);
}

void Canvas::hline(double x0, double x1, double y, Rgb c, double width) {
  set_color(c);
  cairo_set_line_width(cr_, width);
  // Odd widths sit on pixel centres, even ones on pixel edges.
  double yy =
      std::round(y) + (static_cast<int>(std::round(width)) % 2 ? 0.5 : 0);
  cairo_move_to(cr_, x0, yy);
  cairo_line_to(cr_, x1, yy);
  cairo_stroke(cr_);
}

void Canvas::vline(double x, double y0, double y1, Rgb c, double width) {
  set_color(c);
  cairo_set_line_width(cr_, width);
  double xx =
      std::round(x) + (static_cast<int>(std::round(width)) % 2 ? 0.5 : 0);
  cairo_move_to(cr_, xx, y0);
  cairo_line_to(cr_, xx, y1);
  cairo_stroke(cr_);
}

void Canvas::select_font(double size, bool bold) {
  cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD
                              : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr_, size);
}

double Canvas::text_width(const std::string &s, double size, bool bold) {
  select_font(size, bold);
  cairo_text_extents_t e;
  cairo_text_extents(cr_, s.c_str(), &e);
  return e.x_advance;
}

void Canvas::text(const std::string &s, double x, double y, double size,
                  HAlign h, VAlign v, Rgb color, double angle, bool bold) {
  if (s.empty())
    return;
  double w = text_width(s, size, bold);
  double dx = h == HAlign::Left ? 0 : h == HAlign::Center ? -w / 2 : -w;
  // DejaVu Sans: ascender 0.76 em, cap height 0.73 em, descender 0.24 em.
  double dy = 0;
  switch (v) {
  case VAlign::Top:
    dy = 0.76 * size;
    break;
  case VAlign::Middle:
    dy = 0.365 * size;
    break;
  case VAlign::Bottom:
    dy = -0.24 * size;
    break;
  case VAlign::Baseline:
    break;
  }
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_rotate(cr_, angle);
  set_color(color);
  cairo_move_to(cr_, dx, dy);
  cairo_show_text(cr_, s.c_str());
  cairo_restore(cr_);
}

std::string Canvas::fit_text(const std::string &s, double size,
                             double max_width) {
  if (text_width(s, size) <= max_width)
    return s;
  const std::string ellipsis = "…";
  std::string t = s;
  while (!t.empty()) {
    // Drop one UTF-8 character (its continuation bytes first).
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80)
      t.pop_back();
    if (!t.empty())
      t.pop_back();
    while (!t.empty() && t.back() == ' ')
      t.pop_back();
    if (text_width(t + ellipsis, size) <= max_width)
      return t + ellipsis;
  }
  return ellipsis;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
                                   unsigned int length) {
  return std::fwrite(data, 1, length, static_cast<FILE *>(closure)) == length
             ? CAIRO_STATUS_SUCCESS
             : CAIRO_STATUS_WRITE_ERROR;
}

void Canvas::save() {
  cairo_surface_flush(surface_);
  if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS)
    fail(path_, std::string("drawing failed: ") +
                    cairo_status_to_string(cairo_status(cr_)));
  // The counter keeps threads of one process writing one path apart.
  static std::atomic<unsigned> serial{0};
  std::string tmp = path_ + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(serial++);
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    fail(path_, std::string("cannot write the file: ") + std::strerror(errno));
  cairo_status_t status =
      cairo_surface_write_to_png_stream(surface_, write_stream, f);
  int write_errno = errno;
  bool closed = std::fclose(f) == 0;
  if (status != CAIRO_STATUS_SUCCESS || !closed) {
    std::remove(tmp.c_str());
    fail(path_, std::string("cannot write the file: ") +
                    (status != CAIRO_STATUS_SUCCESS ? std::strerror(write_errno)
                                                    : std::strerror(errno)));
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) {
    int e = errno;
    std::remove(tmp.c_str());
    fail(path_, std::string("cannot rename the finished file into place: ") +
                    std::strerror(e));
  }
}

} // namespace detail
} // namespace genc::zoo::plot
