// The Galaxy10 class table and small GalaxySet helpers.
#include "genc/zoo/Galaxy.h"

#include <algorithm>

namespace genc::zoo {

const char *const kGalaxyClassNames[kGalaxyClasses] = {
    "Disturbed",
    "Merging",
    "Round Smooth",
    "In-between Round Smooth",
    "Cigar Shaped Smooth",
    "Barred Spiral",
    "Unbarred Tight Spiral",
    "Unbarred Loose Spiral",
    "Edge-on without Bulge",
    "Edge-on with Bulge",
};

const int kGalaxyClassCounts[kGalaxyClasses] = {1081, 1853, 2645, 2027, 334,
                                                2043, 1829, 2628, 1423, 1873};

double galaxy_class_frequency(int label) {
  if (label < 0 || label >= kGalaxyClasses)
    return 0;
  int total = 0;
  for (int c : kGalaxyClassCounts)
    total += c;
  return static_cast<double>(kGalaxyClassCounts[label]) / total;
}

void validate(const GalaxySet &set, const std::string &what) {
  auto fail = [&](const std::string &problem) {
    throw DataError(what + ": " + problem);
  };
  if (set.count < 0 || set.height < 0 || set.width < 0)
    fail("negative count or image size");
  const size_t n = static_cast<size_t>(set.count);
  if (set.images.size() != n * static_cast<size_t>(set.image_bytes()))
    fail("images hold " + std::to_string(set.images.size()) + " bytes but " +
         std::to_string(set.count) + " x " + std::to_string(set.height) +
         " x " + std::to_string(set.width) + " x 3 are required");
  auto check = [&](size_t size, const char *name) {
    if (size != n)
      fail(std::string(name) + " has " + std::to_string(size) +
           " entries but count is " + std::to_string(set.count));
  };
  check(set.labels.size(), "labels");
  check(set.redshift.size(), "redshift");
  check(set.ra.size(), "ra");
  check(set.dec.size(), "dec");
  check(set.pxscale.size(), "pxscale");
}

GalaxySet subset(const GalaxySet &set, const std::vector<int64_t> &indices) {
  GalaxySet out;
  out.count = static_cast<int64_t>(indices.size());
  out.height = set.height;
  out.width = set.width;
  const int64_t bytes = set.image_bytes();
  out.images.resize(static_cast<size_t>(out.count * bytes));
  for (int64_t k = 0; k < out.count; ++k) {
    int64_t i = indices[k];
    if (i < 0 || i >= set.count)
      throw DataError("subset: index " + std::to_string(i) + " is outside 0.." +
                      std::to_string(set.count - 1));
    std::copy(set.image(i), set.image(i) + bytes, out.image(k));
    out.labels.push_back(set.labels[i]);
    out.redshift.push_back(set.redshift[i]);
    out.ra.push_back(set.ra[i]);
    out.dec.push_back(set.dec[i]);
    out.pxscale.push_back(set.pxscale[i]);
  }
  return out;
}

std::vector<int64_t> class_histogram(const GalaxySet &set) {
  std::vector<int64_t> counts(kGalaxyClasses, 0);
  for (int32_t label : set.labels)
    if (label >= 0 && label < kGalaxyClasses)
      ++counts[label];
  return counts;
}

} // namespace genc::zoo
