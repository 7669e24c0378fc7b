// The cartesian figure: layout from the tick labels outwards, then grid,
// frame, ticks, labels, title, legend and annotation.
#include "Axes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace genc::zoo::plot::detail {

namespace {

constexpr double kSin45 = std::numbers::sqrt2 / 2;

/// format_tick's spacing argument: log axes label by value alone, all in
/// powers of ten when any tick needs one.
double label_step(const Ticks &t, bool log) {
  if (!log)
    return t.step;
  for (double v : t.values)
    if (v < 1e-4 || v >= 1e5)
      return -1;
  return 0;
}

/// Axis limits: the outer ticks when they leave the data at least `margin`
/// and at most 10% of its range from the edge, else the data range plus
/// max(margin, 5%); ticks outside the limits are dropped. Keeps the ticks
/// untouched if fewer than two would remain.
void tighten(Ticks &t, double lo, double hi, bool log, double margin) {
  auto to = [log](double v) { return log ? std::log10(v) : v; };
  auto from = [log](double v) { return log ? std::pow(10.0, v) : v; };
  double span = to(hi) - to(lo);
  if (!(span > 0) || !std::isfinite(span))
    return;
  auto loose = [&](double ext) {
    return ext >= margin * span && ext <= 0.1 * span;
  };
  double pad = std::max(margin, 0.05) * span;
  double a = loose(to(lo) - to(t.lo)) ? t.lo : from(to(lo) - pad);
  double b = loose(to(t.hi) - to(hi)) ? t.hi : from(to(hi) + pad);
  std::vector<double> kept;
  double eps = 1e-9 * (to(b) - to(a));
  for (double v : t.values)
    if (to(v) >= to(a) - eps && to(v) <= to(b) + eps)
      kept.push_back(v);
  if (kept.size() < 2)
    return;
  t.lo = a;
  t.hi = b;
  t.values = kept;
}

} // namespace

CategoryLabels fit_category_labels(Canvas &canvas,
                                   const std::vector<std::string> &names,
                                   double slot, double size, double max_height,
                                   double gap) {
  CategoryLabels l;
  l.text = names;
  l.size = size;
  auto widest = [&](double sz) {
    double w = 0;
    for (const std::string &t : l.text)
      w = std::max(w, canvas.text_width(t, sz));
    return w;
  };
  double w = widest(size);
  if (w <= slot - gap) {
    l.height = size * 1.2;
    l.left_overhang =
        std::max(0.0, canvas.text_width(l.text.front(), size) / 2 - slot / 2);
    l.right_overhang =
        std::max(0.0, canvas.text_width(l.text.back(), size) / 2 - slot / 2);
    return l;
  }
  // Slanted lines of text need about 1.6 font sizes between ticks.
  bool steep = slot < 1.6 * size;
  double sin_a = steep ? 1.0 : kSin45;
  l.angle = steep ? -std::numbers::pi / 2 : -std::numbers::pi / 4;
  for (double shrink : {0.9, 0.8})
    if (w * sin_a + l.size > max_height && slot >= 1.1 * size * shrink) {
      l.size = size * shrink;
      w = widest(l.size);
    }
  if (steep)
    l.size = std::min(l.size, slot / 1.1);
  for (std::string &t : l.text)
    t = canvas.fit_text(t, l.size, (max_height - l.size) / sin_a);
  w = widest(l.size);
  l.height = steep ? w : (w + l.size) * kSin45;
  l.left_overhang = steep ? 0
                          : canvas.text_width(l.text.front(), l.size) * kSin45 -
                                slot / 2 + l.size * 0.4;
  return l;
}

void draw_category_labels(Canvas &canvas, const CategoryLabels &labels,
                          const std::vector<double> &xs, double y) {
  for (size_t i = 0; i < labels.text.size() && i < xs.size(); ++i) {
    if (labels.angle == 0)
      canvas.text(labels.text[i], xs[i], y, labels.size, HAlign::Center,
                  VAlign::Top);
    else
      canvas.text(labels.text[i], xs[i], y, labels.size, HAlign::Right,
                  VAlign::Middle, kText, labels.angle);
  }
}

Axes::Axes(Canvas &canvas, AxesSpec spec)
    : canvas_(canvas), spec_(std::move(spec)) {
  double s = canvas.scale();
  title_size_ = 17 * s;
  label_size_ = 14 * s;
  tick_size_ = 12 * s;
  legend_size_ = 12.5 * s;
  pad_ = 12 * s;
  gap_ = 6 * s;
  tick_len_ = 5 * s;
  for (LegendEntry &e : spec_.legend)
    e.name = canvas_.fit_text(e.name, legend_size_, 0.3 * canvas_.width());
  has_legend_ = !spec_.legend.empty();

  layout(false);
  if (!has_legend_)
    return;
  double w = legend_width(), h = legend_height(), inset = 10 * s;
  const PixelRect &a = frame_.area;
  double left = a.x + inset, right = a.x + a.width - inset - w;
  double top = a.y + inset, bottom = a.y + a.height - inset - h;
  double middle_x = a.x + (a.width - w) / 2,
         middle_y = a.y + (a.height - h) / 2;
  std::vector<PixelRect> candidates = {{right, top, w, h}};
  if (spec_.annotation.empty())
    candidates.push_back({left, top, w, h});
  candidates.insert(candidates.end(), {{left, bottom, w, h},
                                       {right, bottom, w, h},
                                       {right, middle_y, w, h},
                                       {middle_x, top, w, h},
                                       {middle_x, bottom, w, h}});
  std::vector<Point> samples;
  if (spec_.data_samples)
    samples = spec_.data_samples(frame_);
  size_t best_count = SIZE_MAX;
  for (const PixelRect &c : candidates) {
    if (c.width > a.width - 2 * inset || c.height > a.height - 2 * inset)
      break;
    PixelRect grown{c.x - 4, c.y - 4, c.width + 8, c.height + 8};
    size_t count = std::count_if(samples.begin(), samples.end(), [&](Point p) {
      return grown.contains(p.x, p.y);
    });
    if (count < best_count) {
      best_count = count;
      legend_box_ = c;
    }
  }
  if (best_count == 0)
    return;
  // Every corner holds data: put the legend right of the plot area.
  layout(true);
  legend_box_ = {frame_.area.x + frame_.area.width + 2 * gap_, frame_.area.y, w,
                 h};
}

double Axes::legend_width() {
  double text = 0;
  for (const LegendEntry &e : spec_.legend)
    text = std::max(text, canvas_.text_width(e.name, legend_size_));
  double s = canvas_.scale();
  return 2 * 8 * s + 26 * s + gap_ + text;
}

double Axes::legend_height() {
  return 2 * 8 * canvas_.scale() + spec_.legend.size() * legend_size_ * 1.6;
}

void Axes::layout(bool legend_outside) {
  const double W = canvas_.width(), H = canvas_.height();
  const bool categorical = !spec_.x_categories.empty();
  double top = pad_ + (spec_.title.empty() ? 0 : title_size_ * 1.2 + gap_) +
               tick_size_ * 0.6;
  PixelRect area{pad_ + 60 * canvas_.scale(), top, 0, 0};
  area.width = W - area.x - 2 * pad_;
  area.height = H - top - 60 * canvas_.scale();

  // Two rounds: tick density depends on the area, the area on the labels.
  for (int round = 0; round < 2; ++round) {
    int ny =
        std::clamp(static_cast<int>(area.height / (tick_size_ * 4.5)), 3, 9);
    int nx = std::clamp(static_cast<int>(area.width / (tick_size_ * 5)), 3, 10);
    double x_left_overhang = 0, x_right_overhang = 0, xtick_height = 0;
    // Fewer ticks until the x labels stand apart.
    auto x_labels_fit = [&] {
      double widest = 0;
      for (double v : xticks_.values)
        widest =
            std::max(widest, canvas_.text_width(format_tick(v, xticks_.step),
                                                tick_size_));
      return widest + 2 * gap_ <=
             area.width * xticks_.step / (xticks_.hi - xticks_.lo);
    };
    if (spec_.same_xy) {
      double lo = std::min(spec_.x_lo, spec_.y_lo);
      double hi = std::max(spec_.x_hi, spec_.y_hi);
      for (int n = std::min(nx, ny); n >= 2; --n) {
        xticks_ = nice_ticks(lo, hi, n);
        tighten(xticks_, lo, hi, false, spec_.x_margin);
        if (x_labels_fit())
          break;
      }
      yticks_ = xticks_;
    } else {
      yticks_ = spec_.log_y ? log_ticks(spec_.y_lo, spec_.y_hi, ny)
                            : nice_ticks(spec_.y_lo, spec_.y_hi, ny);
      tighten(yticks_, spec_.y_lo, spec_.y_hi, spec_.log_y, spec_.y_margin);
    }
    if (categorical) {
      xcats_ = fit_category_labels(canvas_, spec_.x_categories,
                                   area.width / spec_.x_categories.size(),
                                   tick_size_, 0.3 * H, gap_);
      xtick_height = xcats_.height;
      x_left_overhang = xcats_.left_overhang;
      x_right_overhang = xcats_.right_overhang;
    } else if (!spec_.same_xy) {
      for (; nx >= 2; --nx) {
        xticks_ = nice_ticks(spec_.x_lo, spec_.x_hi, nx);
        tighten(xticks_, spec_.x_lo, spec_.x_hi, false, spec_.x_margin);
        if (x_labels_fit())
          break;
      }
    }
    if (!categorical) {
      // The outer labels stick out past the area by half their width, less
      // the distance of their tick from the area's edge.
      xtick_height = tick_size_ * 1.2;
      double span = xticks_.hi - xticks_.lo;
      x_left_overhang =
          canvas_.text_width(format_tick(xticks_.values.front(), xticks_.step),
                             tick_size_) /
              2 -
          (xticks_.values.front() - xticks_.lo) / span * area.width;
      x_right_overhang =
          canvas_.text_width(format_tick(xticks_.values.back(), xticks_.step),
                             tick_size_) /
              2 -
          (xticks_.hi - xticks_.values.back()) / span * area.width;
    }
    double ylabel_width = 0;
    for (double v : yticks_.values)
      ylabel_width = std::max(
          ylabel_width,
          canvas_.text_width(format_tick(v, label_step(yticks_, spec_.log_y)),
                             tick_size_));
    double left = pad_ + (spec_.ylabel.empty() ? 0 : label_size_ * 1.2 + gap_) +
                  ylabel_width + tick_len_ + gap_;
    left = std::max(left, pad_ + x_left_overhang);
    double right = pad_ + std::max(0.0, x_right_overhang);
    if (legend_outside && has_legend_)
      right = std::max(right, pad_ + legend_width() + 2 * gap_);
    double bottom = pad_ +
                    (spec_.xlabel.empty() ? 0 : label_size_ * 1.2 + gap_) +
                    xtick_height + tick_len_ + gap_;
    area = {std::round(left), std::round(top), std::round(W - left - right),
            std::round(H - top - bottom)};
    if (area.width < 20 || area.height < 20)
      fail(canvas_.path(), "the figure (" + std::to_string(canvas_.width()) +
                               "x" + std::to_string(canvas_.height()) +
                               ") is too small for its labels");
    xtick_height_ = xtick_height;
    ytick_width_ = ylabel_width;
  }
  if (spec_.same_xy && area.width > area.height) {
    // Equal axes get a square area, centred in the space there is.
    area.x += std::round((area.width - area.height) / 2);
    area.width = area.height;
  }
  frame_.width = canvas_.width();
  frame_.height = canvas_.height();
  frame_.area = area;
  frame_.log_y = spec_.log_y;
  if (categorical) {
    frame_.x_min = -0.5;
    frame_.x_max = spec_.x_categories.size() - 0.5;
  } else {
    frame_.x_min = xticks_.lo;
    frame_.x_max = xticks_.hi;
  }
  frame_.y_min = yticks_.lo;
  frame_.y_max = yticks_.hi;
}

void Axes::draw_grid() {
  const PixelRect &a = frame_.area;
  for (double v : yticks_.values) {
    double py = frame_.to_pixel_y(v);
    if (py > a.y + 1 && py < a.y + a.height - 1)
      canvas_.hline(a.x, a.x + a.width, py, kGrid);
  }
  if (spec_.x_categories.empty())
    for (double v : xticks_.values) {
      double px = frame_.to_pixel_x(v);
      if (px > a.x + 1 && px < a.x + a.width - 1)
        canvas_.vline(px, a.y, a.y + a.height, kGrid);
    }
}

void Axes::clip() {
  const PixelRect &a = frame_.area;
  cairo_save(canvas_.cr());
  cairo_rectangle(canvas_.cr(), a.x, a.y, a.width, a.height);
  cairo_clip(canvas_.cr());
}

void Axes::unclip() { cairo_restore(canvas_.cr()); }

PixelRect Axes::annotation_box() {
  double s = canvas_.scale(), inner = 7 * s, inset = 10 * s;
  return {frame_.area.x + inset, frame_.area.y + inset,
          canvas_.text_width(spec_.annotation, label_size_) + 2 * inner,
          label_size_ * 1.1 + 2 * inner};
}

void Axes::draw_legend() {
  cairo_t *cr = canvas_.cr();
  double s = canvas_.scale(), inner = 8 * s, row = legend_size_ * 1.6;
  const PixelRect &b = legend_box_;
  canvas_.fill_rect(b, kWhite, 0.9);
  canvas_.set_color({204, 204, 204});
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, std::round(b.x) + 0.5, std::round(b.y) + 0.5,
                  std::round(b.width), std::round(b.height));
  cairo_stroke(cr);
  for (size_t i = 0; i < spec_.legend.size(); ++i) {
    const LegendEntry &e = spec_.legend[i];
    double cy = b.y + inner + row * (i + 0.5), x0 = b.x + inner, sw = 26 * s;
    canvas_.set_color(e.color);
    switch (e.swatch) {
    case Swatch::Line:
      cairo_set_line_width(cr, 2.5 * s);
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
      cairo_move_to(cr, x0, cy);
      cairo_line_to(cr, x0 + sw, cy);
      cairo_stroke(cr);
      break;
    case Swatch::Marker:
      cairo_arc(cr, x0 + sw / 2, cy, 4.5 * s, 0, 2 * std::numbers::pi);
      cairo_fill(cr);
      break;
    case Swatch::Box:
      cairo_rectangle(cr, x0 + sw / 2 - 8 * s, cy - 6 * s, 16 * s, 12 * s);
      cairo_fill(cr);
      break;
    }
    canvas_.text(e.name, x0 + sw + gap_, cy, legend_size_, HAlign::Left,
                 VAlign::Middle);
  }
}

void Axes::draw_decorations() {
  cairo_t *cr = canvas_.cr();
  const PixelRect &a = frame_.area;
  canvas_.set_color(kAxis);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, a.x - 0.5, a.y - 0.5, a.width + 1, a.height + 1);
  cairo_stroke(cr);

  // y ticks and labels.
  for (double v : yticks_.values) {
    double py = frame_.to_pixel_y(v);
    canvas_.hline(a.x - tick_len_, a.x, py, kAxis);
    canvas_.text(format_tick(v, label_step(yticks_, spec_.log_y)),
                 a.x - tick_len_ - gap_ * 0.6, py, tick_size_, HAlign::Right,
                 VAlign::Middle);
  }
  // x ticks and labels.
  double below = a.y + a.height + tick_len_ + gap_ * 0.6;
  if (spec_.x_categories.empty()) {
    for (double v : xticks_.values) {
      double px = frame_.to_pixel_x(v);
      canvas_.vline(px, a.y + a.height, a.y + a.height + tick_len_, kAxis);
      canvas_.text(format_tick(v, xticks_.step), px, below, tick_size_,
                   HAlign::Center, VAlign::Top);
    }
  } else {
    std::vector<double> xs;
    for (size_t i = 0; i < xcats_.text.size(); ++i) {
      xs.push_back(frame_.to_pixel_x(static_cast<double>(i)));
      canvas_.vline(xs.back(), a.y + a.height, a.y + a.height + tick_len_,
                    kAxis);
    }
    draw_category_labels(canvas_, xcats_, xs, below);
  }
  // Axis labels and title.
  if (!spec_.xlabel.empty())
    canvas_.text(canvas_.fit_text(spec_.xlabel, label_size_, a.width),
                 a.x + a.width / 2, below + xtick_height_ + gap_, label_size_,
                 HAlign::Center, VAlign::Top);
  if (!spec_.ylabel.empty())
    canvas_.text(canvas_.fit_text(spec_.ylabel, label_size_, a.height),
                 a.x - tick_len_ - gap_ - ytick_width_ - gap_ -
                     label_size_ * 0.6,
                 a.y + a.height / 2, label_size_, HAlign::Center,
                 VAlign::Middle, kText, -std::numbers::pi / 2);
  if (!spec_.title.empty()) {
    // Centred over the plot area, moved in when that would clip it.
    std::string title =
        canvas_.fit_text(spec_.title, title_size_, canvas_.width() - 2 * pad_);
    double half = canvas_.text_width(title, title_size_) / 2;
    double cx = std::clamp(a.x + a.width / 2, pad_ + half,
                           canvas_.width() - pad_ - half);
    canvas_.text(title, cx, pad_, title_size_, HAlign::Center, VAlign::Top);
  }
  if (!spec_.annotation.empty()) {
    PixelRect box = annotation_box();
    canvas_.fill_rect(box, kWhite, 0.9);
    canvas_.set_color({204, 204, 204});
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, std::round(box.x) + 0.5, std::round(box.y) + 0.5,
                    std::round(box.width), std::round(box.height));
    cairo_stroke(cr);
    canvas_.text(spec_.annotation, box.x + 7 * canvas_.scale(),
                 box.y + box.height / 2, label_size_, HAlign::Left,
                 VAlign::Middle);
  }
  if (has_legend_)
    draw_legend();
}

} // namespace genc::zoo::plot::detail
