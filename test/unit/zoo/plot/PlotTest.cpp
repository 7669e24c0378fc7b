// genc::zoo::plot tests: each figure is written, read back with Cairo and
// checked where its data should be (colours at data points, exact image
// pixels, the darkest matrix cell), plus ticks and error messages.
#include "genc/zoo/plot.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace plot = genc::zoo::plot;
namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A PNG read back into memory.
class Png {
public:
  explicit Png(const std::string &path)
      : surface_(cairo_image_surface_create_from_png(path.c_str())) {}
  ~Png() { cairo_surface_destroy(surface_); }
  bool ok() const {
    return cairo_surface_status(surface_) == CAIRO_STATUS_SUCCESS;
  }
  int width() const { return cairo_image_surface_get_width(surface_); }
  int height() const { return cairo_image_surface_get_height(surface_); }
  plot::Rgb at(int x, int y) const {
    const unsigned char *data = cairo_image_surface_get_data(surface_);
    uint32_t p = *reinterpret_cast<const uint32_t *>(
        data + y * cairo_image_surface_get_stride(surface_) + 4 * x);
    return {static_cast<uint8_t>(p >> 16), static_cast<uint8_t>(p >> 8),
            static_cast<uint8_t>(p)};
  }
  /// Whether some pixel within `radius` of (x, y) is within `tol` of c.
  bool near(double x, double y, plot::Rgb c, int tol = 40,
            int radius = 1) const {
    for (int dy = -radius; dy <= radius; ++dy)
      for (int dx = -radius; dx <= radius; ++dx) {
        int px = static_cast<int>(std::floor(x)) + dx;
        int py = static_cast<int>(std::floor(y)) + dy;
        if (px < 0 || py < 0 || px >= width() || py >= height())
          continue;
        if (distance(at(px, py), c) <= tol)
          return true;
      }
    return false;
  }
  static int distance(plot::Rgb a, plot::Rgb b) {
    return std::max(
        {std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
  }

private:
  cairo_surface_t *surface_;
};

double luminance(plot::Rgb c) {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

class PlotTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("genc_zoo_plot_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string &name) const {
    return (dir_ / name).string();
  }
  /// No "<name>.tmp.<pid>" files left behind.
  bool no_temporaries() const {
    for (const auto &e : fs::directory_iterator(dir_))
      if (e.path().filename().string().find(".tmp.") != std::string::npos)
        return false;
    return true;
  }
  fs::path dir_;
};

/// Checks t is a 1-2-5 tick sequence covering [lo, hi] in at most max ticks.
void expect_nice(double lo, double hi, int max_ticks) {
  SCOPED_TRACE("range [" + std::to_string(lo) + ", " + std::to_string(hi) +
               "]");
  plot::Ticks t = plot::nice_ticks(lo, hi, max_ticks);
  ASSERT_GE(t.values.size(), 2u);
  EXPECT_LE(static_cast<int>(t.values.size()), max_ticks);
  double mantissa =
      t.step / std::pow(10.0, std::floor(std::log10(t.step) + 1e-9));
  EXPECT_TRUE(std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 ||
              std::abs(mantissa - 5) < 1e-6)
      << "step " << t.step;
  EXPECT_LE(t.values.front(), lo + 1e-12);
  EXPECT_GE(t.values.back(), hi - 1e-12);
  EXPECT_EQ(t.lo, t.values.front());
  EXPECT_EQ(t.hi, t.values.back());
  for (size_t i = 0; i < t.values.size(); ++i) {
    double k = t.values[i] / t.step;
    EXPECT_NEAR(k, std::round(k), 1e-6) << "tick " << t.values[i];
    if (i > 0)
      EXPECT_NEAR(t.values[i] - t.values[i - 1], t.step, t.step * 1e-6);
  }
}

} // namespace

TEST(NiceTicks, OneTwoFiveStepsCoverTheRange) {
  expect_nice(0, 1, 7);
  expect_nice(0.13, 0.87, 6);
  expect_nice(-3.2, 17, 7);
  expect_nice(0, 999, 8);
  expect_nice(1e-5, 3.7e-5, 5);
  expect_nice(1.2e6, 3.4e6, 7);
  expect_nice(-0.004, -0.001, 4);
  expect_nice(0.3, 0.30001, 7);
}

TEST(NiceTicks, KnownAnswers) {
  plot::Ticks t = plot::nice_ticks(0, 0.97, 6);
  EXPECT_DOUBLE_EQ(t.step, 0.2);
  ASSERT_EQ(t.values.size(), 6u);
  EXPECT_DOUBLE_EQ(t.values.back(), 1.0);
  t = plot::nice_ticks(0, 1000, 6);
  EXPECT_DOUBLE_EQ(t.step, 200);
  t = plot::nice_ticks(2.1, 2.9, 10);
  EXPECT_DOUBLE_EQ(t.step, 0.1);
}

TEST(NiceTicks, DegenerateRangeIsWidened) {
  for (double v : {0.0, 5.0, -2.5, 1e9}) {
    plot::Ticks t = plot::nice_ticks(v, v, 7);
    ASSERT_GE(t.values.size(), 2u);
    EXPECT_LT(t.lo, v);
    EXPECT_GT(t.hi, v);
  }
}

TEST(LogTicks, DecadesAndMultiples) {
  plot::Ticks t = plot::log_ticks(1e-3, 2e4, 8);
  EXPECT_LE(t.lo, 1e-3);
  EXPECT_GE(t.hi, 2e4);
  for (double v : t.values) {
    double e = std::log10(v);
    EXPECT_NEAR(e, std::round(e), 1e-9) << v; // decades only
  }
  t = plot::log_ticks(0.05, 2.3, 8);
  EXPECT_LE(t.lo, 0.05);
  EXPECT_GE(t.hi, 2.3);
  EXPECT_GE(t.values.size(), 3u);
  for (size_t i = 1; i < t.values.size(); ++i)
    EXPECT_GT(t.values[i], t.values[i - 1]);
}

TEST(FormatTick, Labels) {
  EXPECT_EQ(plot::format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(plot::format_tick(0.4, 0.2), "0.4");
  EXPECT_EQ(plot::format_tick(1000, 200), "1000");
  EXPECT_EQ(plot::format_tick(-3, 1), "-3");
  EXPECT_EQ(plot::format_tick(2e6, 1e6), "2M");
  EXPECT_EQ(plot::format_tick(1.2e6, 2e5), "1.2M");
  EXPECT_EQ(plot::format_tick(40000, 1e4), "40k");
  EXPECT_EQ(plot::format_tick(3e-5, 1e-5), "3×10⁻⁵");
  EXPECT_EQ(plot::format_tick(0.001, 0), "0.001");
  EXPECT_EQ(plot::format_tick(1e-6, 0), "10⁻⁶");
  EXPECT_EQ(plot::format_tick(1000, -1), "10³");
  EXPECT_EQ(plot::format_tick(2e-5, -1), "2×10⁻⁵");
}

TEST_F(PlotTest, LinePassesThroughItsDataPoints) {
  std::vector<double> x, train, valid;
  for (int i = 0; i <= 20; ++i) {
    x.push_back(i * 50);
    train.push_back(2.0 / (1 + i));
    valid.push_back(1.5);
  }
  std::string path = file("loss.png");
  plot::Frame f =
      plot::line_plot(path, {{"train", x, train}, {"valid", x, valid}},
                      {.title = "loss", .xlabel = "step", .ylabel = "loss"});
  Png png(path);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.width(), 800);
  EXPECT_EQ(png.height(), 600);
  EXPECT_EQ(f.width, 800);
  EXPECT_TRUE(no_temporaries());
  for (int i : {3, 10, 17})
    EXPECT_TRUE(png.near(f.to_pixel_x(x[i]), f.to_pixel_y(train[i]),
                         plot::palette_color(0)))
        << "train point " << i;
  EXPECT_TRUE(
      png.near(f.to_pixel_x(x[15]), f.to_pixel_y(1.5), plot::palette_color(1)));
  // Away from both curves the plot area is background (white or grid).
  plot::Rgb off = png.at(static_cast<int>(f.to_pixel_x(x[15])),
                         static_cast<int>(f.to_pixel_y(0.9)));
  EXPECT_GT(luminance(off), 200);
}

TEST_F(PlotTest, FrameMatchesTheDrawnAxes) {
  std::string path = file("frame.png");
  plot::Frame f = plot::line_plot(path, {{"a", {0, 10}, {-1, 1}}}, {});
  // The axis limits map to the area's edges...
  EXPECT_DOUBLE_EQ(f.to_pixel_x(f.x_min), f.area.x);
  EXPECT_DOUBLE_EQ(f.to_pixel_x(f.x_max), f.area.x + f.area.width);
  EXPECT_DOUBLE_EQ(f.to_pixel_y(f.y_min), f.area.y + f.area.height);
  EXPECT_DOUBLE_EQ(f.to_pixel_y(f.y_max), f.area.y);
  EXPECT_LE(f.x_min, 0);
  EXPECT_GE(f.x_max, 10);
  // ...and the area is inside the image, framed by the axis lines.
  Png png(path);
  ASSERT_TRUE(png.ok());
  ASSERT_GT(f.area.x, 10);
  ASSERT_LT(f.area.x + f.area.width, png.width() - 1);
  ASSERT_GT(f.area.y, 10);
  ASSERT_LT(f.area.y + f.area.height, png.height() - 1);
  int mid_x = static_cast<int>(f.area.x + f.area.width / 3);
  int mid_y = static_cast<int>(f.area.y + f.area.height / 3);
  EXPECT_LT(luminance(png.at(static_cast<int>(f.area.x) - 1, mid_y)), 128);
  EXPECT_LT(luminance(png.at(static_cast<int>(f.area.x + f.area.width), mid_y)),
            128);
  EXPECT_LT(luminance(png.at(mid_x, static_cast<int>(f.area.y) - 1)), 128);
  EXPECT_LT(
      luminance(png.at(mid_x, static_cast<int>(f.area.y + f.area.height))),
      128);
  EXPECT_GT(luminance(png.at(static_cast<int>(f.area.x) + 1, mid_y)), 200);
}

TEST_F(PlotTest, LogAxisMapsDataPoints) {
  std::vector<double> x, y;
  for (int i = 0; i < 30; ++i) {
    x.push_back(i);
    y.push_back(std::pow(10.0, -i / 10.0)); // 1 .. ~1.3e-3, a straight line
  }
  y[4] = 0;    // not on a log axis: skipped
  y[5] = -1.0; // skipped
  std::string path = file("log.png");
  plot::LineOptions options;
  options.log_y = true;
  options.width = 640;
  options.height = 480;
  plot::Frame f = plot::line_plot(path, {{"loss", x, y}}, options);
  EXPECT_TRUE(f.log_y);
  EXPECT_LE(f.y_min, y[29]);
  EXPECT_GE(f.y_max, 1.0);
  Png png(path);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.width(), 640);
  EXPECT_EQ(png.height(), 480);
  EXPECT_TRUE(
      png.near(f.to_pixel_x(20), f.to_pixel_y(y[20]), plot::palette_color(0)));
  // Equal ratios are equal distances.
  EXPECT_NEAR(f.to_pixel_y(0.1) - f.to_pixel_y(1),
              f.to_pixel_y(0.01) - f.to_pixel_y(0.1), 1e-9);
}

TEST_F(PlotTest, NaNPointsLeaveAGap) {
  std::vector<double> x, y;
  for (int i = 0; i <= 10; ++i) {
    x.push_back(i);
    y.push_back(i);
  }
  y[5] = kNaN;
  x[8] = std::numeric_limits<double>::infinity();
  std::string path = file("gap.png");
  plot::Frame f = plot::line_plot(path, {{"", x, y}}, {});
  Png png(path);
  ASSERT_TRUE(png.ok());
  plot::Rgb blue = plot::palette_color(0);
  EXPECT_TRUE(png.near(f.to_pixel_x(2), f.to_pixel_y(2), blue));
  EXPECT_TRUE(png.near(f.to_pixel_x(6.5), f.to_pixel_y(6.5), blue));
  // No segment joins 4 to 6 across the missing point.
  EXPECT_FALSE(png.near(f.to_pixel_x(5), f.to_pixel_y(5), blue, 60, 2));
}

TEST_F(PlotTest, DegenerateRanges) {
  std::string path = file("flat.png");
  plot::Frame f = plot::line_plot(path, {{"flat", {0, 1, 2}, {3, 3, 3}}}, {});
  EXPECT_LT(f.y_min, 3);
  EXPECT_GT(f.y_max, 3);
  EXPECT_TRUE(Png(path).ok());
  plot::LineOptions log_options;
  log_options.log_y = true;
  f = plot::line_plot(path, {{"one", {7}, {0.5}}}, log_options);
  EXPECT_LT(f.x_min, 7);
  EXPECT_GT(f.x_max, 7);
  Png png(path);
  ASSERT_TRUE(png.ok());
  EXPECT_TRUE(
      png.near(f.to_pixel_x(7), f.to_pixel_y(0.5), plot::palette_color(0)));
}

TEST_F(PlotTest, TitleIsDrawn) {
  std::vector<double> x = {0, 1, 2}, y = {1, 2, 3};
  auto dark_pixels_above_area = [&](const std::string &title) {
    std::string path = file("title.png");
    plot::LineOptions options;
    options.title = title;
    plot::Frame f = plot::line_plot(path, {{"a", x, y}}, options);
    Png png(path);
    int dark = 0;
    for (int py = 0; py < f.area.y - 10; ++py)
      for (int px = 0; px < png.width(); ++px)
        dark += luminance(png.at(px, py)) < 128;
    return dark;
  };
  EXPECT_GT(dark_pixels_above_area("Training loss of the VAE"), 100);
  EXPECT_EQ(dark_pixels_above_area(""), 0);
}

TEST_F(PlotTest, LineErrors) {
  std::string path = file("bad.png");
  try {
    plot::line_plot(path, {{"train", {1, 2}, {1, 2, 3}}}, {});
    FAIL() << "mismatched lengths accepted";
  } catch (const plot::PlotError &e) {
    std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("'train' has 2 x values but 3 y values"),
              std::string::npos)
        << m;
  }
  try {
    plot::line_plot(path, {{"nan", {1, 2}, {kNaN, kNaN}}}, {});
    FAIL() << "NaN-only data accepted";
  } catch (const plot::PlotError &e) {
    EXPECT_NE(std::string(e.what()).find("no finite data"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(plot::line_plot(path, {}, {}), plot::PlotError);
  EXPECT_FALSE(fs::exists(path));
  try {
    plot::line_plot("/nonexistent/dir/x.png", {{"a", {1, 2}, {1, 2}}}, {});
    FAIL() << "unwritable path accepted";
  } catch (const plot::PlotError &e) {
    std::string m = e.what();
    EXPECT_NE(m.find("/nonexistent/dir/x.png"), std::string::npos) << m;
    EXPECT_NE(m.find("cannot write"), std::string::npos) << m;
  }
}

TEST_F(PlotTest, ImageGridPlacesExactPixels) {
  const int h = 4, w = 5, c = 3, count = 12;
  std::vector<float> images(count * h * w * c, 0.5f);
  float *red = images.data() + 6 * h * w * c; // row 1, column 2 of 4 columns
  for (int p = 0; p < h * w; ++p) {
    red[p * 3] = 1.7f; // clipped to 1
    red[p * 3 + 1] = -0.3f;
    red[p * 3 + 2] = 0.0f;
  }
  std::string path = file("grid.png");
  plot::GridOptions options;
  options.cols = 4;
  options.scale = 3;
  options.pad = 2;
  plot::GridLayout g =
      plot::image_grid(path, images.data(), count, h, w, c, options);
  Png png(path);
  ASSERT_TRUE(png.ok());
  // pad + cols * (w * scale + pad) by pad + rows * (h * scale + pad).
  EXPECT_EQ(png.width(), 2 + 4 * (15 + 2));
  EXPECT_EQ(png.height(), 2 + 3 * (12 + 2));
  EXPECT_EQ(g.width, png.width());
  ASSERT_EQ(g.cells.size(), 12u);
  EXPECT_EQ(g.cells[6].x, 2 + 2 * 17);
  EXPECT_EQ(g.cells[6].y, 2 + 1 * 14);
  const plot::Rgb kRed{255, 0, 0}, kGrey{128, 128, 128}, kWhite{255, 255, 255};
  for (int y = 0; y < 12; ++y)
    for (int x = 0; x < 15; ++x)
      ASSERT_EQ(png.at(36 + x, 16 + y), kRed) << x << "," << y;
  EXPECT_EQ(png.at(35, 16), kWhite);        // padding left of the cell
  EXPECT_EQ(png.at(36 + 15, 16), kWhite);   // padding right of it
  EXPECT_EQ(png.at(36 - 2 - 1, 16), kGrey); // the neighbouring image
  EXPECT_EQ(png.at(36, 16 + 12 + 2), kGrey);
}

TEST_F(PlotTest, ImageGridGreyWithTitleAndRowLabels) {
  const int h = 3, w = 3, count = 6;
  std::vector<float> images(count * h * w, 0.2f);
  images[4 * h * w + 4] = kNaN; // centre pixel of image 4 -> black
  std::string path = file("grey.png");
  plot::GridLayout g =
      plot::image_grid(path, images.data(), count, h, w, 1,
                       {.title = "reconstructions",
                        .cols = 3,
                        .scale = 10,
                        .row_labels = {"input", "reconstruction"}});
  Png png(path);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.width(), g.width);
  EXPECT_EQ(png.height(), g.height);
  EXPECT_GT(g.cells[0].x, 2); // room for the row labels
  EXPECT_GT(g.cells[0].y, 2); // and the title
  const plot::PixelRect &c4 = g.cells[4];
  EXPECT_EQ(png.at(c4.x, c4.y), (plot::Rgb{51, 51, 51}));
  EXPECT_EQ(png.at(c4.x + 15, c4.y + 15), (plot::Rgb{0, 0, 0}));
  // Some label text left of the first row.
  int dark = 0;
  for (int y = static_cast<int>(g.cells[0].y); y < g.cells[0].y + 30; ++y)
    for (int x = 0; x < g.cells[0].x - 2; ++x)
      dark += luminance(png.at(x, y)) < 128;
  EXPECT_GT(dark, 10);
}

TEST_F(PlotTest, ImageGridErrors) {
  std::vector<float> one(4 * 4 * 3, 0.5f);
  try {
    plot::image_grid(file("none.png"), one.data(), 0, 4, 4, 3, {});
    FAIL() << "zero images accepted";
  } catch (const plot::PlotError &e) {
    std::string m = e.what();
    EXPECT_NE(m.find("none.png"), std::string::npos) << m;
    EXPECT_NE(m.find("no images"), std::string::npos) << m;
  }
  EXPECT_THROW(plot::image_grid(file("c.png"), one.data(), 1, 4, 4, 2, {}),
               plot::PlotError);
  EXPECT_THROW(
      plot::image_grid("/nonexistent/dir/x.png", one.data(), 1, 4, 4, 3, {}),
      plot::PlotError);
}

TEST_F(PlotTest, ConfusionMatrixLargestCountIsDarkest) {
  std::vector<std::vector<int64_t>> counts = {
      {50, 3, 2, 0}, {4, 90, 1, 0}, {10, 5, 30, 2}, {1, 0, 6, 20}};
  std::vector<std::string> names = {"Disturbed", "In-between Round Smooth",
                                    "Edge-on without Bulge", "Barred Spiral"};
  std::string path = file("confusion.png");
  plot::MatrixLayout m =
      plot::confusion_matrix(path, counts, names, {.title = "classifier"});
  Png png(path);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.width(), 800);
  EXPECT_EQ(png.height(), 700);
  ASSERT_EQ(m.cells.size(), 16u);
  // Sample each cell near its corner, away from the text.
  double darkest = 1e9;
  int darkest_cell = -1;
  for (int i = 0; i < 16; ++i) {
    const plot::PixelRect &r = m.cells[i];
    ASSERT_GE(r.x, 0);
    ASSERT_LE(r.x + r.width, png.width());
    ASSERT_LE(r.y + r.height, png.height());
    double l = luminance(png.at(r.x + 3, r.y + 3));
    if (l < darkest)
      darkest = l, darkest_cell = i;
  }
  EXPECT_EQ(darkest_cell, 1 * 4 + 1);
  // Empty cells stay nearly white.
  EXPECT_GT(luminance(png.at(m.cells[3].x + 3, m.cells[3].y + 3)), 235);
}

TEST_F(PlotTest, ConfusionMatrixErrors) {
  EXPECT_THROW(plot::confusion_matrix(file("e.png"), {}, {}, {}),
               plot::PlotError);
  try {
    plot::confusion_matrix(file("e.png"), {{1, 2}, {3}}, {"a", "b"}, {});
    FAIL() << "ragged matrix accepted";
  } catch (const plot::PlotError &e) {
    EXPECT_NE(std::string(e.what()).find("row 1 has 1 counts"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(
      plot::confusion_matrix(file("e.png"), {{1, 2}, {3, 4}}, {"a"}, {}),
      plot::PlotError);
}

TEST_F(PlotTest, ScatterColoursPointsByCategory) {
  std::vector<double> x = {0, 10, 5, 2, 8}, y = {0, 10, 5, 8, 2};
  std::vector<int> cat = {0, 0, 1, 2, 2};
  std::string path = file("scatter.png");
  plot::ScatterOptions options;
  options.title = "predicted vs true";
  options.category_names = {"a", "b", "c"};
  options.diagonal = true;
  options.annotation = "R² = 0.53";
  options.point_size = 5;
  plot::Frame f = plot::scatter_plot(path, x, y, cat, options);
  EXPECT_EQ(f.x_min, f.y_min);
  EXPECT_EQ(f.x_max, f.y_max);
  Png png(path);
  ASSERT_TRUE(png.ok());
  // Markers are 75% opaque over white.
  auto blended = [](plot::Rgb c) {
    auto mix = [](int v) {
      return static_cast<uint8_t>(std::lround(0.75 * v + 0.25 * 255));
    };
    return plot::Rgb{mix(c.r), mix(c.g), mix(c.b)};
  };
  EXPECT_TRUE(png.near(f.to_pixel_x(3), f.to_pixel_y(7) + 0,
                       plot::Rgb{255, 255, 255}, 30));
  EXPECT_TRUE(png.near(f.to_pixel_x(2), f.to_pixel_y(8),
                       blended(plot::palette_color(2)), 20));
  EXPECT_TRUE(png.near(f.to_pixel_x(8), f.to_pixel_y(2),
                       blended(plot::palette_color(2)), 20));
  EXPECT_TRUE(png.near(f.to_pixel_x(5), f.to_pixel_y(5),
                       blended(plot::palette_color(1)), 20));
}

TEST_F(PlotTest, ScatterErrors) {
  EXPECT_THROW(plot::scatter_plot(file("s.png"), {1, 2}, {1}, {}, {}),
               plot::PlotError);
  EXPECT_THROW(plot::scatter_plot(file("s.png"), {1, 2}, {1, 2}, {0}, {}),
               plot::PlotError);
  EXPECT_THROW(plot::scatter_plot(file("s.png"), {kNaN}, {1}, {}, {}),
               plot::PlotError);
}

TEST_F(PlotTest, BarChartDrawsBarsToTheirValues) {
  std::vector<std::string> metrics = {"accuracy", "F1 (macro)", "ECE"};
  std::vector<std::vector<double>> values = {{0.81, 0.77, 0.05},
                                             {0.74, kNaN, 0.12}};
  std::string path = file("bars.png");
  plot::BarOptions options;
  options.title = "models";
  options.ylabel = "score";
  plot::Frame f =
      plot::bar_chart(path, metrics, values, {"VAE", "GAN"}, options);
  EXPECT_LE(f.y_min, 0);
  EXPECT_GE(f.y_max, 0.81);
  Png png(path);
  ASSERT_TRUE(png.ok());
  // Bar s of group i is centred at x = i - 0.4 + (s + 0.5) * 0.4.
  EXPECT_TRUE(png.near(f.to_pixel_x(0 - 0.2), f.to_pixel_y(0.4),
                       plot::palette_color(0), 10));
  EXPECT_TRUE(png.near(f.to_pixel_x(0 + 0.2), f.to_pixel_y(0.4),
                       plot::palette_color(1), 10));
  // Above the VAE bar (0.81): background; the missing GAN bar: no bar.
  EXPECT_FALSE(png.near(f.to_pixel_x(-0.2), f.to_pixel_y(0.9),
                        plot::palette_color(0), 10));
  EXPECT_FALSE(png.near(f.to_pixel_x(1.2), f.to_pixel_y(0.2),
                        plot::palette_color(1), 10));
  EXPECT_THROW(plot::bar_chart(file("b.png"), metrics, {{1, 2}}, {}, {}),
               plot::PlotError);
  EXPECT_THROW(plot::bar_chart(file("b.png"), {}, {}, {}, {}), plot::PlotError);
}

TEST_F(PlotTest, ConcurrentCallsAllSucceed) {
  // Threads share Cairo's font machinery; each draws its own figure, two of
  // them to the same path.
  std::vector<std::thread> threads;
  std::vector<int> ok(6, 0);
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      std::string path = file("thread" + std::to_string(t % 5) + ".png");
      std::vector<double> x = {0, 1, 2, 3}, y = {t + 1.0, 2, 3, 1};
      plot::LineOptions options;
      options.title = "thread " + std::to_string(t);
      options.width = 400;
      options.height = 300;
      plot::line_plot(path, {{"a", x, y}}, options);
      ok[t] = 1;
    });
  for (std::thread &t : threads)
    t.join();
  for (int t = 0; t < 6; ++t) {
    EXPECT_EQ(ok[t], 1);
    Png png(file("thread" + std::to_string(t % 5) + ".png"));
    EXPECT_TRUE(png.ok());
    EXPECT_EQ(png.width(), 400);
  }
  EXPECT_TRUE(no_temporaries());
}
