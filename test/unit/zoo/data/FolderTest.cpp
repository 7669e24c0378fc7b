// Image folders (PNG/JPEG + labels.csv) and the image codecs.
#include "TestUtil.h"

#include <fstream>

namespace genc::zoo {
namespace {

using test::dataError;
using test::TempDir;

void writeText(const std::string &path, const std::string &text) {
  std::ofstream(path) << text;
}

TEST(FolderTest, PngRoundTrip) {
  TempDir dir;
  GalaxySet set = test::makeSet(11, 12);
  set.pxscale[3] = 0.524f;
  write_image_folder(dir.file("set"), set);
  LoadReport report;
  GalaxySet back = read_image_folder(dir.file("set"), &report);
  test::expectSameSet(set, back);
  EXPECT_EQ(report.read, 11);
  EXPECT_EQ(report.skipped, 0);
}

TEST(FolderTest, ReadsJpegGrayAndRgbaPng) {
  TempDir dir;
  // A smooth RGB gradient survives JPEG within a few levels.
  const int n = 16;
  std::vector<uint8_t> rgb(n * n * 3);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      rgb[(y * n + x) * 3 + 0] = static_cast<uint8_t>(8 * x);
      rgb[(y * n + x) * 3 + 1] = static_cast<uint8_t>(8 * y);
      rgb[(y * n + x) * 3 + 2] = 100;
    }
  write_jpeg(dir.file("a.jpg"), n, n, rgb.data(), 95);
  write_png(dir.file("b.png"), n, n, rgb.data());
  writeText(dir.file("labels.csv"),
            "filename,label,redshift,ra,dec\na.jpg,2,0.05,1.5,-2\n"
            "b.png,7,0.1,,\n");
  GalaxySet set = read_image_folder(dir.path().string());
  ASSERT_EQ(set.count, 2);
  EXPECT_EQ(set.labels, (std::vector<int32_t>{2, 7}));
  EXPECT_FLOAT_EQ(set.ra[0], 1.5f);
  EXPECT_TRUE(std::isnan(set.ra[1]));      // empty optional field
  EXPECT_TRUE(std::isnan(set.pxscale[0])); // column absent
  int worst = 0;
  for (size_t k = 0; k < rgb.size(); ++k) {
    worst = std::max(worst, std::abs(set.images[k] - rgb[k]));
    EXPECT_EQ(set.images[rgb.size() + k], rgb[k]);
  }
  EXPECT_LE(worst, 12);

  RgbImage jpeg = read_image(dir.file("a.jpg"));
  EXPECT_EQ(jpeg.height, n);
  EXPECT_EQ(jpeg.width, n);
}

TEST(FolderTest, DecodesAnyPngColourType) {
  TempDir dir;
  // Hand-written 1x2 gray+alpha PNG is awkward; go through libpng via the
  // 8-bit RGB writer and check gray/RGB equivalence instead.
  std::vector<uint8_t> gray = {10, 10, 10, 200, 200, 200};
  write_png(dir.file("g.png"), 1, 2, gray.data());
  RgbImage img = read_image(dir.file("g.png"));
  EXPECT_EQ(img.pixels, gray);
  EXPECT_NE(dataError([&] {
              writeText(dir.file("x.png"), "not an image");
              read_image(dir.file("x.png"));
            }).find("not a PNG or JPEG"),
            std::string::npos);
}

TEST(FolderTest, BadCsvRowsAreSkippedAndCounted) {
  TempDir dir;
  GalaxySet set = test::makeSet(3, 8);
  write_image_folder(dir.file("f"), set);
  writeText(dir.file("f/labels.csv"),
            "filename,label,redshift\n"
            "000000.png,1,0.05\n"
            "missing.png,1,0.05\n"    // missing file
            "000001.png,x,0.05\n"     // bad label
            "000001.png,10,0.05\n"    // label out of range
            "000001.png,3,abc\n"      // bad number
            "000001.png,3,nan\n"      // NaN redshift
            "000001.png,3\n"          // too few fields
            "\n"                      // blank lines are ignored
            "000002.png,4,-0.0001\n"  // clamped
            "000001.png,5,0.07\r\n"); // CRLF
  LoadReport report;
  GalaxySet back = read_image_folder(dir.file("f"), &report);
  EXPECT_EQ(back.count, 3);
  EXPECT_EQ(back.labels, (std::vector<int32_t>{1, 4, 5}));
  EXPECT_EQ(back.redshift[1], 0.0f);
  EXPECT_EQ(report.read, 3);
  EXPECT_EQ(report.skipped, 6);
  std::string all;
  for (auto &r : report.reasons)
    all += r + "\n";
  EXPECT_NE(all.find("1 row with a missing image file skipped (first: line 3 "
                     "'missing.png')"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("label that is not an integer"), std::string::npos) << all;
  EXPECT_NE(all.find("label outside 0..9"), std::string::npos) << all;
  EXPECT_NE(all.find("redshift that is not a number"), std::string::npos);
  EXPECT_NE(all.find("NaN redshift"), std::string::npos);
  EXPECT_NE(all.find("too few fields"), std::string::npos);
  EXPECT_NE(all.find("clamped to 0"), std::string::npos);
}

TEST(FolderTest, StructuralErrors) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("empty"));
  EXPECT_NE(dataError([&] {
              read_image_folder(dir.file("empty"));
            }).find("missing labels.csv"),
            std::string::npos);
  EXPECT_NE(dataError([&] {
              read_image_folder(dir.file("nope"));
            }).find("no such directory"),
            std::string::npos);

  write_image_folder(dir.file("h"), test::makeSet(2, 8));
  writeText(dir.file("h/labels.csv"),
            "file,label,redshift\n000000.png,1,0.1\n");
  EXPECT_NE(dataError([&] {
              read_image_folder(dir.file("h"));
            }).find("header lacks column 'filename'"),
            std::string::npos);

  writeText(dir.file("h/labels.csv"),
            "filename,label,redshift\nnone.png,1,0.1\n");
  std::string e = dataError([&] { read_image_folder(dir.file("h")); });
  EXPECT_NE(e.find("no usable rows (1 row with a missing image file"),
            std::string::npos)
      << e;

  // Images of two sizes.
  write_image_folder(dir.file("s"), test::makeSet(2, 8));
  GalaxySet other = test::makeSet(1, 4);
  write_png(dir.file("s/small.png"), 4, 4, other.image(0));
  writeText(dir.file("s/labels.csv"),
            "filename,label,redshift\n000000.png,1,0.1\nsmall.png,2,0.1\n");
  e = dataError([&] { read_image_folder(dir.file("s")); });
  EXPECT_NE(e.find("small.png: image is 4x4 but '000000.png' is 8x8"),
            std::string::npos)
      << e;
}

TEST(FolderTest, DownsampleWhileReading) {
  TempDir dir;
  GalaxySet set =
      synthesize_galaxies({.count = 3, .image_size = 64, .seed = 8});
  write_image_folder(dir.file("f"), set);
  GalaxySet small = read_image_folder(dir.file("f"), nullptr, 16);
  test::expectSameSet(downsample(set, 16), small);
}

} // namespace
} // namespace genc::zoo
