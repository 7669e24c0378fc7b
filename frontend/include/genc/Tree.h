// Structured values (the pytree idea): TreeTraits flattens a value into its
// tensor leaves plus a structure key, and rebuilds a value of the same
// structure from new leaves. Supported: Tensor, arithmetic and string
// values (static: part of the key, not leaves), std::vector, std::array,
// std::pair, std::tuple, std::map<std::string, T>, and genc::Params.
// Thread safety: pure functions; Params is a value type.
#ifndef GENC_FRONTEND_TREE_H
#define GENC_FRONTEND_TREE_H

#include "genc/Tensor.h"

#include <array>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace genc {

template <class T, class Enable = void> struct TreeTraits {
  static_assert(sizeof(T) == 0,
                "genc: this type cannot pass through jit/grad/vmap; use "
                "Tensor, numbers, strings, std::vector/array/pair/tuple/map "
                "of those, or genc::Params");
};

template <> struct TreeTraits<Tensor> {
  static void flatten(const Tensor &t, std::vector<Tensor> &leaves,
                      std::string &key) {
    leaves.push_back(t);
    key += "T";
  }
  static Tensor unflatten(const Tensor &, const std::vector<Tensor> &leaves,
                          size_t &pos) {
    return leaves[pos++];
  }
};

template <class T>
struct TreeTraits<T, std::enable_if_t<std::is_arithmetic_v<T>>> {
  static void flatten(const T &v, std::vector<Tensor> &, std::string &key) {
    key += "s" + std::to_string(v) + ";";
  }
  static T unflatten(const T &like, const std::vector<Tensor> &, size_t &) {
    return like;
  }
};

template <> struct TreeTraits<std::string> {
  static void flatten(const std::string &v, std::vector<Tensor> &,
                      std::string &key) {
    key += "S" + std::to_string(v.size()) + ":" + v;
  }
  static std::string unflatten(const std::string &like,
                               const std::vector<Tensor> &, size_t &) {
    return like;
  }
};

template <class T> struct TreeTraits<std::vector<T>> {
  static void flatten(const std::vector<T> &v, std::vector<Tensor> &leaves,
                      std::string &key) {
    key += "[" + std::to_string(v.size()) + ":";
    for (const T &e : v)
      TreeTraits<T>::flatten(e, leaves, key);
    key += "]";
  }
  static std::vector<T> unflatten(const std::vector<T> &like,
                                  const std::vector<Tensor> &leaves,
                                  size_t &pos) {
    std::vector<T> out;
    out.reserve(like.size());
    for (const T &e : like)
      out.push_back(TreeTraits<T>::unflatten(e, leaves, pos));
    return out;
  }
};

template <class T, size_t N> struct TreeTraits<std::array<T, N>> {
  static void flatten(const std::array<T, N> &v, std::vector<Tensor> &leaves,
                      std::string &key) {
    key += "a" + std::to_string(N) + "(";
    for (const T &e : v)
      TreeTraits<T>::flatten(e, leaves, key);
    key += ")";
  }
  static std::array<T, N> unflatten(const std::array<T, N> &like,
                                    const std::vector<Tensor> &leaves,
                                    size_t &pos) {
    std::array<T, N> out = like;
    for (size_t i = 0; i < N; ++i)
      out[i] = TreeTraits<T>::unflatten(like[i], leaves, pos);
    return out;
  }
};

template <class... Ts> struct TreeTraits<std::tuple<Ts...>> {
  static void flatten(const std::tuple<Ts...> &v, std::vector<Tensor> &leaves,
                      std::string &key) {
    key += "(";
    std::apply(
        [&](const Ts &...e) {
          (TreeTraits<std::decay_t<Ts>>::flatten(e, leaves, key), ...);
        },
        v);
    key += ")";
  }
  static std::tuple<Ts...> unflatten(const std::tuple<Ts...> &like,
                                     const std::vector<Tensor> &leaves,
                                     size_t &pos) {
    return std::apply(
        [&](const Ts &...e) {
          return std::tuple<Ts...>{
              TreeTraits<std::decay_t<Ts>>::unflatten(e, leaves, pos)...};
        },
        like);
  }
};

template <class A, class B> struct TreeTraits<std::pair<A, B>> {
  static void flatten(const std::pair<A, B> &v, std::vector<Tensor> &leaves,
                      std::string &key) {
    key += "p(";
    TreeTraits<A>::flatten(v.first, leaves, key);
    TreeTraits<B>::flatten(v.second, leaves, key);
    key += ")";
  }
  static std::pair<A, B> unflatten(const std::pair<A, B> &like,
                                   const std::vector<Tensor> &leaves,
                                   size_t &pos) {
    A a = TreeTraits<A>::unflatten(like.first, leaves, pos);
    B b = TreeTraits<B>::unflatten(like.second, leaves, pos);
    return {std::move(a), std::move(b)};
  }
};

template <class T> struct TreeTraits<std::map<std::string, T>> {
  static void flatten(const std::map<std::string, T> &v,
                      std::vector<Tensor> &leaves, std::string &key) {
    key += "{";
    for (const auto &[k, e] : v) {
      key += k + "=";
      TreeTraits<T>::flatten(e, leaves, key);
      key += ",";
    }
    key += "}";
  }
  static std::map<std::string, T> unflatten(const std::map<std::string, T> &like,
                                            const std::vector<Tensor> &leaves,
                                            size_t &pos) {
    std::map<std::string, T> out;
    for (const auto &[k, e] : like)
      out.emplace(k, TreeTraits<T>::unflatten(e, leaves, pos));
    return out;
  }
};

/// Named tensors with '/'-separated paths ("encoder/conv1/kernel"), in
/// sorted order: model parameters, optimizer state, gradients.
class Params {
public:
  using Map = std::map<std::string, Tensor>;
  Params() = default;
  Params(std::initializer_list<Map::value_type> init) : entries_(init) {}
  explicit Params(Map entries) : entries_(std::move(entries)) {}

  Tensor &operator[](const std::string &name) { return entries_[name]; }
  /// Throws genc::Error naming the caller's line, the missing entry and
  /// what there is.
  const Tensor &at(const std::string &name, Loc loc = Loc::current()) const;
  bool contains(const std::string &name) const {
    return entries_.count(name) != 0;
  }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  Map::const_iterator begin() const { return entries_.begin(); }
  Map::const_iterator end() const { return entries_.end(); }
  const Map &entries() const { return entries_; }
  std::vector<std::string> names() const;

  /// Entries under "prefix/", with the prefix removed.
  Params scope(const std::string &prefix) const;
  /// Adds every entry of `sub` as "prefix/name".
  void insert(const std::string &prefix, const Params &sub);
  /// Total number of elements over all tensors.
  int64_t num_elements() const;

  friend bool sameStructure(const Params &a, const Params &b);

private:
  Map entries_;
};

/// Applies `f` to every tensor.
Params tree_map(const std::function<Tensor(const Tensor &)> &f,
                const Params &p);
/// Applies `f` pairwise; `a` and `b` must have the same names.
Params tree_map(const std::function<Tensor(const Tensor &, const Tensor &)> &f,
                const Params &a, const Params &b);
Params operator+(const Params &a, const Params &b);
Params operator-(const Params &a, const Params &b);
Params operator*(const Params &a, double s);
Params operator*(double s, const Params &a);
/// Sum over all elements of a*b (as f32 scalar).
Tensor tree_vdot(const Params &a, const Params &b);

template <> struct TreeTraits<Params> {
  static void flatten(const Params &p, std::vector<Tensor> &leaves,
                      std::string &key) {
    TreeTraits<Params::Map>::flatten(p.entries(), leaves, key);
  }
  static Params unflatten(const Params &like, const std::vector<Tensor> &leaves,
                          size_t &pos) {
    return Params(TreeTraits<Params::Map>::unflatten(like.entries(), leaves, pos));
  }
};

/// Flattens any supported value into its tensor leaves.
template <class T> std::vector<Tensor> tree_leaves(const T &value) {
  std::vector<Tensor> leaves;
  std::string key;
  TreeTraits<T>::flatten(value, leaves, key);
  return leaves;
}

} // namespace genc

#endif // GENC_FRONTEND_TREE_H
