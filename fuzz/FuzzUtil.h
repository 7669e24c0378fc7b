// Shared by the fuzz targets: fuzz input written to a private temporary
// file (for the loaders that take paths).
#ifndef GENC_FUZZ_FUZZUTIL_H
#define GENC_FUZZ_FUZZUTIL_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

/// A file in the process's own temporary directory holding `data`.
inline std::string writeTemp(const char *name, const uint8_t *data, size_t size) {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/genc-fuzz-XXXXXX";
    return std::string(mkdtemp(tmpl));
  }();
  std::string path = dir + "/" + name;
  FILE *f = std::fopen(path.c_str(), "wb");
  if (f) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  return path;
}

#endif
