// PNG files composed side by side (see genc/zoo/plot.h).
#include "Canvas.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace genc::zoo::plot {

using namespace detail;

void side_by_side(const std::string &path, const std::vector<std::string> &pngs,
                  const std::vector<std::string> &labels,
                  const std::string &title) {
  if (pngs.empty())
    fail(path, "no images to put side by side");
  if (labels.size() != pngs.size())
    fail(path, std::to_string(pngs.size()) + " images but " +
                   std::to_string(labels.size()) + " labels");
  using Surface = std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t *)>;
  std::vector<Surface> images;
  int height = 0;
  for (const std::string &png : pngs) {
    Surface s(cairo_image_surface_create_from_png(png.c_str()),
              cairo_surface_destroy);
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS)
      fail(path, "cannot read " + png + " as a PNG image");
    height = std::max(height, cairo_image_surface_get_height(s.get()));
    images.push_back(std::move(s));
  }
  height = std::min(height, 480);
  const int pad = 16, top = 64;
  std::vector<double> scales;
  int width = pad;
  for (const Surface &s : images) {
    double k = (double)height / cairo_image_surface_get_height(s.get());
    scales.push_back(k);
    width += (int)std::lround(cairo_image_surface_get_width(s.get()) * k) + pad;
  }
  Canvas canvas(path, width, height + top + pad);
  double x = pad;
  canvas.text(title, width / 2.0, 8, 18, HAlign::Center, VAlign::Top, kText,
              0.0, true);
  for (size_t i = 0; i < images.size(); ++i) {
    double w = cairo_image_surface_get_width(images[i].get()) * scales[i];
    canvas.text(canvas.fit_text(labels[i], 14, w), x + w / 2, top - 8, 14,
                HAlign::Center, VAlign::Bottom);
    cairo_t *cr = canvas.cr();
    cairo_save(cr);
    cairo_translate(cr, x, top);
    cairo_scale(cr, scales[i], scales[i]);
    cairo_set_source_surface(cr, images[i].get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    x += w + pad;
  }
  canvas.save();
}

} // namespace genc::zoo::plot
