// Host statistics for the analyses: PCA, ridge regression, R², confusion
// matrices (see genc/zoo/train.h). Double precision throughout.
#include "genc/zoo/train.h"

#include <algorithm>
#include <cmath>

namespace genc::zoo {

/// Eigen-decomposition of a symmetric d x d matrix by cyclic Jacobi
/// rotations: eigenvalues in `values`, eigenvectors as columns of `vectors`.
static void jacobiEigen(std::vector<double> a, int64_t d,
                        std::vector<double> &values,
                        std::vector<double> &vectors) {
  vectors.assign(d * d, 0.0);
  for (int64_t i = 0; i < d; ++i)
    vectors[i * d + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0;
    for (int64_t p = 0; p < d; ++p)
      for (int64_t q = p + 1; q < d; ++q)
        off += a[p * d + q] * a[p * d + q];
    if (off < 1e-22)
      break;
    for (int64_t p = 0; p < d; ++p)
      for (int64_t q = p + 1; q < d; ++q) {
        double apq = a[p * d + q];
        if (std::fabs(apq) < 1e-300)
          continue;
        double theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) /
                   (std::fabs(theta) + std::sqrt(theta * theta + 1));
        double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int64_t k = 0; k < d; ++k) {
          double akp = a[k * d + p], akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (int64_t k = 0; k < d; ++k) {
          double apk = a[p * d + k], aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (int64_t k = 0; k < d; ++k) {
          double vkp = vectors[k * d + p], vkq = vectors[k * d + q];
          vectors[k * d + p] = c * vkp - s * vkq;
          vectors[k * d + q] = s * vkp + c * vkq;
        }
      }
  }
  values.resize(d);
  for (int64_t i = 0; i < d; ++i)
    values[i] = a[i * d + i];
}

std::vector<double> pca_2d(const std::vector<double> &x, int64_t n, int64_t d) {
  if (n <= 0 || d <= 0 || (int64_t)x.size() != n * d)
    throw Error("pca_2d: " + std::to_string(x.size()) +
                " values do not form a " + std::to_string(n) + " x " +
                std::to_string(d) + " matrix");
  std::vector<double> mean(d, 0.0), cov(d * d, 0.0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      mean[j] += x[i * d + j] / n;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = 0; k < d; ++k)
        cov[j * d + k] +=
            (x[i * d + j] - mean[j]) * (x[i * d + k] - mean[k]) / n;
  std::vector<double> values, vectors;
  jacobiEigen(cov, d, values, vectors);
  std::vector<int64_t> order(d);
  for (int64_t i = 0; i < d; ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return values[a] != values[b] ? values[a] > values[b] : a < b;
  });
  std::vector<double> out(n * 2, 0.0);
  for (int c = 0; c < 2 && c < d; ++c) {
    int64_t col = order[c];
    // Sign convention: the largest-magnitude loading is positive.
    double big = 0;
    for (int64_t j = 0; j < d; ++j)
      if (std::fabs(vectors[j * d + col]) > std::fabs(big))
        big = vectors[j * d + col];
    double sign = big < 0 ? -1.0 : 1.0;
    for (int64_t i = 0; i < n; ++i) {
      double v = 0;
      for (int64_t j = 0; j < d; ++j)
        v += (x[i * d + j] - mean[j]) * vectors[j * d + col];
      out[i * 2 + c] = sign * v;
    }
  }
  return out;
}

static void meanCov(const std::vector<double> &x, int64_t n, int64_t d,
                    std::vector<double> &mean, std::vector<double> &cov) {
  mean.assign(d, 0.0);
  cov.assign(d * d, 0.0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      mean[j] += x[i * d + j] / n;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = 0; k < d; ++k)
        cov[j * d + k] += (x[i * d + j] - mean[j]) * (x[i * d + k] - mean[k]) /
                          std::max<int64_t>(n - 1, 1);
}

/// The symmetric square root of a symmetric PSD matrix (negative
/// eigenvalues from rounding are clamped to 0).
static std::vector<double> sqrtSym(const std::vector<double> &a, int64_t d) {
  std::vector<double> values, vectors;
  jacobiEigen(a, d, values, vectors);
  std::vector<double> out(d * d, 0.0);
  for (int64_t k = 0; k < d; ++k) {
    double r = std::sqrt(std::max(values[k], 0.0));
    for (int64_t i = 0; i < d; ++i)
      for (int64_t j = 0; j < d; ++j)
        out[i * d + j] += vectors[i * d + k] * r * vectors[j * d + k];
  }
  return out;
}

static void checkSets(const char *what, const std::vector<double> &a, int64_t n1,
                      const std::vector<double> &b, int64_t n2, int64_t d,
                      int64_t minimum) {
  if (n1 < minimum || n2 < minimum || d <= 0 || (int64_t)a.size() != n1 * d ||
      (int64_t)b.size() != n2 * d)
    throw Error(std::string(what) + ": need two sets of at least " +
                std::to_string(minimum) + " vectors of " + std::to_string(d) +
                " features");
}

double frechet_distance(const std::vector<double> &a, int64_t n1,
                        const std::vector<double> &b, int64_t n2, int64_t d) {
  checkSets("frechet_distance", a, n1, b, n2, d, 2);
  std::vector<double> m1, c1, m2, c2;
  meanCov(a, n1, d, m1, c1);
  meanCov(b, n2, d, m2, c2);
  std::vector<double> r1 = sqrtSym(c1, d), inner(d * d, 0.0), tmp(d * d, 0.0);
  for (int64_t i = 0; i < d; ++i)
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = 0; k < d; ++k)
        tmp[i * d + j] += r1[i * d + k] * c2[k * d + j];
  for (int64_t i = 0; i < d; ++i)
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = 0; k < d; ++k)
        inner[i * d + j] += tmp[i * d + k] * r1[k * d + j];
  for (int64_t i = 0; i < d; ++i) // symmetrize against rounding
    for (int64_t j = 0; j < i; ++j)
      inner[i * d + j] = inner[j * d + i] =
          0.5 * (inner[i * d + j] + inner[j * d + i]);
  std::vector<double> root = sqrtSym(inner, d);
  double dist = 0;
  for (int64_t j = 0; j < d; ++j)
    dist += (m1[j] - m2[j]) * (m1[j] - m2[j]) + c1[j * d + j] + c2[j * d + j] -
            2 * root[j * d + j];
  return std::max(dist, 0.0);
}

double kernel_distance(const std::vector<double> &a, int64_t n1,
                       const std::vector<double> &b, int64_t n2, int64_t d) {
  checkSets("kernel_distance", a, n1, b, n2, d, 2);
  auto k = [d](const double *x, const double *y) {
    double dot = 0;
    for (int64_t j = 0; j < d; ++j)
      dot += x[j] * y[j];
    double t = dot / (double)d + 1.0;
    return t * t * t;
  };
  auto within = [&](const std::vector<double> &x, int64_t n) {
    double s = 0;
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = i + 1; j < n; ++j)
        s += k(&x[i * d], &x[j * d]);
    return 2 * s / ((double)n * (double)(n - 1));
  };
  double cross = 0;
  for (int64_t i = 0; i < n1; ++i)
    for (int64_t j = 0; j < n2; ++j)
      cross += k(&a[i * d], &b[j * d]);
  return within(a, n1) + within(b, n2) - 2 * cross / ((double)n1 * (double)n2);
}

/// Squared distance of every row of x to its k-th nearest other row.
static std::vector<double> kthNeighbourRadii(const std::vector<double> &x,
                                             int64_t n, int64_t d, int k) {
  std::vector<double> radii(n), dist(n);
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double s = 0;
      for (int64_t c = 0; c < d; ++c)
        s += (x[i * d + c] - x[j * d + c]) * (x[i * d + c] - x[j * d + c]);
      dist[j] = s;
    }
    // dist[i] = 0 is the point itself: the k-th neighbour is element k.
    std::nth_element(dist.begin(), dist.begin() + k, dist.end());
    radii[i] = dist[k];
  }
  return radii;
}

/// Fraction of the rows of q inside some ball (centre row of p, radius²).
static double coveredFraction(const std::vector<double> &p, int64_t np,
                              const std::vector<double> &radii,
                              const std::vector<double> &q, int64_t nq,
                              int64_t d) {
  int64_t inside = 0;
  for (int64_t i = 0; i < nq; ++i)
    for (int64_t j = 0; j < np; ++j) {
      double s = 0;
      for (int64_t c = 0; c < d && s <= radii[j]; ++c)
        s += (q[i * d + c] - p[j * d + c]) * (q[i * d + c] - p[j * d + c]);
      if (s <= radii[j]) {
        ++inside;
        break;
      }
    }
  return (double)inside / (double)nq;
}

PrecisionRecall precision_recall(const std::vector<double> &real, int64_t n1,
                                 const std::vector<double> &generated,
                                 int64_t n2, int64_t d, int k) {
  if (k < 1)
    throw Error("precision_recall: k must be positive, got " + std::to_string(k));
  checkSets("precision_recall", real, n1, generated, n2, d, k + 1);
  PrecisionRecall pr;
  pr.precision = coveredFraction(real, n1, kthNeighbourRadii(real, n1, d, k),
                                 generated, n2, d);
  pr.recall = coveredFraction(generated, n2, kthNeighbourRadii(generated, n2, d, k),
                              real, n1, d);
  return pr;
}

/// Solves the symmetric positive definite system a x = b (Cholesky).
static std::vector<double> solveSpd(std::vector<double> a, std::vector<double> b,
                                    int64_t d) {
  for (int64_t j = 0; j < d; ++j) {
    double s = a[j * d + j];
    for (int64_t k = 0; k < j; ++k)
      s -= a[j * d + k] * a[j * d + k];
    if (s <= 0)
      throw Error("fit_ridge: the normal equations are singular; use a "
                  "positive lambda");
    a[j * d + j] = std::sqrt(s);
    for (int64_t i = j + 1; i < d; ++i) {
      double t = a[i * d + j];
      for (int64_t k = 0; k < j; ++k)
        t -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = t / a[j * d + j];
    }
  }
  for (int64_t i = 0; i < d; ++i) {
    for (int64_t k = 0; k < i; ++k)
      b[i] -= a[i * d + k] * b[k];
    b[i] /= a[i * d + i];
  }
  for (int64_t i = d - 1; i >= 0; --i) {
    for (int64_t k = i + 1; k < d; ++k)
      b[i] -= a[k * d + i] * b[k];
    b[i] /= a[i * d + i];
  }
  return b;
}

double RidgeModel::predict(const double *row) const {
  double y = b;
  for (size_t j = 0; j < w.size(); ++j)
    y += w[j] * (row[j] - mean[j]) / scale[j];
  return y;
}

RidgeModel fit_ridge(const std::vector<double> &x, const std::vector<double> &y,
                     int64_t n, int64_t d, double lambda) {
  if (n <= 0 || d <= 0 || (int64_t)x.size() != n * d || (int64_t)y.size() != n)
    throw Error("fit_ridge: need an n x d matrix and n targets, got " +
                std::to_string(x.size()) + " values and " +
                std::to_string(y.size()) + " targets for n = " +
                std::to_string(n) + ", d = " + std::to_string(d));
  RidgeModel m;
  m.mean.assign(d, 0.0);
  m.scale.assign(d, 0.0);
  double ymean = 0;
  for (int64_t i = 0; i < n; ++i) {
    ymean += y[i] / n;
    for (int64_t j = 0; j < d; ++j)
      m.mean[j] += x[i * d + j] / n;
  }
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      m.scale[j] += (x[i * d + j] - m.mean[j]) * (x[i * d + j] - m.mean[j]) / n;
  for (double &s : m.scale)
    s = s > 0 ? std::sqrt(s) : 1.0;
  std::vector<double> a(d * d, 0.0), rhs(d, 0.0), z(d);
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < d; ++j)
      z[j] = (x[i * d + j] - m.mean[j]) / m.scale[j];
    for (int64_t j = 0; j < d; ++j) {
      rhs[j] += z[j] * (y[i] - ymean);
      for (int64_t k = 0; k < d; ++k)
        a[j * d + k] += z[j] * z[k];
    }
  }
  for (int64_t j = 0; j < d; ++j)
    a[j * d + j] += lambda;
  m.w = solveSpd(a, rhs, d);
  m.b = ymean;
  return m;
}

double r2_score(const std::vector<double> &truth,
                const std::vector<double> &pred) {
  if (truth.size() != pred.size() || truth.empty())
    throw Error("r2_score: " + std::to_string(truth.size()) + " targets and " +
                std::to_string(pred.size()) + " predictions");
  double mean = 0;
  for (double t : truth)
    mean += t / truth.size();
  double res = 0, tot = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    res += (truth[i] - pred[i]) * (truth[i] - pred[i]);
    tot += (truth[i] - mean) * (truth[i] - mean);
  }
  return tot > 0 ? 1 - res / tot : 0.0;
}

std::vector<std::vector<int64_t>> confusion(const std::vector<int> &truth,
                                            const std::vector<int> &pred,
                                            int classes) {
  if (truth.size() != pred.size())
    throw Error("confusion: " + std::to_string(truth.size()) + " labels and " +
                std::to_string(pred.size()) + " predictions");
  std::vector<std::vector<int64_t>> m(classes, std::vector<int64_t>(classes, 0));
  for (size_t i = 0; i < truth.size(); ++i)
    if (truth[i] >= 0 && truth[i] < classes && pred[i] >= 0 && pred[i] < classes)
      ++m[truth[i]][pred[i]];
  return m;
}

double accuracy(const std::vector<int> &truth, const std::vector<int> &pred) {
  if (truth.size() != pred.size() || truth.empty())
    return 0.0;
  int64_t right = 0;
  for (size_t i = 0; i < truth.size(); ++i)
    right += truth[i] == pred[i];
  return (double)right / truth.size();
}

} // namespace genc::zoo
