// Elementwise comparison of two tensors for the frontend tests: equal
// shapes, |a - b| <= tol * max(1, |b|) everywhere.
#ifndef GENC_TEST_UNIT_FRONTEND_ALLCLOSE_H
#define GENC_TEST_UNIT_FRONTEND_ALLCLOSE_H

#include "genc/genc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

inline void expectAllClose(const genc::Tensor &a, const genc::Tensor &b,
                           double tol, const std::string &what) {
  ASSERT_EQ(a.shape(), b.shape()) << what;
  std::vector<double> x = a.to_vector<double>(), y = b.to_vector<double>();
  for (size_t i = 0; i < x.size(); ++i)
    ASSERT_NEAR(x[i], y[i], tol * std::max(1.0, std::fabs(y[i])))
        << what << " at " << i;
}

#endif // GENC_TEST_UNIT_FRONTEND_ALLCLOSE_H
