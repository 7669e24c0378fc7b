// Image folders: PNG/JPEG files plus labels.csv.
#include "genc/zoo/GalaxyIO.h"

#include "Report.h"
#include "genc/zoo/ImageIO.h"
#include "genc/zoo/Loader.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace genc::zoo {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string &s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos)
    return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  std::string t = s.substr(b, e - b + 1);
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"')
    t = t.substr(1, t.size() - 2);
  return t;
}

std::vector<std::string> splitCsv(const std::string &line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"')
      quoted = !quoted;
    if (ch == ',' && !quoted) {
      fields.push_back(trim(field));
      field.clear();
    } else {
      field += ch;
    }
  }
  fields.push_back(trim(field));
  return fields;
}

bool parseDouble(const std::string &s, double &out) {
  if (s.empty())
    return false;
  char *end = nullptr;
  errno = 0;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && errno != ERANGE;
}

bool parseLong(const std::string &s, long &out) {
  if (s.empty())
    return false;
  char *end = nullptr;
  errno = 0;
  out = std::strtol(s.c_str(), &end, 10);
  return end == s.c_str() + s.size() && errno != ERANGE;
}

struct Row {
  int line;
  std::string file;
  int32_t label;
  float redshift, ra, dec, pxscale;
};

std::string formatFloat(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
  return buf;
}

} // namespace

GalaxySet read_image_folder(const std::string &dir, LoadReport *report,
                            int downsample_to) {
  std::error_code ec;
  if (!fs::exists(dir, ec))
    throw DataError(dir + ": no such directory");
  if (!fs::is_directory(dir, ec))
    throw DataError(dir + ": not a directory");
  const fs::path csvPath = fs::path(dir) / "labels.csv";
  const std::string csv = csvPath.string();
  std::ifstream in(csvPath);
  if (!in)
    throw DataError(dir + ": missing labels.csv (header "
                          "filename,label,redshift[,ra,dec,pxscale])");
  std::string line;
  if (!std::getline(in, line))
    throw DataError(csv + ": empty file (header filename,label,redshift "
                          "required)");
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
    line = line.substr(3); // UTF-8 byte order mark
  std::vector<std::string> header = splitCsv(line);
  auto find = [&](const char *name) {
    for (size_t i = 0; i < header.size(); ++i) {
      std::string h = header[i];
      std::transform(h.begin(), h.end(), h.begin(), ::tolower);
      if (h == name)
        return static_cast<int>(i);
    }
    return -1;
  };
  const int colFile = find("filename"), colLabel = find("label"),
            colZ = find("redshift"), colRa = find("ra"), colDec = find("dec"),
            colPx = find("pxscale");
  for (auto [col, name] :
       {std::pair{colFile, "filename"}, std::pair{colLabel, "label"},
        std::pair{colZ, "redshift"}})
    if (col < 0)
      throw DataError(csv + ": header lacks column '" + name +
                      "' (filename,label,redshift are required)");

  ReasonTally tally;
  std::vector<Row> rows;
  int64_t seen = 0;
  for (int lineNo = 2; std::getline(in, line); ++lineNo) {
    if (trim(line).empty())
      continue;
    ++seen;
    const std::string where = "line " + std::to_string(lineNo);
    std::vector<std::string> f = splitCsv(line);
    if (f.size() < header.size()) {
      tally.add("with too few fields skipped", where);
      continue;
    }
    Row row;
    row.line = lineNo;
    row.file = f[colFile];
    long label;
    if (!parseLong(f[colLabel], label)) {
      tally.add("with a label that is not an integer skipped", where);
      continue;
    }
    if (label < 0 || label >= kGalaxyClasses) {
      tally.add("with a label outside 0..9 skipped", where);
      continue;
    }
    row.label = static_cast<int32_t>(label);
    double z;
    if (!parseDouble(f[colZ], z)) {
      tally.add("with a redshift that is not a number skipped", where);
      continue;
    }
    if (!acceptRedshift(z, tally, where))
      continue;
    row.redshift = static_cast<float>(z);
    bool ok = true;
    auto optional = [&](int col, float &out) {
      out = NAN;
      if (col < 0 || f[col].empty())
        return;
      double v;
      if (!parseDouble(f[col], v))
        ok = false;
      else
        out = static_cast<float>(v);
    };
    optional(colRa, row.ra);
    optional(colDec, row.dec);
    optional(colPx, row.pxscale);
    if (!ok) {
      tally.add("with an ra, dec or pxscale that is not a number skipped",
                where);
      continue;
    }
    if (row.file.empty()) {
      tally.add("without a file name skipped", where);
      continue;
    }
    rows.push_back(row);
  }

  // Decode in parallel; each slot is filled by exactly one thread.
  struct Decoded {
    int height = 0, width = 0;
    std::vector<uint8_t> pixels;
    int status = 0; // 0 ok, 1 missing, 2 unreadable, 3 too small
  };
  std::vector<Decoded> decoded(rows.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < rows.size();) {
      Decoded &d = decoded[i];
      fs::path p = fs::path(dir) / rows[i].file;
      std::error_code e;
      if (!fs::is_regular_file(p, e)) {
        d.status = 1;
        continue;
      }
      RgbImage img;
      try {
        img = read_image(p.string());
      } catch (const DataError &) {
        d.status = 2;
        continue;
      }
      d.height = img.height;
      d.width = img.width;
      if (downsample_to > 0) {
        if (downsample_to > std::min(img.height, img.width)) {
          d.status = 3;
          continue;
        }
        d.pixels.resize(static_cast<size_t>(downsample_to) * downsample_to * 3);
        downsample_image(img.pixels.data(), img.height, img.width,
                         d.pixels.data(), downsample_to);
      } else {
        d.pixels = std::move(img.pixels);
      }
    }
  };
  int threads =
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 16);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  for (auto &t : pool)
    t.join();

  GalaxySet set;
  int refHeight = 0, refWidth = 0;
  std::string refFile;
  std::vector<size_t> good;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string where =
        "line " + std::to_string(rows[i].line) + " '" + rows[i].file + "'";
    const Decoded &d = decoded[i];
    if (d.status == 1) {
      tally.add("with a missing image file skipped", where);
      continue;
    }
    if (d.status == 2) {
      tally.add("with an unreadable image skipped", where);
      continue;
    }
    if (refFile.empty()) {
      refHeight = d.height, refWidth = d.width, refFile = rows[i].file;
    } else if (d.height != refHeight || d.width != refWidth) {
      throw DataError((fs::path(dir) / rows[i].file).string() + ": image is " +
                      std::to_string(d.height) + "x" + std::to_string(d.width) +
                      " but '" + refFile + "' is " + std::to_string(refHeight) +
                      "x" + std::to_string(refWidth) +
                      "; all images of a folder need one size");
    }
    if (d.status == 3)
      throw DataError(dir + ": cannot downsample " + std::to_string(d.height) +
                      "x" + std::to_string(d.width) + " images to " +
                      std::to_string(downsample_to));
    good.push_back(i);
  }
  if (good.empty())
    throw DataError(csv + ": no usable rows" +
                    (seen ? " (" + tally.summary() + ")" : std::string()));
  set.count = static_cast<int64_t>(good.size());
  set.height = downsample_to > 0 ? downsample_to : refHeight;
  set.width = downsample_to > 0 ? downsample_to : refWidth;
  set.images.resize(static_cast<size_t>(set.count) * set.image_bytes());
  const float pxFactor =
      downsample_to > 0 ? static_cast<float>(refWidth) / downsample_to : 1.0f;
  for (size_t k = 0; k < good.size(); ++k) {
    const Row &row = rows[good[k]];
    std::copy(decoded[good[k]].pixels.begin(), decoded[good[k]].pixels.end(),
              set.image(static_cast<int64_t>(k)));
    set.labels.push_back(row.label);
    set.redshift.push_back(row.redshift);
    set.ra.push_back(row.ra);
    set.dec.push_back(row.dec);
    set.pxscale.push_back(row.pxscale * pxFactor);
  }
  if (report) {
    report->read += set.count;
    report->skipped += seen - set.count;
    for (auto &l : tally.lines())
      report->reasons.push_back(l);
  }
  return set;
}

void write_image_folder(const std::string &dir, const GalaxySet &set) {
  validate(set, dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw DataError(dir + ": cannot create directory (" + ec.message() + ")");
  const int digits = std::max<int>(
      6, static_cast<int>(
             std::to_string(std::max<int64_t>(set.count - 1, 0)).size()));
  std::ostringstream csv;
  csv << "filename,label,redshift,ra,dec,pxscale\n";
  for (int64_t i = 0; i < set.count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%0*lld.png", digits,
                  static_cast<long long>(i));
    write_png((fs::path(dir) / name).string(), static_cast<int>(set.height),
              static_cast<int>(set.width), set.image(i));
    csv << name << ',' << set.labels[i] << ',' << formatFloat(set.redshift[i])
        << ',' << formatFloat(set.ra[i]) << ',' << formatFloat(set.dec[i])
        << ',' << formatFloat(set.pxscale[i]) << '\n';
  }
  const std::string path = (fs::path(dir) / "labels.csv").string();
  std::ofstream out(path, std::ios::trunc);
  out << csv.str();
  out.close();
  if (!out)
    throw DataError(path + ": cannot write");
}

} // namespace genc::zoo
