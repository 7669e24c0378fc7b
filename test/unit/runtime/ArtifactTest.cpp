// Tests of tensor type parsing and the artifact metadata format.
#include "genc/runtime/Artifact.h"

#include "TestUtil.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::hasError;

TEST(TensorSpecParseTest, ParsesShapesAndScalars) {
  struct Case {
    const char *text;
    DType dtype;
    std::vector<int64_t> shape;
  } cases[] = {
      {"2x3xf32", DType::F32, {2, 3}}, {"f32", DType::F32, {}},
      {"0x4xf32", DType::F32, {0, 4}}, {"4xi1", DType::I1, {4}},
      {"bool", DType::I1, {}},         {"1x2x3x4xui8", DType::U8, {1, 2, 3, 4}},
      {"  7xbf16 ", DType::BF16, {7}}, {"10xi64", DType::I64, {10}},
  };
  for (const Case &c : cases) {
    absl::StatusOr<TensorSpec> spec = parseTensorSpec(c.text);
    ASSERT_TRUE(spec.ok()) << c.text << ": " << spec.status();
    EXPECT_EQ(spec->dtype, c.dtype) << c.text;
    EXPECT_EQ(spec->shape, c.shape) << c.text;
  }
}

TEST(TensorSpecParseTest, RejectsBadTypes) {
  EXPECT_TRUE(hasError(parseTensorSpec("2x3xf12"), "unknown dtype 'f12'"));
  EXPECT_TRUE(hasError(parseTensorSpec("2xx3xf32"),
                       "invalid tensor type '2xx3xf32': bad dimension ''"));
  EXPECT_TRUE(hasError(parseTensorSpec("?x3xf32"), "dynamic dimensions"));
  EXPECT_TRUE(hasError(parseTensorSpec("-1x3xf32"), "bad dimension '-1'"));
  EXPECT_TRUE(hasError(parseTensorSpec("+1x3xf32"), "bad dimension '+1'"));
  EXPECT_TRUE(hasError(parseTensorSpec("2.5xf32"), "bad dimension '2.5'"));
  EXPECT_TRUE(hasError(parseTensorSpec(""), "invalid tensor type '': empty"));
  EXPECT_TRUE(
      hasError(parseTensorSpec("99999999999999999999xf32"), "is too large"));
  EXPECT_TRUE(hasError(parseTensorSpec("2x3x"), "unknown dtype ''"));
}

constexpr const char *kExample = R"(# produced by genc
genc-artifact 1

func main   # the entry point
input 2x3xf32
  input f32
output 3xi64
end
func other
output 0x4xui8
end
)";

TEST(MetadataTest, ParsesTheSpecExample) {
  absl::StatusOr<std::vector<FunctionSignature>> fns =
      parseArtifactMetadata(kExample);
  ASSERT_TRUE(fns.ok()) << fns.status();
  ASSERT_EQ(fns->size(), 2u);
  const FunctionSignature &main = (*fns)[0];
  EXPECT_EQ(main.name, "main");
  ASSERT_EQ(main.inputs.size(), 2u);
  EXPECT_EQ(main.inputs[0], (TensorSpec{DType::F32, {2, 3}}));
  EXPECT_EQ(main.inputs[1], (TensorSpec{DType::F32, {}}));
  ASSERT_EQ(main.outputs.size(), 1u);
  EXPECT_EQ(main.outputs[0], (TensorSpec{DType::I64, {3}}));
  const FunctionSignature &other = (*fns)[1];
  EXPECT_EQ(other.name, "other");
  EXPECT_TRUE(other.inputs.empty());
  ASSERT_EQ(other.outputs.size(), 1u);
  EXPECT_EQ(other.outputs[0], (TensorSpec{DType::U8, {0, 4}}));
}

TEST(MetadataTest, PrintThenParseRoundTrips) {
  std::vector<FunctionSignature> fns = {
      {"main", {{DType::F32, {2, 3}}, {DType::F32, {}}}, {{DType::I64, {3}}}},
      {"no_io", {}, {}},
      {"all_types",
       {{DType::F64, {1}},
        {DType::F16, {2}},
        {DType::BF16, {3}},
        {DType::I1, {4}},
        {DType::I8, {5}}},
       {{DType::I32, {6}}, {DType::U8, {0, 7}}}},
  };
  std::string text = printArtifactMetadata(fns);
  EXPECT_EQ(text.substr(0, 16), "genc-artifact 1\n");
  absl::StatusOr<std::vector<FunctionSignature>> parsed =
      parseArtifactMetadata(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, fns);
  EXPECT_EQ(printArtifactMetadata(*parsed), text);
}

TEST(MetadataTest, PrintsTheDocumentedFormat) {
  std::vector<FunctionSignature> fns = {
      {"main", {{DType::F32, {2, 3}}, {DType::F32, {}}}, {{DType::I64, {3}}}}};
  EXPECT_EQ(printArtifactMetadata(fns), "genc-artifact 1\n"
                                        "func main\n"
                                        "input 2x3xf32\n"
                                        "input f32\n"
                                        "output 3xi64\n"
                                        "end\n");
}

TEST(MetadataTest, NoFunctionsIsValid) {
  absl::StatusOr<std::vector<FunctionSignature>> fns =
      parseArtifactMetadata("genc-artifact 1\n");
  ASSERT_TRUE(fns.ok()) << fns.status();
  EXPECT_TRUE(fns->empty());
}

TEST(MetadataTest, AcceptsCrlfLineEndings) {
  absl::StatusOr<std::vector<FunctionSignature>> fns = parseArtifactMetadata(
      "genc-artifact 1\r\nfunc f\r\ninput 2xi8\r\nend\r\n");
  ASSERT_TRUE(fns.ok()) << fns.status();
  ASSERT_EQ(fns->size(), 1u);
  EXPECT_EQ((*fns)[0].inputs[0].str(), "2xi8");
}

TEST(MetadataTest, ParsesDevicesLines) {
  absl::StatusOr<std::vector<FunctionSignature>> fns =
      parseArtifactMetadata("genc-artifact 2\n"
                            "func train\n"
                            "input 4xf32\n"
                            "devices 8   # after an input is fine too\n"
                            "output 4xf32\n"
                            "end\n"
                            "func eval\n"
                            "end\n");
  ASSERT_TRUE(fns.ok()) << fns.status();
  ASSERT_EQ(fns->size(), 2u);
  EXPECT_EQ((*fns)[0].devices, 8);
  EXPECT_EQ((*fns)[0].inputs.size(), 1u);
  EXPECT_EQ((*fns)[0].outputs.size(), 1u);
  EXPECT_EQ((*fns)[1].devices, 1);
  // A devices line may say 1; version 2 without devices lines is fine.
  fns = parseArtifactMetadata("genc-artifact 2\nfunc f\ndevices 1\nend\n");
  ASSERT_TRUE(fns.ok()) << fns.status();
  EXPECT_EQ((*fns)[0].devices, 1);
  fns = parseArtifactMetadata("genc-artifact 2\nfunc f\nend\n");
  ASSERT_TRUE(fns.ok()) << fns.status();
  EXPECT_EQ((*fns)[0].devices, 1);
}

TEST(MetadataTest, PrintsVersion2OnlyForMultiDeviceFunctions) {
  std::vector<FunctionSignature> fns = {
      {"train", {{DType::F32, {4}}}, {{DType::F32, {4}}}, 4},
      {"eval", {{DType::F32, {4}}}, {}}};
  std::string text = printArtifactMetadata(fns);
  EXPECT_EQ(text, "genc-artifact 2\n"
                  "func train\n"
                  "devices 4\n"
                  "input 4xf32\n"
                  "output 4xf32\n"
                  "end\n"
                  "func eval\n"
                  "input 4xf32\n"
                  "end\n");
  absl::StatusOr<std::vector<FunctionSignature>> parsed =
      parseArtifactMetadata(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, fns);
  EXPECT_EQ(printArtifactMetadata(*parsed), text);
  // Devices are part of the signature's equality.
  fns[0].devices = 2;
  EXPECT_NE(*parsed, fns);
  // All single-device: version 1, byte-identical to before.
  fns[0].devices = 1;
  EXPECT_EQ(printArtifactMetadata(fns).substr(0, 16), "genc-artifact 1\n");
}

TEST(MetadataTest, FormatSignature) {
  FunctionSignature sig{
      "main", {{DType::F32, {2, 3}}, {DType::F32, {}}}, {{DType::I64, {3}}}};
  EXPECT_EQ(formatSignature(sig), "main(2x3xf32, f32) -> (3xi64)");
}

TEST(MetadataTest, FunctionNames) {
  EXPECT_TRUE(isValidFunctionName("main"));
  EXPECT_TRUE(isValidFunctionName("_f2"));
  EXPECT_FALSE(isValidFunctionName(""));
  EXPECT_FALSE(isValidFunctionName("2f"));
  EXPECT_FALSE(isValidFunctionName("a-b"));
  EXPECT_FALSE(isValidFunctionName("a.b"));
}

struct MetadataErrorCase {
  const char *name;
  const char *text;
  const char *error;
};

void PrintTo(const MetadataErrorCase &c, std::ostream *os) { *os << c.name; }

class MetadataErrorTest : public ::testing::TestWithParam<MetadataErrorCase> {};

TEST_P(MetadataErrorTest, ReportsLineAndProblem) {
  EXPECT_TRUE(
      hasError(parseArtifactMetadata(GetParam().text), GetParam().error));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, MetadataErrorTest,
    ::testing::Values(
        MetadataErrorCase{"UnknownDType",
                          "genc-artifact 1\nfunc main\ninput f12\nend\n",
                          "metadata line 3: unknown dtype 'f12'"},
        MetadataErrorCase{"WrongVersion", "genc-artifact 4\n",
                          "metadata line 1: unsupported artifact metadata "
                          "version '4' (this runtime reads versions 1 to 3)"},
        MetadataErrorCase{"DevicesInVersion1",
                          "genc-artifact 1\nfunc main\ndevices 4\nend\n",
                          "metadata line 3: 'devices' needs artifact "
                          "metadata version 2"},
        MetadataErrorCase{"DevicesZero",
                          "genc-artifact 2\nfunc main\ndevices 0\nend\n",
                          "metadata line 3: devices must be a positive "
                          "integer, got '0'"},
        MetadataErrorCase{"DevicesNegative",
                          "genc-artifact 2\nfunc main\ndevices -2\nend\n",
                          "metadata line 3: devices must be a positive "
                          "integer, got '-2'"},
        MetadataErrorCase{"DevicesPlusSign",
                          "genc-artifact 2\nfunc main\ndevices +2\nend\n",
                          "metadata line 3: devices must be a positive "
                          "integer, got '+2'"},
        MetadataErrorCase{"DevicesNotANumber",
                          "genc-artifact 2\nfunc main\ndevices 2x\nend\n",
                          "metadata line 3: devices must be a positive "
                          "integer, got '2x'"},
        MetadataErrorCase{"DevicesTooLarge",
                          "genc-artifact 2\nfunc main\n"
                          "devices 99999999999999999999\nend\n",
                          "metadata line 3: devices must be a positive "
                          "integer, got '99999999999999999999'"},
        MetadataErrorCase{"DevicesWithoutCount",
                          "genc-artifact 2\nfunc main\ndevices\nend\n",
                          "metadata line 3: expected 'devices N'"},
        MetadataErrorCase{"DevicesTwoCounts",
                          "genc-artifact 2\nfunc main\ndevices 2 4\nend\n",
                          "metadata line 3: expected 'devices N'"},
        MetadataErrorCase{"DuplicateDevices",
                          "genc-artifact 2\nfunc main\ndevices 2\n"
                          "input f32\ndevices 2\nend\n",
                          "metadata line 5: duplicate 'devices' line in "
                          "function 'main' (first on line 3)"},
        MetadataErrorCase{"DevicesOutsideFunction",
                          "genc-artifact 2\ndevices 2\n",
                          "metadata line 2: 'devices' outside a function"},
        MetadataErrorCase{"MissingHeader", "func main\nend\n",
                          "metadata line 1: expected 'genc-artifact 1' "
                          "header, got 'func main'"},
        MetadataErrorCase{"HeaderWithoutVersion", "genc-artifact\n",
                          "metadata line 1: expected 'genc-artifact "
                          "<version>'"},
        MetadataErrorCase{"Empty", "  # nothing\n\n", "metadata is empty"},
        MetadataErrorCase{"UnknownKeyword",
                          "genc-artifact 1\nfunc f\nresult f32\nend\n",
                          "metadata line 3: unknown keyword 'result'"},
        MetadataErrorCase{"InputOutsideFunction",
                          "genc-artifact 1\ninput f32\n",
                          "metadata line 2: 'input' outside a function"},
        MetadataErrorCase{"OutputOutsideFunction",
                          "genc-artifact 1\nfunc f\nend\noutput f32\n",
                          "metadata line 4: 'output' outside a function"},
        MetadataErrorCase{"EndWithoutFunc", "genc-artifact 1\nend\n",
                          "metadata line 2: 'end' without 'func'"},
        MetadataErrorCase{"MissingEnd",
                          "genc-artifact 1\n\nfunc f\ninput f32\n",
                          "metadata line 3: function 'f' is missing 'end'"},
        MetadataErrorCase{"NestedFunc",
                          "genc-artifact 1\nfunc f\nfunc g\nend\n",
                          "metadata line 3: 'func' inside function 'f'"},
        MetadataErrorCase{"DuplicateFunction",
                          "genc-artifact 1\nfunc f\nend\nfunc f\nend\n",
                          "metadata line 4: duplicate function 'f'"},
        MetadataErrorCase{"InvalidName", "genc-artifact 1\nfunc a-b\nend\n",
                          "metadata line 2: invalid function name 'a-b'"},
        MetadataErrorCase{"FuncWithoutName", "genc-artifact 1\nfunc\nend\n",
                          "metadata line 2: expected 'func NAME'"},
        MetadataErrorCase{"InputWithTwoTypes",
                          "genc-artifact 1\nfunc f\ninput f32 f32\nend\n",
                          "metadata line 3: expected 'input TYPE'"},
        MetadataErrorCase{"TextAfterEnd", "genc-artifact 1\nfunc f\nend f\n",
                          "metadata line 3: unexpected text after 'end'"},
        MetadataErrorCase{"BadDimension",
                          "genc-artifact 1\nfunc f\noutput 2x-3xf32\nend\n",
                          "metadata line 3: invalid tensor type '2x-3xf32'"},
        MetadataErrorCase{"DuplicateHeader",
                          "genc-artifact 1\ngenc-artifact 1\n",
                          "metadata line 2: duplicate 'genc-artifact' "
                          "header"}),
    [](const ::testing::TestParamInfo<MetadataErrorCase> &info) {
      return std::string(info.param.name);
    });

} // namespace
} // namespace genc::runtime
