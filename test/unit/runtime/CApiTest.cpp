// Tests of the C API in genc_runtime.h (including a call from real C code).
#include "genc/runtime/genc_runtime.h"

#include <cstring>
#include <string>

#include "gtest/gtest.h"

extern "C" int genc_test_c_api_smoke(const char *artifact_path);

namespace {

// Takes ownership of a status and returns its message ("" for OK).
std::string consume(genc_status_t *status) {
  std::string message = genc_status_message(status);
  genc_status_free(status);
  return message;
}

class CApiTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(consume(genc_module_load(GENC_TEST_ADD_ARTIFACT, &module_)), "");
    ASSERT_NE(module_, nullptr);
  }
  void TearDown() override { genc_module_free(module_); }

  genc_buffer_t *make(genc_dtype_t dtype, std::initializer_list<int64_t> dims,
                      float fill) {
    genc_buffer_t *buffer = nullptr;
    EXPECT_EQ(
        consume(genc_buffer_create(dtype, dims.size(), dims.begin(), &buffer)),
        "");
    if (buffer && dtype == GENC_DTYPE_F32)
      for (int64_t i = 0; i < genc_buffer_num_elements(buffer); ++i)
        static_cast<float *>(genc_buffer_data(buffer))[i] = fill;
    return buffer;
  }

  genc_module_t *module_ = nullptr;
};

TEST(CApiLoadTest, LoadErrorsReturnAMessage) {
  genc_module_t *module = reinterpret_cast<genc_module_t *>(0x1);
  std::string message =
      consume(genc_module_load("/nonexistent/model.so", &module));
  EXPECT_NE(message.find("cannot load artifact '/nonexistent/model.so'"),
            std::string::npos)
      << message;
  EXPECT_EQ(module, nullptr);
  EXPECT_NE(consume(genc_module_load(GENC_TEST_NO_METADATA, &module))
                .find("is not a genc artifact"),
            std::string::npos);
  EXPECT_NE(consume(genc_module_load(nullptr, &module)).find("path is NULL"),
            std::string::npos);
  EXPECT_NE(consume(genc_module_load("x", nullptr)).find("out_module is NULL"),
            std::string::npos);
  EXPECT_STREQ(genc_status_message(nullptr), "");
  genc_status_free(nullptr);
  genc_module_free(nullptr);
  genc_buffer_free(nullptr);
}

TEST_F(CApiTest, ListsFunctions) {
  ASSERT_EQ(genc_module_function_count(module_), 3u);
  EXPECT_STREQ(genc_module_function_name(module_, 0), "add");
  EXPECT_STREQ(genc_module_function_name(module_, 1), "sum_and_max");
  EXPECT_STREQ(genc_module_function_name(module_, 2), "iota");
  EXPECT_EQ(genc_module_function_name(module_, 3), nullptr);
  EXPECT_EQ(genc_module_function_num_inputs(module_, "add"), 2);
  EXPECT_EQ(genc_module_function_num_outputs(module_, "sum_and_max"), 2);
  EXPECT_EQ(genc_module_function_num_inputs(module_, "nope"), -1);
  EXPECT_EQ(genc_module_function_count(nullptr), 0u);
}

TEST_F(CApiTest, BufferAccessors) {
  const int64_t dims[] = {2, 3, 4};
  genc_buffer_t *b = nullptr;
  ASSERT_EQ(consume(genc_buffer_create(GENC_DTYPE_I64, 3, dims, &b)), "");
  EXPECT_EQ(genc_buffer_dtype(b), GENC_DTYPE_I64);
  EXPECT_EQ(genc_buffer_rank(b), 3u);
  EXPECT_EQ(genc_buffer_dim(b, 2), 4);
  EXPECT_EQ(genc_buffer_dim(b, 3), -1);
  EXPECT_EQ(genc_buffer_num_elements(b), 24);
  EXPECT_EQ(genc_buffer_byte_size(b), 192u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(genc_buffer_data(b)) % 64, 0u);
  genc_buffer_free(b);

  genc_buffer_t *scalar = nullptr;
  ASSERT_EQ(consume(genc_buffer_create(GENC_DTYPE_BF16, 0, nullptr, &scalar)),
            "");
  EXPECT_EQ(genc_buffer_num_elements(scalar), 1);
  genc_buffer_free(scalar);

  const int64_t negative[] = {-1};
  genc_buffer_t *bad = reinterpret_cast<genc_buffer_t *>(0x1);
  EXPECT_NE(consume(genc_buffer_create(GENC_DTYPE_F32, 1, negative, &bad))
                .find("negative dimension"),
            std::string::npos);
  EXPECT_EQ(bad, nullptr);
  EXPECT_NE(consume(genc_buffer_create(static_cast<genc_dtype_t>(42), 0,
                                       nullptr, &bad))
                .find("invalid dtype 42"),
            std::string::npos);
}

TEST_F(CApiTest, CallsAdd) {
  genc_buffer_t *a = make(GENC_DTYPE_F32, {2, 3}, 1.5f);
  genc_buffer_t *b = make(GENC_DTYPE_F32, {2, 3}, 2.0f);
  genc_buffer_t *inputs[] = {a, b};
  genc_buffer_t *out = nullptr;
  ASSERT_EQ(consume(genc_module_call(module_, "add", inputs, 2, &out, 1)), "");
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(genc_buffer_num_elements(out), 6);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(static_cast<float *>(genc_buffer_data(out))[i], 3.5f);
  genc_buffer_free(out);
  genc_buffer_free(b);
  genc_buffer_free(a);
}

TEST_F(CApiTest, OutputsOutliveTheModule) {
  genc_buffer_t *outs[1] = {nullptr};
  ASSERT_EQ(consume(genc_module_call(module_, "iota", nullptr, 0, outs, 1)),
            "");
  genc_module_free(module_);
  module_ = nullptr;
  EXPECT_EQ(static_cast<double *>(genc_buffer_data(outs[0]))[2], 2.0);
  genc_buffer_free(outs[0]);
}

TEST_F(CApiTest, CallErrors) {
  genc_buffer_t *good = make(GENC_DTYPE_F32, {2, 3}, 0);
  genc_buffer_t *wrongShape = make(GENC_DTYPE_F32, {3, 2}, 0);
  genc_buffer_t *wrongType = make(GENC_DTYPE_I32, {2, 3}, 0);
  // Room for n_out pointers; the callee writes NULL to each on failure.
  genc_buffer_t *outs[2] = {reinterpret_cast<genc_buffer_t *>(0x1),
                            reinterpret_cast<genc_buffer_t *>(0x1)};
  auto call = [&](const char *name, std::initializer_list<genc_buffer_t *> in,
                  size_t nOut) {
    std::vector<genc_buffer_t *> inputs(in);
    return consume(genc_module_call(module_, name, inputs.data(), inputs.size(),
                                    outs, nOut));
  };
  EXPECT_EQ(call("add", {good, wrongShape}, 1),
            "input 1 of 'add': expected shape 2x3xf32, got 3x2xf32");
  EXPECT_EQ(outs[0], nullptr);
  EXPECT_EQ(call("add", {wrongType, good}, 1),
            "input 0 of 'add': expected dtype 2x3xf32, got 2x3xi32");
  EXPECT_EQ(call("add", {good}, 1), "'add' expects 2 inputs, got 1");
  EXPECT_EQ(call("add", {good, good}, 2), "'add' has 1 output, but n_out is 2");
  EXPECT_NE(call("mul", {good, good}, 1).find("no function 'mul'"),
            std::string::npos);
  EXPECT_EQ(call("add", {good, nullptr}, 1), "input 1 of 'add' is null");
  EXPECT_EQ(consume(genc_module_call(nullptr, "add", nullptr, 0, outs, 1)),
            "genc_module_call: module is NULL");
  genc_buffer_free(wrongType);
  genc_buffer_free(wrongShape);
  genc_buffer_free(good);
}

// Use after release, double free, wrong-kind and stray handles: an error
// status from genc_module_call, a "nothing" value + genc_last_error from
// the functions without a status; never a dereference of freed memory
// (the ASan build of this test would report one).
TEST_F(CApiTest, ReleasedAndStrayHandlesAreErrorsNotUndefinedBehaviour) {
  genc_buffer_t *a = make(GENC_DTYPE_F32, {2, 3}, 1);
  genc_buffer_t *b = make(GENC_DTYPE_F32, {2, 3}, 2);
  genc_buffer_free(b);
  genc_buffer_t *out = reinterpret_cast<genc_buffer_t *>(0x1);
  genc_buffer_t *inputs[] = {a, b};
  std::string message = consume(genc_module_call(module_, "add", inputs, 2, &out, 1));
  EXPECT_NE(message.find("genc_module_call: input 1: buffer 0x"),
            std::string::npos) << message;
  EXPECT_NE(message.find("was already released by genc_buffer_free (use "
                         "after release)"),
            std::string::npos) << message;
  EXPECT_EQ(out, nullptr);

  // A new buffer never gets the released handle back.
  genc_buffer_t *c = make(GENC_DTYPE_F32, {2, 3}, 3);
  EXPECT_NE(c, b);

  testing::internal::CaptureStderr();
  EXPECT_EQ(genc_buffer_data(b), nullptr);
  EXPECT_NE(std::string(genc_last_error()).find("genc_buffer_data: buffer 0x"),
            std::string::npos);
  EXPECT_EQ(genc_buffer_num_elements(b), 0);
  EXPECT_EQ(genc_buffer_dim(b, 0), -1);
  EXPECT_EQ(genc_buffer_rank(b), 0u);
  EXPECT_EQ(genc_buffer_byte_size(b), 0u);
  genc_buffer_free(b); // double free
  EXPECT_NE(std::string(genc_last_error()).find("genc_buffer_free: buffer 0x"),
            std::string::npos);
  EXPECT_NE(std::string(genc_last_error()).find("already released"),
            std::string::npos);
  // A module handle passed as a buffer, and a value never returned.
  EXPECT_EQ(genc_buffer_rank(reinterpret_cast<genc_buffer_t *>(module_)), 0u);
  EXPECT_NE(std::string(genc_last_error()).find("is a module handle, not a buffer"),
            std::string::npos) << genc_last_error();
  genc_buffer_t *stray = reinterpret_cast<genc_buffer_t *>(0xdeadbeef0);
  EXPECT_EQ(genc_buffer_data(stray), nullptr);
  EXPECT_NE(std::string(genc_last_error()).find("is not a genc buffer handle"),
            std::string::npos) << genc_last_error();
  std::string printed = testing::internal::GetCapturedStderr();
  EXPECT_NE(printed.find("genc runtime: genc_buffer_free: buffer 0x"),
            std::string::npos) << printed;

  // The module: use after release in calls and queries.
  genc_module_t *m = nullptr;
  ASSERT_EQ(consume(genc_module_load(GENC_TEST_ADD_ARTIFACT, &m)), "");
  genc_module_free(m);
  message = consume(genc_module_call(m, "add", inputs, 2, &out, 1));
  EXPECT_NE(message.find("genc_module_call: module 0x"),
            std::string::npos) << message;
  testing::internal::CaptureStderr();
  EXPECT_EQ(genc_module_function_count(m), 0u);
  EXPECT_EQ(genc_module_function_num_inputs(m, "add"), -1);
  genc_module_free(m);
  EXPECT_NE(std::string(genc_last_error()).find("genc_module_free: module 0x"),
            std::string::npos) << genc_last_error();
  testing::internal::GetCapturedStderr();

  // The live handles still work.
  genc_buffer_t *ok[] = {a, c};
  ASSERT_EQ(consume(genc_module_call(module_, "add", ok, 2, &out, 1)), "");
  EXPECT_EQ(static_cast<float *>(genc_buffer_data(out))[5], 4.0f);
  genc_buffer_free(out);
  genc_buffer_free(c);
  genc_buffer_free(a);
}

TEST(CApiFromCTest, SmokeTestWrittenInC) {
  EXPECT_EQ(genc_test_c_api_smoke(GENC_TEST_ADD_ARTIFACT), 0);
}

} // namespace
