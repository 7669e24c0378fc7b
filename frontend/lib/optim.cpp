//===- optim.cpp - optax-style gradient transformations -------------------===//
//
// Formulas follow optax (transform.py, alias.py, schedule.py). Everything is
// built from public frontend ops so update() traces inside jit.
//
//===----------------------------------------------------------------------===//

#include "genc/optim.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace genc::optim {

namespace {

constexpr double kPi = 3.14159265358979323846;

std::string joinNames(const Params &p) {
  std::string out;
  for (const auto &[k, v] : p)
    out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "none" : out;
}

/// Fails unless `a` and `b` hold the same names.
void requireSameNames(const Params &a, const Params &b, const char *aWhat,
                      const char *bWhat, const Loc &loc, const char *op) {
  if (sameStructure(a, b))
    return;
  for (const auto &[k, v] : a)
    if (!b.contains(k))
      fail(loc, op,
           std::string(bWhat) + " has no entry '" + k + "' that " + aWhat +
               " has (" + bWhat + ": " + joinNames(b) + ")");
  for (const auto &[k, v] : b)
    if (!a.contains(k))
      fail(loc, op,
           std::string(aWhat) + " has no entry '" + k + "' that " + bWhat +
               " has (" + aWhat + ": " + joinNames(a) + ")");
  fail(loc, op, std::string(aWhat) + " and " + bWhat + " differ");
}

const Tensor &stateEntry(const Params &state, const std::string &name,
                         const Loc &loc, const char *op) {
  if (!state.contains(name))
    fail(loc, op,
         "optimizer state has no '" + name + "' (have: " + joinNames(state) +
             "); was it made by this "
             "transformation's init?");
  return state.at(name);
}

Params prefixed(const std::string &prefix, const Params &p) {
  Params out;
  out.insert(prefix, p);
  return out;
}

/// Applies f(name, tensor) to every entry.
template <class F> Params mapNamed(const Params &p, F f) {
  Params::Map out;
  for (const auto &[k, v] : p)
    out[k] = f(k, v);
  return Params(std::move(out));
}

Tensor initialCount(const Loc &loc) { return scalar(0, i32, loc); }

/// optax's safe_int32_increment: count + 1, saturating at INT32_MAX.
Tensor increment(const Tensor &count, const Loc &loc) {
  double top = std::numeric_limits<int32_t>::max();
  Tensor one = scalar_like(count, 1, loc);
  return where(less(count, scalar_like(count, top, loc), loc),
               add(count, one, loc), scalar_like(count, top, loc), loc);
}

/// (1 - decay) * g + decay * t (optax's update_moment).
Tensor moment(const Tensor &g, const Tensor &t, double decay, const Loc &loc) {
  return add(multiply(scalar_like(g, 1.0 - decay, loc), g, loc),
             multiply(scalar_like(t, decay, loc), t, loc), loc);
}

/// 1 - decay^count as f32 (optax's bias_correction denominator).
Tensor biasCorrection(double decay, const Tensor &count, const Loc &loc) {
  Tensor p = power(scalar(decay, f32, loc), astype(count, f32, loc), loc);
  return subtract(scalar(1.0, f32, loc), p, loc);
}

Schedule negated(const Schedule &s) {
  if (s.is_constant())
    return Schedule(-s.constant_value());
  return Schedule(
      [s](int64_t step) { return -s(step); },
      [s](const Tensor &step, Loc loc) { return negative(s(step, loc), loc); });
}

} // namespace

//===----------------------------------------------------------------------===//
// Schedule
//===----------------------------------------------------------------------===//

Schedule::Schedule(double value) : constant_(value) {}

Schedule::Schedule(HostFn host, TensorFn tensor)
    : host_(std::move(host)), tensor_(std::move(tensor)) {}

double Schedule::operator()(int64_t step) const {
  if (constant_)
    return *constant_;
  if (!host_)
    throw Error("genc: optim::Schedule: empty schedule");
  return host_(step);
}

Tensor Schedule::operator()(const Tensor &step, Loc loc) const {
  if (!step.defined())
    fail(loc, "Schedule", "the step is undefined");
  if (step.size() != 1)
    fail(loc, "Schedule", "the step must be a scalar, got " + step.aval());
  if (constant_)
    return scalar(*constant_, f32, loc);
  if (!step.is_traced() && host_)
    return scalar(host_((int64_t)std::llround(step.item())), f32, loc);
  if (tensor_)
    return astype(tensor_(reshape(astype(step, f32, loc), {}, loc), loc), f32,
                  loc);
  fail(loc, "Schedule",
       "this schedule is a plain C++ function of the step and cannot be "
       "evaluated inside jit, where the step count is traced; use a "
       "built-in schedule (linear_schedule, cosine_decay, ...) or give "
       "Schedule a tensor form too");
}

Schedule constant_schedule(double value) { return Schedule(value); }

Schedule linear_schedule(double init_value, double end_value,
                         int64_t transition_steps, int64_t transition_begin,
                         Loc) {
  if (transition_steps <= 0)
    return Schedule(init_value);
  auto host = [=](int64_t step) {
    double count = (double)std::clamp<int64_t>(step - transition_begin, 0,
                                               transition_steps);
    double frac = 1.0 - count / (double)transition_steps;
    return (init_value - end_value) * frac + end_value;
  };
  auto tensor = [=](const Tensor &step, Loc loc) {
    Tensor count = clip(subtract(step, scalar(transition_begin, f32, loc), loc),
                        0.0, (double)transition_steps, loc);
    Tensor frac =
        subtract(scalar(1.0, f32, loc),
                 divide(count, scalar(transition_steps, f32, loc), loc), loc);
    return add(multiply(scalar(init_value - end_value, f32, loc), frac, loc),
               scalar(end_value, f32, loc), loc);
  };
  return Schedule(host, tensor);
}

Schedule linear_warmup(double peak, int64_t warmup_steps, Loc loc) {
  // No warm-up means the peak from the start (linear_schedule follows optax
  // and would stay at its initial value, 0, for zero transition steps).
  if (warmup_steps <= 0)
    return Schedule(peak);
  return linear_schedule(0.0, peak, warmup_steps, 0, loc);
}

Schedule cosine_decay(double init_value, int64_t decay_steps, double alpha,
                      Loc loc) {
  if (decay_steps <= 0)
    fail(loc, "cosine_decay",
         "decay_steps must be positive, got " + std::to_string(decay_steps));
  auto host = [=](int64_t step) {
    double count = (double)std::min(step, decay_steps);
    double cosine = 0.5 * (1.0 + std::cos(kPi * count / (double)decay_steps));
    return init_value * ((1.0 - alpha) * cosine + alpha);
  };
  auto tensor = [=](const Tensor &step, Loc l) {
    Tensor count = minimum(step, scalar(decay_steps, f32, l), l);
    Tensor angle =
        multiply(count, scalar(kPi / (double)decay_steps, f32, l), l);
    Tensor cosine = multiply(scalar(0.5, f32, l),
                             add(scalar(1.0, f32, l), cos(angle, l), l), l);
    Tensor decayed = add(multiply(scalar(1.0 - alpha, f32, l), cosine, l),
                         scalar(alpha, f32, l), l);
    return multiply(scalar(init_value, f32, l), decayed, l);
  };
  return Schedule(host, tensor);
}

Schedule join_schedules(std::vector<Schedule> schedules,
                        std::vector<int64_t> boundaries, Loc loc) {
  if (schedules.empty() || boundaries.size() + 1 != schedules.size())
    fail(loc, "join_schedules",
         "needs one boundary fewer than schedules (got " +
             std::to_string(schedules.size()) + " schedules, " +
             std::to_string(boundaries.size()) + " boundaries)");
  auto host = [=](int64_t step) {
    double out = schedules[0](step);
    for (size_t i = 0; i < boundaries.size(); ++i)
      if (step >= boundaries[i])
        out = schedules[i + 1](step - boundaries[i]);
    return out;
  };
  bool traceable = true;
  for (const Schedule &s : schedules)
    traceable = traceable && s.traceable();
  if (!traceable)
    return Schedule(host, nullptr);
  auto tensor = [=](const Tensor &step, Loc l) {
    Tensor out = schedules[0](step, l);
    for (size_t i = 0; i < boundaries.size(); ++i) {
      Tensor b = scalar((double)boundaries[i], f32, l);
      out = where(less(step, b, l), out,
                  schedules[i + 1](subtract(step, b, l), l), l);
    }
    return out;
  };
  return Schedule(host, tensor);
}

Schedule warmup_cosine_decay(double init_value, double peak_value,
                             int64_t warmup_steps, int64_t decay_steps,
                             double end_value, Loc loc) {
  if (warmup_steps < 0)
    fail(loc, "warmup_cosine_decay", "warmup_steps must not be negative");
  if (decay_steps - warmup_steps <= 0)
    fail(loc, "warmup_cosine_decay",
         "decay_steps (" + std::to_string(decay_steps) +
             ") must exceed warmup_steps (" + std::to_string(warmup_steps) +
             "): decay_steps includes the warmup");
  double alpha = peak_value == 0.0 ? 0.0 : end_value / peak_value;
  return join_schedules(
      {linear_schedule(init_value, peak_value, warmup_steps, 0, loc),
       cosine_decay(peak_value, decay_steps - warmup_steps, alpha, loc)},
      {warmup_steps}, loc);
}

//===----------------------------------------------------------------------===//
// Transformations
//===----------------------------------------------------------------------===//

GradientTransformation identity() {
  return {[](const Params &) { return Params(); },
          [](const Params &g, const Params &s, const Params &) {
            return std::make_pair(g, s);
          }};
}

GradientTransformation scale(double step_size, Loc loc) {
  return {[](const Params &) { return Params(); },
          [=](const Params &g, const Params &s, const Params &) {
            Params u = tree_map(
                [&](const Tensor &t) {
                  return multiply(scalar_like(t, step_size, loc), t, loc);
                },
                g);
            return std::make_pair(u, s);
          }};
}

GradientTransformation scale_by_schedule(Schedule schedule, Loc loc) {
  return {[=](const Params &) {
            return Params{{"count", initialCount(loc)}};
          },
          [=](const Params &g, const Params &s, const Params &) {
            const Tensor &count =
                stateEntry(s, "count", loc, "scale_by_schedule");
            Tensor step = schedule(count, loc);
            Params u = tree_map(
                [&](const Tensor &t) {
                  return multiply(astype(step, t.dtype(), loc), t, loc);
                },
                g);
            return std::make_pair(u, Params{{"count", increment(count, loc)}});
          }};
}

GradientTransformation scale_by_learning_rate(Schedule learning_rate,
                                              bool flip_sign, Loc loc) {
  Schedule lr = flip_sign ? negated(learning_rate) : learning_rate;
  if (lr.is_constant())
    return scale(lr.constant_value(), loc);
  return scale_by_schedule(lr, loc);
}

GradientTransformation trace(double decay, bool nesterov, Loc loc) {
  return {[=](const Params &params) {
            return prefixed(
                "trace",
                tree_map([&](const Tensor &p) { return zeros_like(p, loc); },
                         params));
          },
          [=](const Params &g, const Params &s, const Params &) {
            Params tr = s.scope("trace");
            requireSameNames(g, tr, "gradients", "the momentum trace", loc,
                             "trace");
            auto f = [&](const Tensor &gi, const Tensor &ti) {
              return add(gi, multiply(scalar_like(ti, decay, loc), ti, loc),
                         loc);
            };
            Params next = tree_map(f, g, tr);
            Params u = nesterov ? tree_map(f, g, next) : next;
            return std::make_pair(u, prefixed("trace", next));
          }};
}

GradientTransformation scale_by_adam(double b1, double b2, double eps,
                                     double eps_root, Loc loc) {
  return {
      [=](const Params &params) {
        Params zeros = tree_map(
            [&](const Tensor &p) { return zeros_like(p, loc); }, params);
        Params s{{"count", initialCount(loc)}};
        s.insert("mu", zeros);
        s.insert("nu", zeros);
        return s;
      },
      [=](const Params &g, const Params &s, const Params &) {
        const Tensor &count = stateEntry(s, "count", loc, "scale_by_adam");
        Params mu = s.scope("mu"), nu = s.scope("nu");
        requireSameNames(g, mu, "gradients", "adam's first moment", loc,
                         "scale_by_adam");
        requireSameNames(g, nu, "gradients", "adam's second moment", loc,
                         "scale_by_adam");
        mu = tree_map([&](const Tensor &gi,
                          const Tensor &m) { return moment(gi, m, b1, loc); },
                      g, mu);
        nu = tree_map(
            [&](const Tensor &gi, const Tensor &v) {
              return moment(square(gi, loc), v, b2, loc);
            },
            g, nu);
        Tensor countInc = increment(count, loc);
        Tensor bc1 = biasCorrection(b1, countInc, loc);
        Tensor bc2 = biasCorrection(b2, countInc, loc);
        Params u = tree_map(
            [&](const Tensor &m, const Tensor &v) {
              Tensor mHat = divide(m, astype(bc1, m.dtype(), loc), loc);
              Tensor vHat = divide(v, astype(bc2, v.dtype(), loc), loc);
              Tensor denom = add(
                  sqrt(add(vHat, scalar_like(vHat, eps_root, loc), loc), loc),
                  scalar_like(vHat, eps, loc), loc);
              return divide(mHat, denom, loc);
            },
            mu, nu);
        Params next{{"count", countInc}};
        next.insert("mu", mu);
        next.insert("nu", nu);
        return std::make_pair(u, next);
      }};
}

GradientTransformation add_decayed_weights(double weight_decay, Loc loc) {
  return {[](const Params &) { return Params(); },
          [=](const Params &g, const Params &s, const Params &params) {
            if (params.empty() && !g.empty())
              fail(loc, "add_decayed_weights",
                   "needs the parameters: pass them as update()'s third "
                   "argument");
            requireSameNames(g, params, "gradients", "parameters", loc,
                             "add_decayed_weights");
            Params u = tree_map(
                [&](const Tensor &gi, const Tensor &p) {
                  return add(
                      gi, multiply(scalar_like(p, weight_decay, loc), p, loc),
                      loc);
                },
                g, params);
            return std::make_pair(u, s);
          }};
}

GradientTransformation clip_by_global_norm(double max_norm, Loc loc) {
  if (!(max_norm > 0))
    fail(loc, "clip_by_global_norm", "max_norm must be positive");
  return {[](const Params &) { return Params(); },
          [=](const Params &g, const Params &s, const Params &) {
            if (g.empty())
              return std::make_pair(g, s);
            Tensor norm = global_norm(g, loc);
            Tensor trigger = less(norm, scalar(max_norm, f32, loc), loc);
            Params u = tree_map(
                [&](const Tensor &t) {
                  Tensor clipped =
                      multiply(divide(t, astype(norm, t.dtype(), loc), loc),
                               scalar_like(t, max_norm, loc), loc);
                  return where(trigger, t, clipped, loc);
                },
                g);
            return std::make_pair(u, s);
          }};
}

GradientTransformation ema(double decay, bool debias, Loc loc) {
  return {
      [=](const Params &params) {
        Params s{{"count", initialCount(loc)}};
        s.insert("ema",
                 tree_map([&](const Tensor &p) { return zeros_like(p, loc); },
                          params));
        return s;
      },
      [=](const Params &g, const Params &s, const Params &) {
        const Tensor &count = stateEntry(s, "count", loc, "ema");
        Params avg = s.scope("ema");
        requireSameNames(g, avg, "updates", "the moving average", loc, "ema");
        avg =
            tree_map([&](const Tensor &gi,
                         const Tensor &e) { return moment(gi, e, decay, loc); },
                     g, avg);
        Tensor countInc = increment(count, loc);
        Params u = avg;
        if (debias) {
          Tensor bc = biasCorrection(decay, countInc, loc);
          u = tree_map(
              [&](const Tensor &e) {
                return divide(e, astype(bc, e.dtype(), loc), loc);
              },
              avg);
        }
        Params next{{"count", countInc}};
        next.insert("ema", avg);
        return std::make_pair(u, next);
      }};
}

GradientTransformation chain(std::vector<GradientTransformation> transforms) {
  auto ts = std::make_shared<std::vector<GradientTransformation>>(
      std::move(transforms));
  return {[ts](const Params &params) {
            Params s;
            for (size_t i = 0; i < ts->size(); ++i)
              s.insert(std::to_string(i), (*ts)[i].init(params));
            return s;
          },
          [ts](const Params &g, const Params &s, const Params &params) {
            Params u = g, next;
            for (size_t i = 0; i < ts->size(); ++i) {
              auto [ui, si] =
                  (*ts)[i].update(u, s.scope(std::to_string(i)), params);
              u = std::move(ui);
              next.insert(std::to_string(i), si);
            }
            return std::make_pair(u, next);
          }};
}

GradientTransformation sgd(Schedule learning_rate, Loc loc) {
  return chain({identity(), scale_by_learning_rate(learning_rate, true, loc)});
}

GradientTransformation momentum(Schedule learning_rate, double beta,
                                bool nesterov, Loc loc) {
  return chain({trace(beta, nesterov, loc),
                scale_by_learning_rate(learning_rate, true, loc)});
}

GradientTransformation adam(Schedule learning_rate, double b1, double b2,
                            double eps, double eps_root, Loc loc) {
  return chain({scale_by_adam(b1, b2, eps, eps_root, loc),
                scale_by_learning_rate(learning_rate, true, loc)});
}

GradientTransformation adamw(Schedule learning_rate, double b1, double b2,
                             double eps, double weight_decay, Loc loc) {
  return chain({scale_by_adam(b1, b2, eps, 0.0, loc),
                add_decayed_weights(weight_decay, loc),
                scale_by_learning_rate(learning_rate, true, loc)});
}

//===----------------------------------------------------------------------===//
// Utilities
//===----------------------------------------------------------------------===//

Params apply_updates(const Params &params, const Params &updates, Loc loc) {
  requireSameNames(params, updates, "parameters", "updates", loc,
                   "apply_updates");
  return mapNamed(params, [&](const std::string &k, const Tensor &p) {
    return astype(add(p, updates.at(k), loc), p.dtype(), loc);
  });
}

Tensor global_norm(const Params &tree, Loc loc) {
  Tensor total = scalar(0.0, f32, loc);
  for (const auto &[k, v] : tree)
    total =
        add(total, astype(sum(square(v, loc), {}, false, loc), f32, loc), loc);
  return sqrt(total, loc);
}

Params ema_update(const Params &ema_params, const Params &params, double decay,
                  Loc loc) {
  requireSameNames(params, ema_params, "parameters", "the moving average", loc,
                   "ema_update");
  return mapNamed(params, [&](const std::string &k, const Tensor &p) {
    const Tensor &old = ema_params.at(k);
    return add(multiply(p, scalar_like(p, 1.0 - decay, loc), loc),
               multiply(old, scalar_like(old, decay, loc), loc), loc);
  });
}

} // namespace genc::optim
