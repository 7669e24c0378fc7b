// The genc side of the peer suite (bench/suite/WORKLOADS.md): one workload
// per process, one JSON line with compile time, step times, peak RSS and
// the step's FLOPs (cost_analysis). bench/suite/run.py runs it next to the
// JAX and PyTorch peers and prints the ratios.
//
// usage: genc-bench-suite --list
//        genc-bench-suite --workload NAME [--steps N] [--warmup N]
//        genc-bench-suite --workload sgemm_peak   (OpenBLAS sgemm 2048, the
//                                                   machine's measured peak)
#include "genc/zoo/diffusion.h"
#include "genc/zoo/flow.h"
#include "genc/zoo/gan.h"
#include "genc/zoo/vae.h"

#include <genc/genc.h>
#include <genc/runtime/Profile.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

extern "C" void cblas_sgemm(int order, int transA, int transB, int m, int n,
                            int k, float alpha, const float *a, int lda,
                            const float *b, int ldb, float beta, float *c,
                            int ldc);

using namespace genc;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// One benchmark: `first` runs the first call (compiles), `step` one timed
/// step; both block until the results are on the host.
struct Workload {
  double flops = 0;
  std::function<void()> first, step;
};

/// Like block_until_ready: genc's compiled calls are synchronous, so the
/// results are complete when the call returns; nothing is copied out (a
/// copy would be work the peers do not do).
void ready(const std::vector<Tensor> &ts) {
  for (const Tensor &t : ts)
    if (t.shape().empty() && t.dtype() == f32)
      t.item();
}

Workload matmulWorkload(int64_t n) {
  std::vector<Tensor> k = random::split_keys(random::key(0), 2);
  Tensor a = random::uniform(k[0], {n, n}), b = random::uniform(k[1], {n, n});
  auto f = [](const Tensor &a, const Tensor &b) { return matmul(a, b); };
  auto mm = jit(f, "matmul");
  Workload w;
  w.flops = cost_analysis(f, a, b).flops;
  w.first = w.step = [=]() mutable { ready({mm(a, b)}); };
  return w;
}

/// y = conv(x, w) + b (or the transposed convolution) and its VJP with a
/// fixed cotangent w.r.t. x, w and b.
Workload convWorkload(bool transpose, Shape x, int64_t features) {
  std::vector<Tensor> k = random::split_keys(random::key(0), 4);
  Tensor xs = random::uniform(k[0], x);
  Tensor ws = random::normal(k[1], {4, 4, x[3], features}) * 0.05;
  Tensor bs = zeros({features});
  ConvOptions o;
  o.window_strides = {2, 2};
  o.padding = "SAME";
  auto layer = [transpose, o](const std::vector<Tensor> &a) {
    Tensor y = transpose ? conv_transpose(a[0], a[1], {2, 2}, "SAME")
                         : conv_general_dilated(a[0], a[1], o);
    return y + a[2];
  };
  Shape yShape = layer({xs, ws, bs}).shape();
  Tensor ct = random::normal(k[2], yShape);
  auto f = [layer](const Tensor &x, const Tensor &w, const Tensor &b,
                   const Tensor &ct) {
    auto [y, pullback] = vjp(layer, std::vector<Tensor>{x, w, b});
    std::vector<Tensor> g = pullback(ct);
    return std::make_tuple(y, g[0], g[1], g[2]);
  };
  auto step = jit(f, transpose ? "conv_transpose_vjp" : "conv_vjp");
  Workload w;
  w.flops = cost_analysis(f, xs, ws, bs, ct).flops;
  w.first = w.step = [=]() mutable {
    auto [y, dx, dw, db] = step(xs, ws, bs, ct);
    ready({y, dx, dw, db});
  };
  return w;
}

Workload vaeWorkload(int64_t size) {
  auto vae = std::make_shared<zoo::Vae>(zoo::VaeConfig{size, 16});
  auto opt = std::make_shared<optim::GradientTransformation>(optim::adam(1e-3));
  auto f = [vae, opt](const Params &p, const Params &st, const Tensor &x,
                      const Tensor &key, const Tensor &beta) {
    auto [loss, g] = value_and_grad([&](const Params &p) {
      return vae->terms(p, x, key, beta).loss;
    })(p);
    auto [u, st2] = opt->update(g, st, p);
    return std::make_tuple(optim::apply_updates(p, u), st2, loss);
  };
  auto step = jit(f, "vae_train_step");
  auto p = std::make_shared<Params>(vae->init(random::key(0)));
  auto st = std::make_shared<Params>(opt->init(*p));
  Tensor x = random::uniform(random::key(1), {64, size, size, 3});
  Tensor key = random::key(2), beta = scalar(1.0);
  Workload w;
  w.flops = cost_analysis(f, *p, *st, x, key, beta).flops;
  w.first = w.step = [=]() mutable {
    auto [p2, st2, loss] = step(*p, *st, x, key, beta);
    loss.item();
    *p = p2;
    *st = st2;
  };
  return w;
}

Workload dcganWorkload() {
  const int64_t batch = 64, latent = 64;
  auto gan = std::make_shared<zoo::Gan>(zoo::GanConfig{32, latent});
  auto optD = std::make_shared<optim::GradientTransformation>(optim::adam(2e-4, 0.5, 0.999));
  auto optG = optD;
  // As zoo/models/lib/GanTrain.cpp: two compiled functions per step.
  auto fd = [gan, optD](const Params &g, const Params &d, const Params &st,
                        const Tensor &x, const Tensor &key) {
    std::vector<Tensor> k = random::split_keys(key, 2);
    Tensor fake = gan->generate(g, random::normal(k[0], {batch, latent}));
    auto [loss, grads] = value_and_grad([&](const Params &d) {
      return gan->discriminator_terms(d, x, fake, k[1]).loss;
    })(d);
    auto [u, st2] = optD->update(grads, st, d);
    return std::make_tuple(optim::apply_updates(d, u), st2, loss);
  };
  auto fg = [gan, optG](const Params &g, const Params &st, const Params &d,
                        const Tensor &key) {
    Tensor z = random::normal(key, {batch, latent});
    auto [loss, grads] = value_and_grad([&](const Params &g) {
      return gan->generator_loss(d, gan->generate(g, z));
    })(g);
    auto [u, st2] = optG->update(grads, st, g);
    return std::make_tuple(optim::apply_updates(g, u), st2, loss);
  };
  auto dStep = jit(fd, "gan_discriminator_step");
  auto gStep = jit(fg, "gan_generator_step");
  auto g = std::make_shared<Params>(gan->init_generator(random::key(0)));
  auto d = std::make_shared<Params>(gan->init_discriminator(random::key(1)));
  auto sg = std::make_shared<Params>(optG->init(*g));
  auto sd = std::make_shared<Params>(optD->init(*d));
  Tensor x = random::uniform(random::key(2), {batch, 32, 32, 3});
  Tensor kd = random::key(3), kg = random::key(4);
  Workload w;
  w.flops = cost_analysis(fd, *g, *d, *sd, x, kd).flops +
            cost_analysis(fg, *g, *sg, *d, kg).flops;
  w.first = w.step = [=]() mutable {
    auto [d2, sd2, lossD] = dStep(*g, *d, *sd, x, kd);
    auto [g2, sg2, lossG] = gStep(*g, *sg, d2, kg);
    lossD.item();
    lossG.item();
    *d = d2;
    *sd = sd2;
    *g = g2;
    *sg = sg2;
  };
  return w;
}

std::shared_ptr<zoo::Diffusion> unet() {
  zoo::DiffusionConfig c;
  c.image_size = 32;
  c.groups = 8;
  return std::make_shared<zoo::Diffusion>(c);
}

Workload ddpmStepWorkload() {
  auto model = unet();
  auto opt = std::make_shared<optim::GradientTransformation>(optim::adam(1e-3));
  const double decay = 0.999;
  auto f = [model, opt, decay](const Params &p, const Params &st, const Params &ema,
                               const Tensor &x, const Tensor &key) {
    auto [loss, g] = value_and_grad([&](const Params &p) { return model->loss(p, x, key); })(p);
    auto [u, st2] = opt->update(g, st, p);
    Params p2 = optim::apply_updates(p, u);
    Params ema2 = tree_map(
        [decay](const Tensor &e, const Tensor &q) { return decay * e + (1.0 - decay) * q; },
        ema, p2);
    return std::make_tuple(p2, st2, ema2, loss);
  };
  auto step = jit(f, "ddpm_train_step");
  auto p = std::make_shared<Params>(model->init(random::key(0)));
  auto st = std::make_shared<Params>(opt->init(*p));
  auto ema = std::make_shared<Params>(*p);
  Tensor x = random::uniform(random::key(1), {64, 32, 32, 3});
  Tensor key = random::key(2);
  Workload w;
  w.flops = cost_analysis(f, *p, *st, *ema, x, key).flops;
  w.first = w.step = [=]() mutable {
    auto [p2, st2, ema2, loss] = step(*p, *st, *ema, x, key);
    loss.item();
    *p = p2;
    *st = st2;
    *ema = ema2;
  };
  return w;
}

Workload ddpmSampleWorkload(int64_t steps) {
  auto model = unet();
  zoo::SamplerTable table = zoo::sampler_table(model->schedule(), steps);
  auto f = [model, table](const Params &p, const Tensor &key) {
    return model->sample(p, key, 64, table);
  };
  auto sample = jit(f, "ddpm_sample");
  Params p = model->init(random::key(0));
  Tensor key = random::key(1);
  // cost_analysis counts a loop body once (as XLA's does): the chain is
  // `steps` U-Net calls plus the per-step update.
  auto body = [model](const Params &p, const Tensor &x, const Tensor &t) {
    return model->predict_noise(p, x, t);
  };
  Workload w;
  w.flops = (double)steps *
            cost_analysis(body, p, zeros({64, 32, 32, 3}), zeros({64}, i32)).flops;
  w.first = w.step = [=]() mutable { ready({sample(p, key)}); };
  return w;
}

Tensor mlpLoss(const Params &p, const Tensor &x, const Tensor &y) {
  Tensor h = relu(matmul(x, p.at("w1")) + p.at("b1"));
  h = relu(matmul(h, p.at("w2")) + p.at("b2"));
  return sum(square(matmul(h, p.at("w3")) + p.at("b3") - y));
}

Workload perExampleWorkload() {
  std::vector<Tensor> k = random::split_keys(random::key(0), 5);
  Params p{{"w1", random::normal(k[0], {784, 256}) * 0.05},
           {"b1", zeros({256})},
           {"w2", random::normal(k[1], {256, 256}) * 0.05},
           {"b2", zeros({256})},
           {"w3", random::normal(k[2], {256, 10}) * 0.05},
           {"b3", zeros({10})}};
  Tensor xs = random::uniform(k[3], {64, 784}), ys = random::uniform(k[4], {64, 10});
  auto f = vmap(grad(mlpLoss), {-1, 0, 0});
  auto step = jit(f, "per_example_grads");
  Workload w;
  w.flops = cost_analysis(f, p, xs, ys).flops;
  w.first = w.step = [=]() mutable {
    Params g = step(p, xs, ys);
    ready(tree_leaves(g));
  };
  return w;
}

/// The IAF's maximum-likelihood train step (genc/zoo/flow.h): 4 MADE
/// layers of 256 hidden units on D = 3072, density by the sequential loop,
/// value_and_grad of the mean negative log-likelihood, Adam.
Workload iafWorkload() {
  const zoo::FlowConfig config{32, 2, 256, 0.05, 4};
  auto flow = std::make_shared<zoo::MadeFlow>(zoo::MadeFlow::Kind::Iaf, config);
  auto opt = std::make_shared<optim::GradientTransformation>(optim::adam(1e-3));
  auto stepOf = [opt](std::shared_ptr<zoo::MadeFlow> flow) {
    return [flow, opt](const Params &p, const Params &st, const Tensor &x) {
      auto [loss, g] = value_and_grad([&](const Params &p) {
        return -mean(flow->log_prob_logit(p, x));
      })(p);
      auto [u, st2] = opt->update(g, st, p);
      return std::make_tuple(optim::apply_updates(p, u), st2, loss);
    };
  };
  auto f = stepOf(flow);
  auto step = jit(f, "iaf_train_step");
  auto p = std::make_shared<Params>(flow->init(random::key(0)));
  auto st = std::make_shared<Params>(opt->init(*p));
  Tensor x = random::normal(random::key(1), {64, 32, 32, 3});
  Workload w;
  // cost_analysis counts a loop body once: count the same step with the
  // density in one parallel pass (the MAF's), which does the same
  // multiply-adds (D rank-1 updates = one [B, D] x [D, H] product).
  auto maf = std::make_shared<zoo::MadeFlow>(zoo::MadeFlow::Kind::Maf, config);
  w.flops = cost_analysis(stepOf(maf), *p, *st, x).flops;
  w.first = w.step = [=]() mutable {
    auto [p2, st2, loss] = step(*p, *st, x);
    loss.item();
    *p = p2;
    *st = st2;
  };
  return w;
}

const std::map<std::string, std::function<Workload()>> &workloads() {
  static const std::map<std::string, std::function<Workload()>> all = {
      {"matmul_1024", [] { return matmulWorkload(1024); }},
      {"matmul_2048", [] { return matmulWorkload(2048); }},
      {"conv_enc0", [] { return convWorkload(false, {64, 64, 64, 3}, 32); }},
      {"conv_enc1", [] { return convWorkload(false, {64, 32, 32, 32}, 64); }},
      {"conv_enc2", [] { return convWorkload(false, {64, 16, 16, 64}, 128); }},
      {"conv_dec0", [] { return convWorkload(true, {64, 8, 8, 128}, 64); }},
      {"conv_dec1", [] { return convWorkload(true, {64, 16, 16, 64}, 32); }},
      {"conv_dec2", [] { return convWorkload(true, {64, 32, 32, 32}, 3); }},
      {"vae_step_32", [] { return vaeWorkload(32); }},
      {"vae_step_64", [] { return vaeWorkload(64); }},
      {"dcgan_step", dcganWorkload},
      {"ddpm_step", ddpmStepWorkload},
      {"ddpm_sample_100", [] { return ddpmSampleWorkload(100); }},
      {"per_example_grads", perExampleWorkload},
      {"iaf_step", iafWorkload},
  };
  return all;
}

double peakRssMb() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return (double)u.ru_maxrss / 1024.0;
}

const char *threadsEnv() {
  const char *t = std::getenv("OPENBLAS_NUM_THREADS");
  return t ? t : "default";
}

/// OpenBLAS sgemm at n = 2048: the best of 10 calls (after one warm-up),
/// the machine's measured single-precision peak for the ratios.
int sgemmPeak() {
  const int n = 2048;
  std::vector<float> a((size_t)n * n, 0.5f), b((size_t)n * n, 0.25f), c((size_t)n * n);
  double best = 1e30;
  for (int i = 0; i < 11; ++i) {
    auto t0 = Clock::now();
    cblas_sgemm(101, 111, 111, n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f, c.data(), n);
    double s = secondsSince(t0);
    if (i > 0)
      best = std::min(best, s);
  }
  std::printf("{\"framework\": \"openblas\", \"workload\": \"sgemm_peak\", "
              "\"n\": %d, \"best_ms\": %.3f, \"gflops\": %.2f, \"threads\": \"%s\"}\n",
              n, best * 1e3, 2.0 * n * n * n / best / 1e9, threadsEnv());
  return 0;
}

int usage() {
  std::fprintf(stderr, "usage: genc-bench-suite --list | --workload NAME "
                       "[--steps N] [--warmup N]\n");
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::string name;
  int steps = 20, warmup = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--list") {
      for (const auto &[n, _] : workloads())
        std::printf("%s\n", n.c_str());
      return 0;
    }
    if (i + 1 >= argc)
      return usage();
    if (a == "--workload")
      name = argv[++i];
    else if (a == "--steps")
      steps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--warmup")
      warmup = std::max(0, std::atoi(argv[++i]));
    else
      return usage();
  }
  if (name == "sgemm_peak")
    return sgemmPeak();
  auto it = workloads().find(name);
  if (it == workloads().end()) {
    std::fprintf(stderr, "genc-bench-suite: error: unknown workload '%s' (--list names them)\n",
                 name.c_str());
    return 2;
  }
  try {
    Workload w = it->second();
    auto t0 = Clock::now();
    w.first();
    double compile = secondsSince(t0);
    for (int i = 0; i < warmup; ++i)
      w.step();
    // GENC_PROFILE=1: the kernel table covers the timed steps only.
    runtime::profileReset();
    std::vector<double> t;
    for (int i = 0; i < steps; ++i) {
      auto a = Clock::now();
      w.step();
      t.push_back(secondsSince(a) * 1e3);
    }
    std::sort(t.begin(), t.end());
    std::printf("{\"framework\": \"genc\", \"version\": \"0.1.0\", \"workload\": \"%s\", "
                "\"compile_s\": %.3f, \"median_ms\": %.3f, \"min_ms\": %.3f, "
                "\"max_ms\": %.3f, \"steps\": %d, \"peak_rss_mb\": %.1f, "
                "\"flops\": %.6g, \"threads\": \"%s\"}\n",
                name.c_str(), compile, t[t.size() / 2], t.front(), t.back(), steps,
                peakRssMb(), w.flops, threadsEnv());
    return 0;
  } catch (const Error &e) {
    std::fprintf(stderr, "genc-bench-suite: error: %s\n", e.what());
    return 1;
  }
}
