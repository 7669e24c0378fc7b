// Test helper: whether a call throws a genc::Error whose message contains
// a given text (one check for the error-message tests of the zoo models).
#ifndef GENC_TEST_ZOO_MODELS_ERRORTEXT_H
#define GENC_TEST_ZOO_MODELS_ERRORTEXT_H

#include <genc/genc.h>

#include <gtest/gtest.h>

#include <string>

/// Use as EXPECT_TRUE(throwsErrorWith([&] { ... }, "text")) so a failure
/// names the caller's line, the message thrown, or that nothing was.
template <class F>
::testing::AssertionResult throwsErrorWith(F &&call, const std::string &text) {
  try {
    call();
  } catch (const genc::Error &e) {
    if (std::string(e.what()).find(text) != std::string::npos)
      return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "the error '" << e.what() << "' does not contain '" << text << "'";
  }
  return ::testing::AssertionFailure() << "no error; expected one containing '" << text << "'";
}

#endif // GENC_TEST_ZOO_MODELS_ERRORTEXT_H
