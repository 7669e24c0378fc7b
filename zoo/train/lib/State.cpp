// Train-state checkpoints (see genc/zoo/train.h).
#include "genc/zoo/train.h"

namespace genc::zoo {


void save_train_state(const std::string &path, const TrainState &state) {
  Params all;
  all.insert("params", state.params);
  all.insert("opt", state.opt);
  all.insert("extra", state.extra);
  std::map<std::string, std::string> meta = state.meta;
  meta["genc.format"] = "genc-zoo-train-state-1";
  save_checkpoint(path, all, meta);
}

TrainState load_train_state(const std::string &path) {
  TrainState state;
  Params all = load_checkpoint(path, &state.meta);
  auto format = state.meta.find("genc.format");
  if (format == state.meta.end() || format->second != "genc-zoo-train-state-1")
    throw Error(path + ": not a genc-zoo train state (no genc.format "
                       "\"genc-zoo-train-state-1\" in its metadata)");
  state.meta.erase("genc.format");
  state.params = all.scope("params");
  state.opt = all.scope("opt");
  state.extra = all.scope("extra");
  return state;
}

} // namespace genc::zoo
