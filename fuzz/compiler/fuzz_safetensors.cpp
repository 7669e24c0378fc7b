// genc::load_checkpoint (genc-zoo --resume, the frontend's checkpoints) on
// arbitrary bytes: it must load or throw genc::Error; what it loads must
// save and load back equal.
#include "FuzzUtil.h"

#include "genc/checkpoint.h"
#include "genc/genc.h"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = writeTemp("fuzz.safetensors", data, size);
  genc::Params loaded;
  std::map<std::string, std::string> meta;
  try {
    loaded = genc::load_checkpoint(path, &meta);
  } catch (const genc::Error &) {
    return 0;
  }
  std::string again = path + ".again";
  genc::save_checkpoint(again, loaded, meta);
  std::map<std::string, std::string> meta2;
  genc::Params back = genc::load_checkpoint(again, &meta2);
  if (meta2 != meta || back.size() != loaded.size())
    std::abort();
  for (const auto &[name, t] : loaded) {
    const genc::Tensor &u = back.at(name);
    const genc::runtime::Buffer &a = t.buffer(), &b = u.buffer();
    if (a.shape() != b.shape() || a.dtype() != b.dtype() ||
        a.byteSize() != b.byteSize() ||
        std::memcmp(a.data(), b.data(), a.byteSize()) != 0)
      std::abort();
  }
  return 0;
}
