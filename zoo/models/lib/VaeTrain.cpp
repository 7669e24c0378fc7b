// Training and analysing the galaxy β-VAE (see genc/zoo/vae_train.h).
#include "genc/zoo/vae_train.h"

#include "genc/zoo/Data.h"
#include "genc/zoo/plot.h"
#include "genc/zoo/train.h"
#include "genc/zoo/vae.h"

#include "Common.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace genc::zoo {

using namespace detail;

namespace {

struct StepRecord {
  double step, loss, recon, kl, beta;
};
struct EpochRecord {
  double epoch, step, trainLoss, trainRecon, trainKl, valNelbo, valRecon,
      valKl, stepsPerSecond, imagesPerSecond, peakMib, seconds;
};

/// The run-defining options, stored in the checkpoint and compared on
/// --resume.
std::map<std::string, std::string> runKeys(const VaeTrainOptions &o,
                                           int64_t totalSteps) {
  return {{"vae.data", o.data},
          {"vae.count", std::to_string(o.count)},
          {"vae.image_size", std::to_string(o.image_size)},
          {"vae.batch", std::to_string(o.batch)},
          {"vae.latent", std::to_string(o.latent)},
          {"vae.channels", format_channels(o.channels)},
          {"vae.decoder_channels",
           format_channels(o.decoder_channels[0] > 0 ? o.decoder_channels : o.channels)},
          {"vae.likelihood", o.likelihood},
          {"vae.sigma", fmt(o.sigma)},
          {"vae.prior", o.prior},
          {"vae.norm", o.norm},
          {"vae.augment", o.augment ? "true" : "false"},
          {"vae.seed", std::to_string(o.seed)},
          {"vae.lr", fmt(o.lr)},
          {"vae.warmup_steps", std::to_string(o.warmup_steps)},
          {"vae.beta_warmup", fmt(o.beta_warmup)},
          {"vae.total_steps", std::to_string(totalSteps)}};
}

void writeMetrics(const VaeTrainOptions &o, const std::map<std::string, std::string> &keys,
                  const std::vector<StepRecord> &steps,
                  const std::vector<EpochRecord> &epochs, bool finished) {
  writeRunMetrics(o.out, "vae", o.prior + " prior", finished, keys, epochs,
                  {"epoch", "step", "train_loss", "train_recon", "train_kl",
                   "val_neg_elbo", "val_recon", "val_kl", "steps_per_second",
                   "images_per_second", "peak_memory_mib", "seconds"},
                  steps, {"step", "loss", "recon", "kl", "beta"});
}

/// loss.png: training loss and reconstruction per step and the validation
/// -ELBO per epoch (log axis when all positive: the Bernoulli likelihood;
/// the Gaussian one is a density and may be negative); kl.png: the KL term
/// and β per step.
void plotLoss(const std::string &dir, const std::vector<StepRecord> &steps,
              const std::vector<EpochRecord> &epochs) {
  plot::Series loss{"train loss (recon + β KL)", {}, {}},
      recon{"train reconstruction", {}, {}}, kl{"train KL", {}, {}},
      val{"validation −ELBO", {}, {}}, beta{"β", {}, {}};
  bool positive = true;
  for (const StepRecord &x : steps) {
    loss.x.push_back(x.step);
    loss.y.push_back(x.loss);
    recon.x.push_back(x.step);
    recon.y.push_back(x.recon);
    kl.x.push_back(x.step);
    kl.y.push_back(x.kl);
    beta.x.push_back(x.step);
    beta.y.push_back(x.beta);
    positive &= x.loss > 0 && x.recon > 0;
  }
  for (const EpochRecord &e : epochs) {
    val.x.push_back(e.step);
    val.y.push_back(e.valNelbo);
    positive &= e.valNelbo > 0;
  }
  plot::LineOptions lo;
  lo.title = "β-VAE training on galaxies";
  lo.xlabel = "step";
  lo.ylabel = "nats per image";
  lo.log_y = positive;
  std::vector<plot::Series> series{loss, recon};
  if (!val.x.empty())
    series.push_back(val);
  plot::line_plot(dir + "/loss.png", series, lo);
  plot::LineOptions ko;
  ko.title = "KL(q(z|x) || p(z)) and the β schedule";
  ko.xlabel = "step";
  ko.ylabel = "nats per image (β: unitless)";
  ko.log_y = true;
  plot::line_plot(dir + "/kl.png", {kl, beta}, ko);
}

} // namespace

std::string format_channels(const std::array<int64_t, 3> &c) {
  return std::to_string(c[0]) + "," + std::to_string(c[1]) + "," +
         std::to_string(c[2]);
}

int64_t parse_data_mesh(const std::string &text) {
  const std::string prefix = "data=";
  std::string size = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : "";
  if (size.empty() || size.size() > 6 ||
      size.find_first_not_of("0123456789") != std::string::npos ||
      std::stoll(size) <= 0)
    throw Error("mesh: expected data=N with N a positive number of devices "
                "(data-parallel training), got '" + text + "'");
  return std::stoll(size);
}

std::array<int64_t, 3> parse_channels(const std::string &text) {
  std::array<int64_t, 3> c{};
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    size_t end = i < 2 ? text.find(',', pos) : text.size();
    std::string part = end == std::string::npos ? "" : text.substr(pos, end - pos);
    bool digits = !part.empty() && part.size() <= 6 &&
                  part.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || (c[i] = std::stoll(part)) <= 0)
      throw Error("channels: expected three positive integers like 32,64,128, "
                  "got '" + text + "'");
    pos = end + 1;
  }
  return c;
}

double train_vae(const VaeTrainOptions &options) {
  VaeTrainOptions o = options;
  // Under mpirun every rank trains the same replicated model; rank 0 owns
  // OUT/, the others keep their copy in OUT/ranks/R/ (so runs can check
  // that the parameters agree).
  if (process_index() > 0)
    o.out += "/ranks/" + std::to_string(process_index());
  if (o.image_size != 32 && o.image_size != 64)
    throw Error("--image-size must be 32 or 64, got " + std::to_string(o.image_size));
  if (o.batch <= 0 || o.latent <= 0 || o.epochs <= 0 || o.steps < 0 ||
      o.count <= 0 || o.lr <= 0 || o.beta_warmup < 0 || o.beta_warmup > 1 ||
      o.warmup_steps < 0 || o.checkpoint_every <= 0)
    throw Error("--batch, --latent, --epochs, --count, --lr and "
                "--checkpoint-every must be positive, --steps and "
                "--warmup-steps non-negative, --beta-warmup in [0, 1]");
  if (o.data_parallel < 1 || o.batch % o.data_parallel != 0)
    throw Error("--batch " + std::to_string(o.batch) +
                " does not split evenly over --mesh data=" +
                std::to_string(o.data_parallel));
  if (process_count() > 1 && o.data_parallel != process_count())
    throw Error("--mesh data=" + std::to_string(o.data_parallel) +
                " in an MPI job of " + std::to_string(process_count()) +
                " ranks: use --mesh data=" + std::to_string(process_count()) +
                " (one device per rank)");
  if (process_count() == 1 && o.data_parallel > genc::device_count())
    throw Error("--mesh data=" + std::to_string(o.data_parallel) + " needs " +
                std::to_string(o.data_parallel) + " devices, but " +
                std::to_string(genc::device_count()) +
                " CPU devices are available (set GENC_CPU_DEVICES=" +
                std::to_string(o.data_parallel) + ")");
  RunData run = openRunData(o.data, o.count, o.image_size, o.seed, o.data_threads,
                            o.batch, o.augment, o.out);
  const GalaxySet &set = run.set;
  const Split &split = run.split;
  BatchLoader &train = *run.train;
  const StepPlan plan = planSteps(train, o.steps, o.epochs);
  const int64_t perEpoch = plan.perEpoch, total = plan.total, epochs = plan.epochs;
  const int64_t betaSteps = std::max<int64_t>(1, (int64_t)std::llround(o.beta_warmup * total));

  VaeConfig config;
  config.image_size = o.image_size;
  config.latent = o.latent;
  config.channels = o.channels;
  config.decoder_channels = o.decoder_channels;
  config.likelihood = o.likelihood;
  config.sigma = o.sigma;
  config.prior = o.prior;
  config.norm = o.norm;
  Vae vae(config);
  auto opt = optim::adam(optim::linear_warmup(o.lr, o.warmup_steps));
  TrainState state;
  std::vector<StepRecord> steps;
  std::vector<EpochRecord> epochRecords;
  int64_t step = 0;
  // For a file or folder the image count is the data's, not --count.
  VaeTrainOptions recorded = o;
  if (o.data != "synthetic")
    recorded.count = set.count;
  std::map<std::string, std::string> keys = runKeys(recorded, total);
  step = startRun(o.out, o.resume, keys, total, epochs, o.checkpoint_every, state,
                  steps, epochRecords, [&] {
                    state.params = vae.init(random::key((uint64_t)o.seed));
                    state.opt = opt.init(state.params);
                  }, {{"vae.channels", "32,64,128"}, {"vae.norm", "none"},
                      {"vae.decoder_channels", format_channels(o.channels)}});

  // One step on (a shard of) the batch given the reparameterization noise;
  // with --mesh data=N it runs per device and the gradients and loss terms
  // are averaged over the devices (equal shards, so the mean of the means
  // is the batch mean).
  const int64_t devices = o.data_parallel;
  auto localStep = [&](const Params &p, const Params &st, const Tensor &x,
                       const Tensor &eps, const Tensor &beta) {
    auto [loss, aux, g] = value_and_grad_with_aux([&](const Params &p) {
      VaeTerms t = vae.terms_from_noise(p, x, eps, beta);
      return std::make_pair(t.loss, std::vector<Tensor>{t.recon, t.kl});
    })(p);
    if (devices > 1) {
      for (auto &[name, t] : g)
        g[name] = pmean(t, {"data"});
      loss = pmean(loss, {"data"});
      for (Tensor &t : aux)
        t = pmean(t, {"data"});
    }
    auto [updates, st2] = opt.update(g, st, p);
    return std::make_tuple(optim::apply_updates(p, updates), st2, loss, aux[0],
                           aux[1]);
  };
  auto trainStep = jit(
      [&](const Params &p, const Params &st, const Tensor &x, const Tensor &key,
          const Tensor &beta) {
        Tensor eps = random::normal(key, {x.dim(0), o.latent});
        if (devices == 1)
          return localStep(p, st, x, eps, beta);
        return shard_map(localStep, Mesh({{"data", devices}}),
                         {P(), P(), P("data"), P("data"), P()}, {P()})(
            p, st, x, eps, beta);
      },
      "vae_train_step");
  auto evalTerms = jit(
      [&](const Params &p, const Tensor &x, const Tensor &key) {
        auto [r, k] = vae.example_terms(p, x, key);
        return std::vector<Tensor>{r, k};
      },
      "vae_eval");
  auto encodeMean = jit(
      [&](const Params &p, const Tensor &x) { return vae.encode(p, x).first; },
      "vae_encode");
  auto reconstruct = jit(
      [&](const Params &p, const Tensor &x) {
        return vae.decode(p, vae.encode(p, x).first);
      },
      "vae_reconstruct");
  auto sample = jit([&](const Params &p, const Tensor &u) {
    return vae.decode(p, vae.prior_sample(p, u));
  }, "vae_sample");

  const Tensor stepKey = random::fold_in(random::key((uint64_t)o.seed), 1);
  const Tensor evalKey = random::fold_in(random::key((uint64_t)o.seed), 2);
  auto save = [&](bool final) {
    saveRun(o.out, state, keys, step, final, steps, epochRecords);
  };

  auto validate = [&](double &nelbo, double &recon, double &kl) {
    double r = 0, k = 0;
    int64_t n = 0;
    forEachBatch(set, split.validation, o.batch, [&](const Batch &b) {
      std::vector<Tensor> t = evalTerms(state.params, batchImages(b), evalKey);
      std::vector<float> rv = t[0].to_vector<float>(), kv = t[1].to_vector<float>();
      for (int64_t i = 0; i < b.size; ++i) {
        r += rv[i];
        k += kv[i];
      }
      n += b.size;
    });
    recon = n ? r / n : NAN;
    kl = n ? k / n : NAN;
    nelbo = recon + kl;
  };

  std::fprintf(stderr,
               "genc-zoo: vae on %s: %lld images %lldx%lld (train %zu, "
               "validation %zu, test %zu), %lld steps = %lld epochs of %lld\n",
               o.data.c_str(), (long long)set.count, (long long)set.height,
               (long long)set.width, split.train.size(), split.validation.size(),
               split.test.size(), (long long)total, (long long)epochs,
               (long long)perEpoch);
  Progress progress("vae", total, step);
  Batch batch;
  double sumLoss = 0, sumRecon = 0, sumKl = 0;
  TrainLoop loop = loaderLoop(train, batch, total, perEpoch, 1, o.checkpoint_every,
                              o.stop_after, [&] { save(false); }, [&] { sumLoss = sumRecon = sumKl = 0; });
  loop.doStep = [&](int64_t step, int64_t) {
    if (!train.next(batch))
      throw Error("vae: the loader ran out of batches (internal error)");
    double beta = std::min(1.0, (double)step / betaSteps);
    auto [p, st, loss, recon, kl] =
        trainStep(state.params, state.opt, batchImages(batch),
                  random::fold_in(stepKey, (uint32_t)step), scalar(beta));
    state.params = p;
    state.opt = st;
    StepRecord r{(double)step + 1, loss.item(), recon.item(), kl.item(), beta};
    if (!std::isfinite(r.loss))
      throw Error("vae: the loss became " + fmt(r.loss) + " at step " +
                  std::to_string(step + 1) + " (try a lower --lr)");
    steps.push_back(r);
    sumLoss += r.loss;
    sumRecon += r.recon;
    sumKl += r.kl;
    return std::vector<std::pair<std::string, double>>{
        {"loss", r.loss}, {"recon", r.recon}, {"kl", r.kl}, {"beta", beta}};
  };
  loop.endEpoch = [&](int64_t epoch, int64_t step, double seconds, int64_t n) {
    EpochRecord e{};
    e.epoch = (double)epoch + 1;
    e.step = (double)step;
    e.trainLoss = n ? sumLoss / n : NAN;
    e.trainRecon = n ? sumRecon / n : NAN;
    e.trainKl = n ? sumKl / n : NAN;
    e.stepsPerSecond = seconds > 0 ? n / seconds : NAN;
    e.imagesPerSecond = e.stepsPerSecond * o.batch;
    e.seconds = seconds;
    validate(e.valNelbo, e.valRecon, e.valKl);
    e.peakMib = peak_rss_mib();
    epochRecords.push_back(e);
    char line[256];
    std::snprintf(line, sizeof line,
                  "epoch %lld: train loss %.2f, validation -ELBO %.2f "
                  "(recon %.2f, KL %.2f), %.1f images/s",
                  (long long)epoch + 1, e.trainLoss, e.valNelbo, e.valRecon,
                  e.valKl, e.imagesPerSecond);
    progress.message(line);
    writeMetrics(o, keys, steps, epochRecords, false);
    plotLoss(o.out, steps, epochRecords);
  };
  if (!runTrainLoop(loop, progress, step))
    return NAN;
  save(true);
  writeMetrics(o, keys, steps, epochRecords, true);
  plotLoss(o.out, steps, epochRecords);

  // Pictures: reconstructions, prior samples, latent space.
  {
    LoaderOptions vo;
    vo.batch_size = o.batch;
    vo.shuffle = false;
    vo.drop_last = false;
    BatchLoader val(set, split.validation, vo);
    Batch b;
    if (val.next(b)) {
      std::vector<float> in = b.images;
      std::vector<float> out =
          reconstruct(state.params, batchImages(b)).to_vector<float>();
      int64_t px = o.image_size * o.image_size * 3, shown = std::min<int64_t>(8, b.size);
      std::vector<float> grid;
      for (int row = 0; row < 2; ++row) {
        int64_t first = row * shown;
        if (first + shown > b.size)
          break;
        grid.insert(grid.end(), in.begin() + first * px, in.begin() + (first + shown) * px);
        grid.insert(grid.end(), out.begin() + first * px, out.begin() + (first + shown) * px);
      }
      plot::GridOptions g;
      g.title = "validation galaxies (odd rows) and their reconstructions";
      g.cols = (int)shown;
      g.scale = o.image_size >= 64 ? 2 : 3;
      g.row_labels = {"input", "reconstruction", "input", "reconstruction"};
      g.row_labels.resize(grid.size() / (px * shown));
      plot::image_grid(o.out + "/reconstructions.png", grid.data(),
                       (int64_t)grid.size() / px, (int)o.image_size,
                       (int)o.image_size, 3, g);
    }
  }
  {
    Tensor u = random::normal(random::fold_in(random::key((uint64_t)o.seed), 3),
                              {64, o.latent});
    plotSamples(o.out + "/samples.png", sample(state.params, u).to_vector<float>(),
                64, o.image_size,
                o.prior == "gaussian" ? "samples from the prior, z ~ N(0, I)"
                                      : "samples from the RealNVP prior");
  }
  {
    std::vector<int> labels;
    std::vector<double> mu = latentMeans(
        [&](const Tensor &x) { return encodeMean(state.params, x); }, set,
        split.validation, o.batch, o.latent, &labels);
    int64_t n = (int64_t)labels.size();
    std::vector<double> xy = pca_2d(mu, n, o.latent), x(n), y(n);
    for (int64_t i = 0; i < n; ++i) {
      x[i] = xy[2 * i];
      y[i] = xy[2 * i + 1];
    }
    plot::ScatterOptions so;
    so.title = "latent means of validation galaxies (PCA)";
    so.xlabel = "principal component 1";
    so.ylabel = "principal component 2";
    for (const char *name : kGalaxyClassNames)
      so.category_names.push_back(name);
    plot::scatter_plot(o.out + "/latent.png", x, y, labels, so);
  }
  double finalNelbo = epochRecords.empty() ? NAN : epochRecords.back().valNelbo;
  std::fprintf(stderr, "genc-zoo: done: validation -ELBO %.2f nats/image; "
                       "pictures in %s/{loss,kl,reconstructions,samples,latent}.png\n",
               finalNelbo, o.out.c_str());
  return finalNelbo;
}

} // namespace genc::zoo
