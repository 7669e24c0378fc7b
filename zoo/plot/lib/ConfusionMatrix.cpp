// confusion_matrix: a heatmap of counts[true][predicted] with a colour bar.
#include "Axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace genc::zoo::plot {

using namespace detail;

MatrixLayout confusion_matrix(const std::string &path,
                              const std::vector<std::vector<int64_t>> &counts,
                              const std::vector<std::string> &class_names,
                              const MatrixOptions &options) {
  const size_t k = counts.size();
  if (k == 0)
    fail(path, "empty confusion matrix");
  if (!class_names.empty() && class_names.size() != k)
    fail(path, std::to_string(class_names.size()) + " class names for a " +
                   std::to_string(k) + "x" + std::to_string(k) + " matrix");
  int64_t max_count = 0;
  std::vector<int64_t> row_sum(k, 0);
  for (size_t i = 0; i < k; ++i) {
    if (counts[i].size() != k)
      fail(path, "row " + std::to_string(i) + " has " +
                     std::to_string(counts[i].size()) +
                     " counts; the matrix must be " + std::to_string(k) + "x" +
                     std::to_string(k));
    for (int64_t n : counts[i]) {
      if (n < 0)
        fail(path, "negative count " + std::to_string(n) + " in row " +
                       std::to_string(i));
      max_count = std::max(max_count, n);
      row_sum[i] += n;
    }
  }
  std::vector<std::string> names = class_names;
  for (size_t i = names.size(); i < k; ++i)
    names.push_back(std::to_string(i));
  auto fraction = [&](size_t i, size_t j) -> double {
    if (options.normalize_rows)
      return row_sum[i] > 0 ? static_cast<double>(counts[i][j]) / row_sum[i]
                            : 0;
    return max_count > 0 ? static_cast<double>(counts[i][j]) / max_count : 0;
  };

  Canvas canvas(path, options.width, options.height);
  const double W = canvas.width(), H = canvas.height(), s = canvas.scale();
  const double pad = 12 * s, gap = 6 * s, tick_len = 5 * s;
  const double title_size = 17 * s, label_size = 14 * s, tick_size = 12 * s;

  // Colour-bar ticks: row percentages, or counts up to the largest.
  Ticks bar_ticks = options.normalize_rows
                        ? nice_ticks(0, 1, 6)
                        : nice_ticks(0, std::max<int64_t>(max_count, 1), 6);
  auto bar_label = [&](double v) {
    return options.normalize_rows
               ? format_tick(v * 100, bar_ticks.step * 100) + "%"
               : format_tick(v, bar_ticks.step);
  };
  const double bar_top_value =
      options.normalize_rows
          ? 1.0
          : static_cast<double>(std::max<int64_t>(max_count, 1));
  double bar_label_w = 0;
  for (double v : bar_ticks.values)
    if (v <= bar_top_value * (1 + 1e-9))
      bar_label_w =
          std::max(bar_label_w, canvas.text_width(bar_label(v), tick_size));
  const double bar_w = 18 * s;
  const double right_block =
      3 * gap + bar_w + tick_len + gap * 0.6 + bar_label_w;

  // Row names: horizontal, at most 28% of the width.
  std::vector<std::string> row_names;
  double row_names_w = 0;
  for (const std::string &n : names) {
    row_names.push_back(canvas.fit_text(n, tick_size, 0.28 * W));
    row_names_w =
        std::max(row_names_w, canvas.text_width(row_names.back(), tick_size));
  }
  const double top =
      pad + (options.title.empty() ? 0 : title_size * 1.2 + gap) + gap;
  double left = pad + (options.ylabel.empty() ? 0 : label_size * 1.2 + gap) +
                row_names_w + tick_len + gap * 0.6;
  double cell = 0;
  CategoryLabels cols;
  for (int round = 0; round < 2; ++round) {
    double bottom =
        pad + (options.xlabel.empty() ? 0 : label_size * 1.2 + gap) +
        (round == 0 ? tick_size * 1.2 : cols.height) + tick_len + gap;
    double l = std::max(left, pad + cols.left_overhang);
    cell =
        std::floor(std::min(W - l - pad - right_block, H - top - bottom) / k);
    if (cell < 4)
      fail(path, "the figure (" + std::to_string(canvas.width()) + "x" +
                     std::to_string(canvas.height()) + ") is too small for " +
                     std::to_string(k) + " classes and their names");
    cols = fit_category_labels(canvas, names, cell, tick_size, 0.3 * H, gap);
  }
  left = std::max(left, pad + cols.left_overhang);
  const double matrix = cell * k;
  // Centre the figure (title, names, matrix, colour bar, axis label).
  const double used_w = left + matrix + right_block + pad;
  const double x0 = std::round(left + std::max(0.0, (W - used_w) / 2));
  const double used_h = top + matrix + tick_len + gap * 0.6 + cols.height +
                        (options.xlabel.empty() ? 0 : gap + label_size * 1.2) +
                        pad;
  const double shift = std::max(0.0, (H - used_h) / 2);
  const double y0 = std::round(top + shift);

  MatrixLayout layout;
  layout.width = canvas.width();
  layout.height = canvas.height();
  for (size_t i = 0; i < k; ++i)
    for (size_t j = 0; j < k; ++j)
      layout.cells.push_back({x0 + j * cell, y0 + i * cell, cell, cell});

  // Cells, with the count and the row percentage when they fit (and are
  // big enough to read).
  constexpr double kMinText = 8;
  const double count_size =
      cell >= 20 ? std::clamp(cell * 0.25, kMinText, 13 * s) : 0;
  for (size_t i = 0; i < k; ++i)
    for (size_t j = 0; j < k; ++j) {
      const PixelRect &r = layout.cells[i * k + j];
      double t = fraction(i, j);
      Rgb color = blues(t);
      canvas.fill_rect(r, color);
      if (count_size < kMinText)
        continue;
      double luminance = 0.2126 * color.r + 0.7152 * color.g + 0.0722 * color.b;
      Rgb ink = luminance < 128 ? kWhite : kText;
      std::string n = std::to_string(counts[i][j]);
      double cs = count_size;
      while (cs >= kMinText && canvas.text_width(n, cs) > cell * 0.9)
        cs *= 0.9;
      if (cs < kMinText)
        continue;
      double cx = r.x + cell / 2, cy = r.y + cell / 2;
      char pct[32];
      std::snprintf(pct, sizeof pct, "%.1f%%",
                    row_sum[i] > 0 ? 100.0 * counts[i][j] / row_sum[i] : 0.0);
      double ps = cs * 0.8;
      bool two_lines = ps >= kMinText * 0.9 && cell >= cs * 2.8 &&
                       canvas.text_width(pct, ps) <= cell * 0.9;
      if (two_lines) {
        canvas.text(n, cx, cy - cs * 0.1, cs, HAlign::Center, VAlign::Baseline,
                    ink);
        canvas.text(pct, cx, cy + cs * 0.15, ps, HAlign::Center, VAlign::Top,
                    ink);
      } else {
        canvas.text(n, cx, cy, cs, HAlign::Center, VAlign::Middle, ink);
      }
    }
  // White hairlines between cells, a frame around the matrix.
  for (size_t i = 1; i < k; ++i) {
    canvas.hline(x0, x0 + matrix, y0 + i * cell, kWhite);
    canvas.vline(x0 + i * cell, y0, y0 + matrix, kWhite);
  }
  cairo_t *cr = canvas.cr();
  canvas.set_color(kAxis);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, x0 - 0.5, y0 - 0.5, matrix + 1, matrix + 1);
  cairo_stroke(cr);

  // Class names: rows left, columns below.
  const double name_size = std::min(tick_size, cell / 1.15);
  for (size_t i = 0; i < k; ++i) {
    double cy = y0 + (i + 0.5) * cell;
    canvas.hline(x0 - tick_len, x0, cy, kAxis);
    canvas.text(canvas.fit_text(row_names[i], name_size, 0.28 * W),
                x0 - tick_len - gap * 0.6, cy, name_size, HAlign::Right,
                VAlign::Middle);
  }
  std::vector<double> xs;
  for (size_t j = 0; j < k; ++j) {
    xs.push_back(x0 + (j + 0.5) * cell);
    canvas.vline(xs.back(), y0 + matrix, y0 + matrix + tick_len, kAxis);
  }
  draw_category_labels(canvas, cols, xs, y0 + matrix + tick_len + gap * 0.6);

  // Colour bar.
  const double bx = std::round(x0 + matrix + 3 * gap);
  for (int py = 0; py < static_cast<int>(matrix); ++py)
    canvas.fill_rect({bx, y0 + py, bar_w, 1}, blues(1.0 - (py + 0.5) / matrix));
  canvas.set_color(kAxis);
  cairo_rectangle(cr, bx - 0.5, y0 - 0.5, bar_w + 1, matrix + 1);
  cairo_stroke(cr);
  for (double v : bar_ticks.values) {
    if (v > bar_top_value * (1 + 1e-9))
      continue;
    double py = y0 + matrix - v / bar_top_value * matrix;
    canvas.hline(bx + bar_w, bx + bar_w + tick_len,
                 std::min(py, y0 + matrix - 1), kAxis);
    canvas.text(bar_label(v), bx + bar_w + tick_len + gap * 0.6, py, tick_size,
                HAlign::Left, VAlign::Middle);
  }

  // Axis labels and title.
  if (!options.xlabel.empty())
    canvas.text(options.xlabel, x0 + matrix / 2,
                y0 + matrix + tick_len + gap * 0.6 + cols.height + gap,
                label_size, HAlign::Center, VAlign::Top);
  if (!options.ylabel.empty())
    canvas.text(options.ylabel, x0 - (left - pad) + label_size * 0.5 - 0,
                y0 + matrix / 2, label_size, HAlign::Center, VAlign::Middle,
                kText, -std::numbers::pi / 2);
  if (!options.title.empty()) {
    std::string title = canvas.fit_text(options.title, title_size, W - 2 * pad);
    double half = canvas.text_width(title, title_size) / 2;
    canvas.text(title, std::clamp(x0 + matrix / 2, pad + half, W - pad - half),
                pad + shift, title_size, HAlign::Center, VAlign::Top);
  }
  canvas.save();
  return layout;
}

} // namespace genc::zoo::plot
