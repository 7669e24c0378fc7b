// Tests of Module loading (dlopen) and Function calls with argument checks.
#include "genc/runtime/Module.h"

#include <atomic>
#include <thread>

#include "TestUtil.h"
#include "genc/runtime/TensorIO.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::dataPath;
using testing::hasError;

Buffer literal(std::string_view text) {
  absl::StatusOr<Buffer> b = parseTensorLiteral(text);
  EXPECT_TRUE(b.ok()) << b.status();
  return b.ok() ? std::move(*b) : Buffer();
}

class AddArtifactTest : public ::testing::Test {
protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Module>> m =
        Module::load(GENC_TEST_ADD_ARTIFACT);
    ASSERT_TRUE(m.ok()) << m.status();
    module_ = std::move(*m);
    absl::StatusOr<const Function *> add = module_->lookup("add");
    ASSERT_TRUE(add.ok()) << add.status();
    add_ = *add;
  }
  std::unique_ptr<Module> module_;
  const Function *add_ = nullptr;
};

TEST(ModuleLoadTest, MissingFile) {
  absl::StatusOr<std::unique_ptr<Module>> m =
      Module::load("/nonexistent/model.so");
  EXPECT_EQ(m.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(hasError(m, "cannot load artifact '/nonexistent/model.so': No "
                          "such file or directory"));
  EXPECT_TRUE(hasError(Module::load(""), "empty path"));
  EXPECT_TRUE(hasError(Module::load(GENC_TEST_DATA_DIR), "is a directory"));
}

// Not an artifact at all: refused by the seal check, before dlopen.
TEST(ModuleLoadTest, NotASharedLibrary) {
  EXPECT_TRUE(hasError(Module::load(dataPath("f32_2x3.npy")),
                       "refusing to load artifact '" + dataPath("f32_2x3.npy") +
                           "': it carries no genc seal"));
}

TEST(ModuleLoadTest, LibraryWithoutMetadata) {
  EXPECT_TRUE(hasError(Module::load(GENC_TEST_NO_METADATA),
                       std::string("'") + GENC_TEST_NO_METADATA +
                           "' is not a genc artifact: it does not export "
                           "genc_artifact_metadata"));
}

TEST(ModuleLoadTest, BadMetadata) {
  EXPECT_TRUE(hasError(Module::load(GENC_TEST_BAD_METADATA),
                       "has bad metadata: metadata line 3: unknown dtype "
                       "'f12'"));
}

TEST(ModuleLoadTest, MissingEntryPoint) {
  EXPECT_TRUE(hasError(Module::load(GENC_TEST_MISSING_INVOKE),
                       "cannot resolve function 'ghost': symbol "
                       "'genc_invoke_ghost' is missing"));
}

TEST_F(AddArtifactTest, ListsFunctionsWithSignatures) {
  ASSERT_EQ(module_->functions().size(), 3u);
  EXPECT_EQ(module_->path(), GENC_TEST_ADD_ARTIFACT);
  EXPECT_EQ(formatSignature(module_->functions()[0].signature()),
            "add(2x3xf32, 2x3xf32) -> (2x3xf32)");
  EXPECT_EQ(formatSignature(module_->functions()[1].signature()),
            "sum_and_max(4xi32) -> (i64, i32)");
  EXPECT_EQ(formatSignature(module_->functions()[2].signature()),
            "iota() -> (3xf64)");
}

TEST_F(AddArtifactTest, LookupListsAvailableNames) {
  EXPECT_TRUE(hasError(module_->lookup("mul"),
                       "no function 'mul' in module; available: add, "
                       "sum_and_max, iota"));
}

TEST_F(AddArtifactTest, CallAdd) {
  Buffer a = literal("2x3xf32=1 2 3 4 5 6");
  Buffer b = literal("2x3xf32=0.5");
  absl::StatusOr<std::vector<Buffer>> out = add_->call({&a, &b});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ(formatTensorLiteral((*out)[0]),
            "2x3xf32=[1.5 2.5 3.5][4.5 5.5 6.5]");
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*out)[0].data()) % 64, 0u);
}

TEST_F(AddArtifactTest, CallIntoReusesOutputs) {
  Buffer a = literal("2x3xf32=1");
  Buffer b = literal("2x3xf32=2");
  Buffer out = literal("2x3xf32=0");
  void *data = out.data();
  GENC_ASSERT_OK(add_->callInto({&a, &b}, {&out}));
  EXPECT_EQ(out.data(), data);
  EXPECT_EQ(formatTensorLiteral(out), "2x3xf32=[3 3 3][3 3 3]");
  GENC_ASSERT_OK(add_->callInto({&out, &b}, {&a})); // a = out + b
  EXPECT_EQ(formatTensorLiteral(a), "2x3xf32=[5 5 5][5 5 5]");
}

TEST_F(AddArtifactTest, ChecksInputs) {
  Buffer good = literal("2x3xf32=1");
  Buffer transposed = literal("3x2xf32=1");
  Buffer ints = literal("2x3xi32=1");
  EXPECT_TRUE(hasError(add_->call({&good}), "'add' expects 2 inputs, got 1"));
  EXPECT_TRUE(hasError(add_->call({&good, &good, &good}),
                       "'add' expects 2 inputs, got 3"));
  EXPECT_TRUE(hasError(add_->call({&good, &transposed}),
                       "input 1 of 'add': expected shape 2x3xf32, got "
                       "3x2xf32"));
  EXPECT_TRUE(hasError(add_->call({&ints, &good}),
                       "input 0 of 'add': expected dtype 2x3xf32, got "
                       "2x3xi32"));
  EXPECT_TRUE(hasError(add_->call({&good, nullptr}), "input 1 of 'add' is "
                                                     "null"));
  Buffer empty;
  EXPECT_TRUE(
      hasError(add_->call({&empty, &good}), "input 0 of 'add' has no storage"));
}

TEST_F(AddArtifactTest, ChecksOutputs) {
  Buffer a = literal("2x3xf32=1");
  Buffer b = literal("2x3xf32=1");
  Buffer wrong = literal("6xf32=0");
  Buffer out = literal("2x3xf32=0");
  Buffer out2 = literal("2x3xf32=0");
  EXPECT_TRUE(
      hasError(add_->callInto({&a, &b}, {}), "'add' expects 1 output, got 0"));
  EXPECT_TRUE(hasError(add_->callInto({&a, &b}, {&out, &out2}),
                       "'add' expects 1 output, got 2"));
  EXPECT_TRUE(hasError(add_->callInto({&a, &b}, {&wrong}),
                       "output 0 of 'add': expected shape 2x3xf32, got 6xf32"));
  EXPECT_TRUE(hasError(add_->callInto({&a, &b}, {nullptr}),
                       "output 0 of 'add' is null"));
  EXPECT_TRUE(hasError(add_->callInto({&a, &b}, {&b}),
                       "output 0 of 'add' aliases input 1"));
  // Nothing was written by the failed calls.
  EXPECT_EQ(formatTensorLiteral(b), "2x3xf32=[1 1 1][1 1 1]");
}

TEST_F(AddArtifactTest, MultipleScalarOutputs) {
  absl::StatusOr<const Function *> f = module_->lookup("sum_and_max");
  ASSERT_TRUE(f.ok());
  Buffer in = literal("4xi32=3 -1 10 4");
  absl::StatusOr<std::vector<Buffer>> out = (*f)->call({&in});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ(formatTensorLiteral((*out)[0]), "i64=16");
  EXPECT_EQ(formatTensorLiteral((*out)[1]), "i32=10");
}

TEST_F(AddArtifactTest, FunctionWithoutInputs) {
  absl::StatusOr<const Function *> f = module_->lookup("iota");
  ASSERT_TRUE(f.ok());
  absl::StatusOr<std::vector<Buffer>> out = (*f)->call({});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(formatTensorLiteral((*out)[0]), "3xf64=0 1 2");
}

TEST_F(AddArtifactTest, ConcurrentCalls) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      absl::StatusOr<Buffer> a = Buffer::allocate(DType::F32, {2, 3});
      absl::StatusOr<Buffer> b = Buffer::allocate(DType::F32, {2, 3});
      if (!a.ok() || !b.ok())
        return void(++failures);
      for (int i = 0; i < 200; ++i) {
        for (int k = 0; k < 6; ++k) {
          a->dataAs<float>()[k] = static_cast<float>(t);
          b->dataAs<float>()[k] = static_cast<float>(i);
        }
        absl::StatusOr<std::vector<Buffer>> out = add_->call({&*a, &*b});
        if (!out.ok() || (*out)[0].dataAs<float>()[5] != t + i)
          ++failures;
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(AddArtifactTest, SameArtifactLoadsTwice) {
  absl::StatusOr<std::unique_ptr<Module>> again =
      Module::load(GENC_TEST_ADD_ARTIFACT);
  ASSERT_TRUE(again.ok()) << again.status();
  again->reset(); // Unloading one keeps the other working (dlopen refcount).
  Buffer a = literal("2x3xf32=1");
  absl::StatusOr<std::vector<Buffer>> out = add_->call({&a, &a});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)[0].dataAs<float>()[0], 2.0f);
}

// An in-process "JIT": plain C++ functions behind fromParts.
void negateInvoke(void **buffers) {
  const auto *in = static_cast<const float *>(buffers[0]);
  auto *out = static_cast<float *>(buffers[1]);
  for (int i = 0; i < 3; ++i)
    out[i] = -in[i];
}

TEST(ModuleFromPartsTest, CallsResolvedCodeAndKeepsItAlive) {
  bool released = false;
  std::vector<std::string> asked;
  {
    std::shared_ptr<void> keepAlive(nullptr, [&](void *) { released = true; });
    absl::StatusOr<std::unique_ptr<Module>> m = Module::fromParts(
        {{"negate", {{DType::F32, {3}}}, {{DType::F32, {3}}}}},
        [&](const std::string &symbol) -> absl::StatusOr<InvokeFn> {
          asked.push_back(symbol);
          return &negateInvoke;
        },
        std::move(keepAlive));
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(asked, std::vector<std::string>{"genc_invoke_negate"});
    EXPECT_EQ((*m)->path(), "");
    absl::StatusOr<const Function *> f = (*m)->lookup("negate");
    ASSERT_TRUE(f.ok());
    Buffer in = literal("3xf32=1 -2 0.5");
    absl::StatusOr<std::vector<Buffer>> out = (*f)->call({&in});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ(formatTensorLiteral((*out)[0]), "3xf32=-1 2 -0.5");
    EXPECT_FALSE(released);
  }
  EXPECT_TRUE(released);
}

TEST(ModuleFromPartsTest, ReportsResolverAndSignatureErrors) {
  auto fail = [](const std::string &symbol) -> absl::StatusOr<InvokeFn> {
    return absl::NotFoundError("no symbol " + symbol);
  };
  EXPECT_TRUE(hasError(Module::fromParts({{"f", {}, {}}}, fail, nullptr),
                       "cannot resolve function 'f': no symbol genc_invoke_f"));
  auto null = [](const std::string &) -> absl::StatusOr<InvokeFn> {
    return InvokeFn{nullptr};
  };
  EXPECT_TRUE(hasError(Module::fromParts({{"f", {}, {}}}, null, nullptr),
                       "resolved to null"));
  auto ok = [](const std::string &) -> absl::StatusOr<InvokeFn> {
    return &negateInvoke;
  };
  EXPECT_TRUE(
      hasError(Module::fromParts({{"f", {}, {}}, {"f", {}, {}}}, ok, nullptr),
               "duplicate function 'f'"));
  EXPECT_TRUE(hasError(Module::fromParts({{"a b", {}, {}}}, ok, nullptr),
                       "invalid function name 'a b'"));
  absl::StatusOr<std::unique_ptr<Module>> empty =
      Module::fromParts({}, nullptr, nullptr);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(hasError((*empty)->lookup("x"), "it has no functions"));
}

TEST(FunctionTest, WithoutCodeFailsCleanly) {
  Function f({"f", {}, {}}, nullptr);
  EXPECT_TRUE(hasError(f.call({}), "function 'f' has no code"));
}

} // namespace
} // namespace genc::runtime
