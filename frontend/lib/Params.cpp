//===- Params.cpp - named tensor collections ------------------------------===//

#include "genc/Ops.h"
#include "genc/Tree.h"

namespace genc {

const Tensor &Params::at(const std::string &name, Loc loc) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    std::string have;
    for (const auto &[k, v] : entries_)
      have += (have.empty() ? "" : ", ") + k;
    fail(loc, "Params::at",
         "no parameter '" + name + "' (have: " +
             (have.empty() ? "none" : have) + ")");
  }
  return it->second;
}

std::vector<std::string> Params::names() const {
  std::vector<std::string> out;
  for (const auto &[k, v] : entries_)
    out.push_back(k);
  return out;
}

Params Params::scope(const std::string &prefix) const {
  Params out;
  std::string p = prefix + "/";
  for (const auto &[k, v] : entries_)
    if (k.compare(0, p.size(), p) == 0)
      out.entries_[k.substr(p.size())] = v;
  return out;
}

void Params::insert(const std::string &prefix, const Params &sub) {
  for (const auto &[k, v] : sub.entries_)
    entries_[prefix.empty() ? k : prefix + "/" + k] = v;
}

int64_t Params::num_elements() const {
  int64_t n = 0;
  for (const auto &[k, v] : entries_)
    n += v.size();
  return n;
}

bool sameStructure(const Params &a, const Params &b) {
  if (a.size() != b.size())
    return false;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
    if (ia->first != ib->first)
      return false;
  return true;
}

Params tree_map(const std::function<Tensor(const Tensor &)> &f,
                const Params &p) {
  Params::Map out;
  for (const auto &[k, v] : p)
    out[k] = f(v);
  return Params(std::move(out));
}

Params tree_map(const std::function<Tensor(const Tensor &, const Tensor &)> &f,
                const Params &a, const Params &b) {
  if (!sameStructure(a, b)) {
    std::string msg = "genc: tree_map needs parameters with the same names";
    for (const auto &[k, v] : a)
      if (!b.contains(k)) {
        msg += "; '" + k + "' is missing from the second";
        break;
      }
    for (const auto &[k, v] : b)
      if (!a.contains(k)) {
        msg += "; '" + k + "' is missing from the first";
        break;
      }
    throw Error(msg);
  }
  Params::Map out;
  for (const auto &[k, v] : a)
    out[k] = f(v, b.at(k));
  return Params(std::move(out));
}

Params operator+(const Params &a, const Params &b) {
  return tree_map([](const Tensor &x, const Tensor &y) { return add(x, y); },
                  a, b);
}
Params operator-(const Params &a, const Params &b) {
  return tree_map(
      [](const Tensor &x, const Tensor &y) { return subtract(x, y); }, a, b);
}
Params operator*(const Params &a, double s) {
  return tree_map([s](const Tensor &x) { return x * s; }, a);
}
Params operator*(double s, const Params &a) { return a * s; }

Tensor tree_vdot(const Params &a, const Params &b) {
  Tensor total = scalar(0.0, f32);
  for (const auto &[k, v] : a)
    total = add(total, astype(sum(multiply(v, b.at(k))), f32));
  return total;
}

} // namespace genc
