// The Galaxy10 DECaLS HDF5 layout: round trips, dtype conversion, bad files.
#include "TestUtil.h"

#include <hdf5.h>

#include <cmath>
#include <fstream>
#include <functional>

namespace genc::zoo {
namespace {

using test::dataError;
using test::TempDir;

/// Writes a dataset of `type` from `data` (memory type `memType`).
void writeDataset(hid_t file, const char *name, hid_t type, hid_t memType,
                  const std::vector<hsize_t> &dims, const void *data) {
  hid_t space =
      H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  hid_t ds = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT);
  ASSERT_GE(ds, 0) << name;
  ASSERT_GE(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), 0);
  H5Dclose(ds);
  H5Sclose(space);
}

/// What a hand-made file holds; each field can be changed to break it.
struct Spec {
  int64_t n = 4;
  int size = 8;
  bool images = true, floatImages = false, rank3 = false;
  hid_t ansType = H5T_STD_I64LE;
  hid_t floatType = H5T_IEEE_F32LE;
  std::vector<int64_t> ans = {0, 3, 9, 5};
  std::vector<double> redshift = {0.05, 0.1, 0.15, 0.2};
  int64_t ansRows = -1; // -1: n
};

void writeCustom(const std::string &path, const Spec &spec) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hsize_t n = spec.n, s = spec.size;
  if (spec.images) {
    std::vector<uint8_t> pixels(n * s * s * 3);
    for (size_t k = 0; k < pixels.size(); ++k)
      pixels[k] = static_cast<uint8_t>(k % 251);
    if (spec.floatImages) {
      std::vector<float> f(pixels.begin(), pixels.end());
      writeDataset(file, "images", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT,
                   {n, s, s, 3}, f.data());
    } else if (spec.rank3) {
      writeDataset(file, "images", H5T_STD_U8LE, H5T_NATIVE_UINT8,
                   {n, s, s * 3}, pixels.data());
    } else {
      writeDataset(file, "images", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n, s, s, 3},
                   pixels.data());
    }
  }
  hsize_t ansRows = spec.ansRows >= 0 ? spec.ansRows : n;
  std::vector<int64_t> ans(ansRows, 1);
  std::copy_n(spec.ans.begin(), std::min<size_t>(ansRows, spec.ans.size()),
              ans.begin());
  writeDataset(file, "ans", spec.ansType, H5T_NATIVE_INT64, {ansRows},
               ans.data());
  std::vector<double> z = spec.redshift;
  z.resize(n, 0.1);
  std::vector<double> ra(n, 150.25), dec(n, 2.5), px(n, 0.262);
  writeDataset(file, "redshift", spec.floatType, H5T_NATIVE_DOUBLE, {n},
               z.data());
  writeDataset(file, "ra", spec.floatType, H5T_NATIVE_DOUBLE, {n}, ra.data());
  writeDataset(file, "dec", spec.floatType, H5T_NATIVE_DOUBLE, {n}, dec.data());
  writeDataset(file, "pxscale", spec.floatType, H5T_NATIVE_DOUBLE, {n},
               px.data());
  H5Fclose(file);
}

TEST(H5Test, RoundTrip) {
  TempDir dir;
  GalaxySet set = test::makeSet(12, 16);
  const std::string path = dir.file("set.h5");
  write_galaxy_h5(path, set);
  LoadReport report;
  GalaxySet back = read_galaxy_h5(path, &report);
  test::expectSameSet(set, back);
  EXPECT_EQ(report.read, 12);
  EXPECT_EQ(report.skipped, 0);
  EXPECT_TRUE(report.reasons.empty());
  // The temporary file was renamed away.
  int files = 0;
  for (auto &entry : std::filesystem::directory_iterator(dir.path()))
    files += entry.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(H5Test, RoundTripSyntheticAndUncompressed) {
  TempDir dir;
  GalaxySet set =
      synthesize_galaxies({.count = 6, .image_size = 32, .seed = 4});
  write_galaxy_h5(dir.file("a.h5"), set, 0);
  write_galaxy_h5(dir.file("b.h5"), set, 4);
  test::expectSameSet(set, read_galaxy_h5(dir.file("a.h5")));
  test::expectSameSet(set, read_galaxy_h5(dir.file("b.h5")));
  EXPECT_LT(std::filesystem::file_size(dir.file("b.h5")),
            std::filesystem::file_size(dir.file("a.h5")));
}

TEST(H5Test, WritesGalaxy10Types) {
  TempDir dir;
  write_galaxy_h5(dir.file("t.h5"), test::makeSet(3, 8));
  hid_t file = H5Fopen(dir.file("t.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  auto check = [&](const char *name, H5T_class_t cls, size_t bytes) {
    hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
    ASSERT_GE(ds, 0) << name;
    hid_t type = H5Dget_type(ds);
    EXPECT_EQ(H5Tget_class(type), cls) << name;
    EXPECT_EQ(H5Tget_size(type), bytes) << name;
    H5Tclose(type);
    H5Dclose(ds);
  };
  check("images", H5T_INTEGER, 1);
  check("ans", H5T_INTEGER, 1);
  for (const char *name : {"redshift", "ra", "dec", "pxscale"})
    check(name, H5T_FLOAT, 8);
  hid_t ds = H5Dopen2(file, "images", H5P_DEFAULT);
  hid_t dcpl = H5Dget_create_plist(ds);
  hsize_t chunk[4];
  EXPECT_EQ(H5Pget_chunk(dcpl, 4, chunk), 4);
  EXPECT_EQ(chunk[0], 1u); // one image per chunk
  EXPECT_EQ(H5Pget_nfilters(dcpl), 1);
  H5Pclose(dcpl);
  H5Dclose(ds);
  H5Fclose(file);
}

TEST(H5Test, ReplacesExistingFileAtomically) {
  TempDir dir;
  const std::string path = dir.file("set.h5");
  write_galaxy_h5(path, test::makeSet(5, 8));
  write_galaxy_h5(path, test::makeSet(7, 8));
  EXPECT_EQ(read_galaxy_h5(path).count, 7);
  // A failed write leaves the old file.
  GalaxySet bad = test::makeSet(2, 8);
  bad.labels[1] = 42;
  EXPECT_NE(dataError([&] { write_galaxy_h5(path, bad); }).find("label 42"),
            std::string::npos);
  EXPECT_EQ(read_galaxy_h5(path).count, 7);
}

TEST(H5Test, ReadsFloat32FieldsAndInt64Labels) {
  TempDir dir;
  Spec spec;
  writeCustom(dir.file("f.h5"), spec);
  GalaxySet set = read_galaxy_h5(dir.file("f.h5"));
  ASSERT_EQ(set.count, 4);
  EXPECT_EQ(set.height, 8);
  EXPECT_EQ(set.labels, (std::vector<int32_t>{0, 3, 9, 5}));
  EXPECT_FLOAT_EQ(set.redshift[1], 0.1f);
  EXPECT_FLOAT_EQ(set.ra[0], 150.25f);
  EXPECT_EQ(set.images[5], 5);
}

TEST(H5Test, ReadsDoubleRedshiftAndUint16Labels) {
  TempDir dir;
  Spec spec;
  spec.ansType = H5T_STD_U16BE;
  spec.floatType = H5T_IEEE_F64BE;
  writeCustom(dir.file("f.h5"), spec);
  GalaxySet set = read_galaxy_h5(dir.file("f.h5"));
  EXPECT_EQ(set.labels[2], 9);
  EXPECT_FLOAT_EQ(set.redshift[3], 0.2f);
}

TEST(H5Test, NanAndNegativeRedshiftRows) {
  TempDir dir;
  Spec spec;
  spec.n = 6;
  spec.ans = {0, 1, 2, 3, 4, 5};
  spec.redshift = {0.1, NAN, -0.000124, -0.5, NAN, 0.2};
  writeCustom(dir.file("z.h5"), spec);
  LoadReport report;
  GalaxySet set = read_galaxy_h5(dir.file("z.h5"), &report);
  EXPECT_EQ(set.count, 3);
  EXPECT_EQ(set.labels, (std::vector<int32_t>{0, 2, 5}));
  EXPECT_EQ(set.redshift[1], 0.0f); // clamped
  EXPECT_EQ(report.read, 3);
  EXPECT_EQ(report.skipped, 3);
  ASSERT_EQ(report.reasons.size(), 3u);
  EXPECT_EQ(report.reasons[0],
            "2 rows with NaN redshift skipped (first: row 1)");
  EXPECT_NE(report.reasons[1].find("clamped to 0"), std::string::npos);
  EXPECT_NE(report.reasons[2].find("below -0.001"), std::string::npos);
  // Kept images are the right rows.
  EXPECT_EQ(set.image(1)[0], read_galaxy_h5(dir.file("z.h5")).image(1)[0]);
  const size_t bytes = 8 * 8 * 3;
  EXPECT_EQ(set.image(2)[0], static_cast<uint8_t>((5 * bytes) % 251));
}

TEST(H5Test, AllRowsBadIsAnError) {
  TempDir dir;
  Spec spec;
  spec.redshift = {NAN, NAN, NAN, NAN};
  writeCustom(dir.file("z.h5"), spec);
  std::string e = dataError([&] { read_galaxy_h5(dir.file("z.h5")); });
  EXPECT_NE(e.find("no usable rows"), std::string::npos) << e;
  EXPECT_NE(e.find("NaN redshift"), std::string::npos) << e;
}

TEST(H5Test, LabelsOutOfRange) {
  TempDir dir;
  Spec spec;
  spec.ans = {0, 1, 12, 3};
  writeCustom(dir.file("l.h5"), spec);
  std::string e = dataError([&] { read_galaxy_h5(dir.file("l.h5")); });
  EXPECT_NE(e.find("l.h5: dataset 'ans' row 2 holds 12"), std::string::npos)
      << e;
  spec.ans = {0, -1, 2, 3};
  writeCustom(dir.file("m.h5"), spec);
  EXPECT_NE(
      dataError([&] { read_galaxy_h5(dir.file("m.h5")); }).find("holds -1"),
      std::string::npos);
}

TEST(H5Test, MissingImages) {
  TempDir dir;
  Spec spec;
  spec.images = false;
  writeCustom(dir.file("m.h5"), spec);
  std::string e = dataError([&] { read_galaxy_h5(dir.file("m.h5")); });
  EXPECT_NE(e.find("m.h5: missing dataset 'images'"), std::string::npos) << e;
}

TEST(H5Test, WrongRank) {
  TempDir dir;
  Spec spec;
  spec.rank3 = true;
  writeCustom(dir.file("r.h5"), spec);
  std::string e = dataError([&] { read_galaxy_h5(dir.file("r.h5")); });
  EXPECT_NE(e.find("dataset 'images' has shape (4, 8, 24) but (N, H, W, 3) is "
                   "required"),
            std::string::npos)
      << e;
}

TEST(H5Test, FloatImages) {
  TempDir dir;
  Spec spec;
  spec.floatImages = true;
  writeCustom(dir.file("f.h5"), spec);
  std::string e = dataError([&] { read_galaxy_h5(dir.file("f.h5")); });
  EXPECT_NE(e.find("dataset 'images' has type float32 but uint8 is required"),
            std::string::npos)
      << e;
}

TEST(H5Test, FloatLabelsAndMismatchedLengths) {
  TempDir dir;
  Spec spec;
  spec.ansType = H5T_IEEE_F32LE;
  writeCustom(dir.file("a.h5"), spec);
  EXPECT_NE(dataError([&] {
              read_galaxy_h5(dir.file("a.h5"));
            }).find("'ans' has type float32 but an integer type"),
            std::string::npos);
  Spec rows;
  rows.ansRows = 3;
  writeCustom(dir.file("b.h5"), rows);
  EXPECT_NE(dataError([&] {
              read_galaxy_h5(dir.file("b.h5"));
            }).find("dataset 'ans' has 3 rows but 'images' has 4"),
            std::string::npos);
}

TEST(H5Test, TruncatedFile) {
  TempDir dir;
  const std::string path = dir.file("t.h5");
  write_galaxy_h5(path, test::makeSet(20, 32), 0);
  auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size / 2);
  std::string e = dataError([&] { read_galaxy_h5(path); });
  EXPECT_NE(e.find("t.h5: "), std::string::npos) << e;
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;
}

// Regression (fuzz/fuzz_galaxy_h5): a compact 'images' dataset whose
// header claims more bytes than it stores made libhdf5's H5Dread read past
// its buffer; it is now a DataError before any read.
TEST(H5Test, DatasetStoringLessThanItsShapeNeeds) {
  std::string path = std::string(GENC_ZOO_TEST_INPUTS) + "/compact_overflow.h5";
  std::string e = dataError([&] { read_galaxy_h5(path); });
  EXPECT_NE(e.find("compact_overflow.h5: dataset '"), std::string::npos) << e;
  EXPECT_NE(e.find("(the file is corrupt)"), std::string::npos) << e;
}

// Regression (fuzz/fuzz_galaxy_h5): chunks stored shorter than a chunk
// in a dataset without filters (libhdf5 copied a full chunk from them).
TEST(H5Test, UnfilteredShortChunksAreRefused) {
  std::string path = std::string(GENC_ZOO_TEST_INPUTS) + "/unfiltered_short_chunk.h5";
  std::string e = dataError([&] { read_galaxy_h5(path); });
  EXPECT_NE(e.find("dataset 'images' stores 4040 bytes in 2 chunks of 3072 (the file is corrupt)"),
            std::string::npos) << e;
}

// Regression (fuzz/fuzz_galaxy_h5): a header claiming 1.6e9-pixel-high
// images made the reader allocate 300 GB; refused before allocating.
TEST(H5Test, ImpossiblyLargeImagesAreRefused) {
  std::string path = std::string(GENC_ZOO_TEST_INPUTS) + "/huge_images.h5";
  std::string e = dataError([&] { read_galaxy_h5(path); });
  EXPECT_NE(e.find("images larger than 32768 pixels a side are not supported"),
            std::string::npos) << e;
}

// Regression (fuzz/fuzz_galaxy_h5): a 10 KB file whose local-heap free
// list is cyclic made libhdf5 1.10 allocate 8 GB for 23 s inside
// H5Lexists. The structure is now walked first in a child process with a
// memory and time budget, and the file refused when it exceeds them.
TEST(H5Test, FileMakingLibhdf5ExhaustMemoryIsRefused) {
  std::string path = std::string(GENC_ZOO_TEST_INPUTS) + "/heap_free_list_cycle.h5";
  std::string e = dataError([&] { read_galaxy_h5_metadata(path); });
  EXPECT_NE(e.find("heap_free_list_cycle.h5: libhdf5 needed more than 1024 MB "
                   "of memory reading the file's structure (the file is "
                   "corrupt or crafted); refused"),
            std::string::npos) << e;
}

TEST(H5Test, NotAnHdf5File) {
  TempDir dir;
  const std::string path = dir.file("notes.h5");
  std::ofstream(path) << "filename,label,redshift\n";
  std::string e = dataError([&] { read_galaxy_h5(path); });
  EXPECT_EQ(e, path + ": not an HDF5 file");
  e = dataError([&] { read_galaxy_h5(dir.file("absent.h5")); });
  EXPECT_EQ(e, dir.file("absent.h5") + ": no such file");
  std::ofstream(dir.file("empty.h5"));
  EXPECT_NE(dataError([&] { read_galaxy_h5(dir.file("empty.h5")); }),
            std::string());
}

TEST(H5Test, DownsampleWhileReadingAndMetadata) {
  TempDir dir;
  GalaxySet set =
      synthesize_galaxies({.count = 5, .image_size = 64, .seed = 2});
  write_galaxy_h5(dir.file("s.h5"), set);
  GalaxySet small = read_galaxy_h5(dir.file("s.h5"), nullptr, 32);
  test::expectSameSet(downsample(set, 32), small);
  EXPECT_FLOAT_EQ(small.pxscale[0], 2 * set.pxscale[0]);
  GalaxySet meta = read_galaxy_h5_metadata(dir.file("s.h5"));
  EXPECT_EQ(meta.count, 5);
  EXPECT_EQ(meta.height, 64);
  EXPECT_TRUE(meta.images.empty());
  EXPECT_EQ(meta.labels, set.labels);
  EXPECT_FALSE(dataError([&] {
                 read_galaxy_h5(dir.file("s.h5"), nullptr, 65);
               }).empty());
}

TEST(H5Test, LoadGalaxiesPicksTheSource) {
  TempDir dir;
  GalaxySet set = test::makeSet(4, 16);
  write_galaxy_h5(dir.file("s.h5"), set);
  write_image_folder(dir.file("folder"), set);
  test::expectSameSet(set, load_galaxies(dir.file("s.h5")));
  test::expectSameSet(set, load_galaxies(dir.file("folder")));
  LoadOptions o;
  o.image_size = 8;
  EXPECT_EQ(load_galaxies(dir.file("s.h5"), o).width, 8);
  o.count = 3;
  o.image_size = 32;
  GalaxySet synth = load_galaxies("synthetic", o);
  EXPECT_EQ(synth.count, 3);
  EXPECT_EQ(synth.width, 32);
  EXPECT_NE(dataError([&] {
              load_galaxies(dir.file("nope"));
            }).find("no such file or directory"),
            std::string::npos);
}

} // namespace
} // namespace genc::zoo
