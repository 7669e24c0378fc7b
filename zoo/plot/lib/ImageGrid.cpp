// image_grid: images (samples, reconstructions) side by side, pixel-exact.
#include "Canvas.h"

#include <algorithm>
#include <cmath>

namespace genc::zoo::plot {

using namespace detail;

GridLayout image_grid(const std::string &path, const float *images,
                      int64_t count, int h, int w, int c,
                      const GridOptions &options) {
  if (count <= 0)
    fail(path, "no images to draw (count is " + std::to_string(count) + ")");
  if (!images)
    fail(path, "image data is null");
  if (h <= 0 || w <= 0)
    fail(path, "image size " + std::to_string(h) + "x" + std::to_string(w) +
                   " is empty");
  if (c != 1 && c != 3)
    fail(path, "images have " + std::to_string(c) +
                   " channels; expected 1 (grey) or 3 (RGB)");
  if (options.cols <= 0 || options.scale <= 0 || options.pad < 0)
    fail(path, "bad grid options (cols " + std::to_string(options.cols) +
                   ", scale " + std::to_string(options.scale) + ", pad " +
                   std::to_string(options.pad) + ")");

  const int64_t cols = std::min<int64_t>(options.cols, count);
  const int64_t rows = (count + cols - 1) / cols;
  const int64_t cell_w = static_cast<int64_t>(w) * options.scale;
  const int64_t cell_h = static_cast<int64_t>(h) * options.scale;
  const int pad = options.pad;
  // Text sizes follow the cell height, within readable bounds.
  const double label_size = std::clamp(cell_h * 0.22, 10.0, 14.0);
  const double title_size = std::clamp(cell_h * 0.28, 13.0, 17.0);
  const double margin = 8;
  double label_w = 0;
  for (int64_t r = 0;
       r < rows && r < static_cast<int64_t>(options.row_labels.size()); ++r)
    label_w =
        std::max(label_w, measure_text(options.row_labels[r], label_size));
  int64_t left =
      label_w > 0 ? static_cast<int64_t>(std::ceil(label_w + 2 * margin)) : 0;
  const int64_t top =
      options.title.empty()
          ? 0
          : static_cast<int64_t>(std::ceil(title_size * 1.2 + 2 * margin));
  int64_t width = left + pad + cols * (cell_w + pad);
  const int64_t height = top + pad + rows * (cell_h + pad);
  // A title wider than the grid widens the image (up to 1600 pixels; longer
  // titles are shortened); the grid is centred under it.
  if (!options.title.empty()) {
    int64_t wanted = static_cast<int64_t>(
        std::ceil(measure_text(options.title, title_size) + 2 * margin));
    if (wanted > width) {
      int64_t grown = std::max(width, std::min<int64_t>(wanted, 1600));
      left += (grown - width) / 2;
      width = grown;
    }
  }
  if (width > 32767 || height > 32767)
    fail(path, "the grid would be " + std::to_string(width) + "x" +
                   std::to_string(height) +
                   " pixels (Cairo's limit is 32767 a side); use fewer "
                   "columns, a smaller scale or fewer images");

  Canvas canvas(path, static_cast<int>(width), static_cast<int>(height));
  GridLayout layout;
  layout.width = static_cast<int>(width);
  layout.height = static_cast<int>(height);
  for (int64_t i = 0; i < count; ++i) {
    int64_t r = i / cols, col = i % cols;
    layout.cells.push_back(
        {static_cast<double>(left + pad + col * (cell_w + pad)),
         static_cast<double>(top + pad + r * (cell_h + pad)),
         static_cast<double>(cell_w), static_cast<double>(cell_h)});
  }
  if (!options.title.empty())
    canvas.text(canvas.fit_text(options.title, title_size, width - 2 * margin),
                width / 2.0, margin, title_size, HAlign::Center, VAlign::Top);
  for (int64_t r = 0;
       r < rows && r < static_cast<int64_t>(options.row_labels.size()); ++r)
    canvas.text(options.row_labels[r], left - margin,
                layout.cells[r * cols].y + cell_h / 2.0, label_size,
                HAlign::Right, VAlign::Middle);

  // Copy the pixels straight into the surface: exact values, no filtering.
  cairo_surface_t *surface = canvas.surface();
  cairo_surface_flush(surface);
  unsigned char *data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  auto byte = [](float v) -> uint32_t {
    // NaN fails both comparisons and becomes 0.
    float clipped = v > 0 ? (v < 1 ? v : 1) : 0;
    return static_cast<uint32_t>(std::lround(clipped * 255.0f));
  };
  const int64_t image_size = static_cast<int64_t>(h) * w * c;
  for (int64_t i = 0; i < count; ++i) {
    const float *img = images + i * image_size;
    const PixelRect &cell = layout.cells[i];
    for (int y = 0; y < cell_h; ++y) {
      auto *row = reinterpret_cast<uint32_t *>(
          data + (static_cast<int64_t>(cell.y) + y) * stride);
      const float *src_row =
          img + static_cast<int64_t>(y / options.scale) * w * c;
      for (int x = 0; x < cell_w; ++x) {
        const float *p = src_row + static_cast<int64_t>(x / options.scale) * c;
        uint32_t r = byte(p[0]);
        uint32_t g = c == 3 ? byte(p[1]) : r, b = c == 3 ? byte(p[2]) : r;
        row[static_cast<int64_t>(cell.x) + x] =
            0xFF000000u | r << 16 | g << 8 | b;
      }
    }
  }
  cairo_surface_mark_dirty(surface);
  canvas.save();
  return layout;
}

} // namespace genc::zoo::plot
