// Optimizers in the optax style: composable gradient transformations on
// genc::Params, with the same formulas as optax.
//
//   auto opt = optim::chain({optim::clip_by_global_norm(1.0),
//                            optim::adamw(optim::warmup_cosine_decay(
//                                0, 1e-3, 100, 10000))});
//   Params state = opt.init(params);
//   auto [updates, next] = opt.update(grads, state, params);
//   params = optim::apply_updates(params, updates);
//
// State is a Params, so it passes through genc::jit and saves with
// save_checkpoint. Nested states use path prefixes: chain() puts the state
// of its i-th transformation under "<i>/", adam keeps "count", "mu/<name>"
// and "nu/<name>", so optim::adam(lr) has "0/count", "0/mu/dense/kernel",
// ... The step count is a scalar i32 tensor "count" in the state (as
// optax), so a jit-compiled train step sees the step as data and is traced
// once.
//
// Learning rates are a Schedule: a constant (any double converts) or a
// function of the step. The built-in schedules can also be evaluated on a
// traced step inside jit; a schedule made from a plain C++ function works
// eagerly only (inside jit the step is not known at trace time).
//
// Errors inside update() name the line where the transformation was
// created (update has no location argument of its own).
//
// Thread safety: transformations are immutable values; init and update are
// pure functions of their arguments.
#ifndef GENC_FRONTEND_OPTIM_H
#define GENC_FRONTEND_OPTIM_H

#include "genc/Ops.h"
#include "genc/Tree.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace genc::optim {

//===----------------------------------------------------------------------===//
// Schedules (optax.schedules)
//===----------------------------------------------------------------------===//

/// A learning rate (or other scalar) as a function of the step count.
class Schedule {
public:
  using HostFn = std::function<double(int64_t step)>;
  /// Evaluates on a scalar f32 step tensor (possibly traced); returns a
  /// scalar f32 tensor.
  using TensorFn = std::function<Tensor(const Tensor &step, Loc loc)>;

  /// A constant schedule.
  Schedule(double value);
  /// A schedule from a C++ function of the step (eager use only: inside jit
  /// the step is traced and the function cannot be called on it).
  template <class F,
            std::enable_if_t<std::is_invocable_r_v<double, F &, int64_t> &&
                                 !std::is_convertible_v<F, double> &&
                                 !std::is_same_v<std::decay_t<F>, Schedule>,
                             int> = 0>
  Schedule(F f) : host_(HostFn(std::move(f))) {}
  /// A schedule with both forms (they must agree).
  Schedule(HostFn host, TensorFn tensor);

  /// The value at `step`.
  double operator()(int64_t step) const;
  /// The value at a scalar step tensor (any integer or float dtype) as a
  /// scalar f32 tensor. A concrete step uses the host form; a traced one
  /// needs the tensor form.
  Tensor operator()(const Tensor &step, Loc loc = Loc::current()) const;

  bool is_constant() const { return constant_.has_value(); }
  /// The value of a constant schedule.
  double constant_value() const { return constant_.value_or(0.0); }
  /// True when the schedule can be evaluated on a traced step (inside jit).
  bool traceable() const { return constant_.has_value() || (bool)tensor_; }

private:
  std::optional<double> constant_;
  HostFn host_;
  TensorFn tensor_;
};

Schedule constant_schedule(double value);
/// optax.linear_schedule: from init_value to end_value over transition_steps
/// steps starting at transition_begin, then end_value. transition_steps <= 0
/// gives the constant init_value (as optax).
Schedule linear_schedule(double init_value, double end_value,
                         int64_t transition_steps, int64_t transition_begin = 0,
                         Loc loc = Loc::current());
/// Linear from 0 at step 0 to `peak` at warmup_steps, then constant;
/// `peak` throughout when warmup_steps <= 0.
Schedule linear_warmup(double peak, int64_t warmup_steps,
                       Loc loc = Loc::current());
/// optax.cosine_decay_schedule: init * ((1 - alpha) * 0.5 * (1 + cos(pi *
/// min(step, decay_steps) / decay_steps)) + alpha).
Schedule cosine_decay(double init_value, int64_t decay_steps,
                      double alpha = 0.0, Loc loc = Loc::current());
/// optax.join_schedules: schedules[i + 1] takes over (evaluated at
/// step - boundaries[i]) from step boundaries[i] on.
Schedule join_schedules(std::vector<Schedule> schedules,
                        std::vector<int64_t> boundaries,
                        Loc loc = Loc::current());
/// optax.warmup_cosine_decay_schedule: linear from init_value to peak_value
/// over warmup_steps, then cosine decay to end_value at decay_steps
/// (decay_steps counts the warmup too).
Schedule warmup_cosine_decay(double init_value, double peak_value,
                             int64_t warmup_steps, int64_t decay_steps,
                             double end_value = 0.0, Loc loc = Loc::current());

//===----------------------------------------------------------------------===//
// Gradient transformations
//===----------------------------------------------------------------------===//

struct GradientTransformation {
  /// The initial state for `params`.
  std::function<Params(const Params &params)> init;
  /// (updates, new state) for the gradients. `params` is needed only by
  /// transformations that read the parameters (add_decayed_weights, adamw);
  /// others accept an empty Params.
  std::function<std::pair<Params, Params>(
      const Params &grads, const Params &state, const Params &params)>
      update;
};

/// Updates unchanged; no state.
GradientTransformation identity();
/// updates * step_size; no state.
GradientTransformation scale(double step_size, Loc loc = Loc::current());
/// updates * schedule(count); state {"count"}.
GradientTransformation scale_by_schedule(Schedule schedule,
                                         Loc loc = Loc::current());
/// scale(-lr) for a constant lr, else scale_by_schedule(-lr(count)) (with
/// flip_sign = false, without the minus).
GradientTransformation scale_by_learning_rate(Schedule learning_rate,
                                              bool flip_sign = true,
                                              Loc loc = Loc::current());
/// optax.trace (momentum): t = g + decay * t; updates = t, or g + decay * t
/// with nesterov. State {"trace/<name>"}.
GradientTransformation trace(double decay, bool nesterov = false,
                             Loc loc = Loc::current());
/// optax.scale_by_adam: mu = (1-b1) g + b1 mu, nu = (1-b2) g^2 + b2 nu,
/// updates = mu_hat / (sqrt(nu_hat + eps_root) + eps) with bias-corrected
/// mu_hat = mu / (1 - b1^t), nu_hat = nu / (1 - b2^t), t = count + 1.
/// State {"count", "mu/<name>", "nu/<name>"}.
GradientTransformation scale_by_adam(double b1 = 0.9, double b2 = 0.999,
                                     double eps = 1e-8, double eps_root = 0.0,
                                     Loc loc = Loc::current());
/// updates + weight_decay * params; no state.
GradientTransformation add_decayed_weights(double weight_decay,
                                           Loc loc = Loc::current());
/// Scales all updates by max_norm / global_norm when the global norm is at
/// least max_norm; no state.
GradientTransformation clip_by_global_norm(double max_norm,
                                           Loc loc = Loc::current());
/// optax.ema: an exponential moving average of the updates,
/// ema = (1 - decay) g + decay ema; with debias the updates are
/// ema / (1 - decay^t). State (an EmaState) {"count", "ema/<name>"}.
GradientTransformation ema(double decay, bool debias = true,
                           Loc loc = Loc::current());
/// The transformations in sequence; the i-th one's state is under "<i>/".
GradientTransformation chain(std::vector<GradientTransformation> transforms);

/// optax.sgd: chain(identity, scale_by_learning_rate(lr)).
GradientTransformation sgd(Schedule learning_rate, Loc loc = Loc::current());
/// optax.sgd with momentum: chain(trace(beta, nesterov),
/// scale_by_learning_rate(lr)).
GradientTransformation momentum(Schedule learning_rate, double beta = 0.9,
                                bool nesterov = false,
                                Loc loc = Loc::current());
/// optax.adam: chain(scale_by_adam, scale_by_learning_rate(lr)).
GradientTransformation adam(Schedule learning_rate, double b1 = 0.9,
                            double b2 = 0.999, double eps = 1e-8,
                            double eps_root = 0.0, Loc loc = Loc::current());
/// optax.adamw: chain(scale_by_adam, add_decayed_weights(weight_decay),
/// scale_by_learning_rate(lr)): the decay is added to the Adam direction
/// and scaled by the learning rate with it (decoupled from the gradient
/// moments).
GradientTransformation adamw(Schedule learning_rate, double b1 = 0.9,
                             double b2 = 0.999, double eps = 1e-8,
                             double weight_decay = 1e-4,
                             Loc loc = Loc::current());

/// params + updates, cast to each parameter's dtype (optax.apply_updates).
Params apply_updates(const Params &params, const Params &updates,
                     Loc loc = Loc::current());
/// sqrt of the sum of squares of every element (optax.global_norm), f32.
Tensor global_norm(const Params &tree, Loc loc = Loc::current());

/// The state of ema(): {"count", "ema/<name>"}.
using EmaState = Params;
/// Polyak averaging of parameters (optax.incremental_update with step size
/// 1 - decay): (1 - decay) * params + decay * ema_params.
Params ema_update(const Params &ema_params, const Params &params, double decay,
                  Loc loc = Loc::current());

} // namespace genc::optim

#endif // GENC_FRONTEND_OPTIM_H
