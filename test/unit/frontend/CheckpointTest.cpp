// Tests of save_checkpoint / load_checkpoint (safetensors): round trips,
// files written by Python's safetensors, corruption detection.
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace genc;
namespace fs = std::filesystem;

namespace {

/// A fresh directory per test.
class Checkpoint : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("genc_ckpt_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string &name) const {
    return (dir_ / name).string();
  }

  fs::path dir_;
};

std::string readBytes(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::string &path, const std::string &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), (std::streamsize)bytes.size());
}

std::string fromHex(const std::string &hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += (char)std::stoi(hex.substr(i, 2), nullptr, 16);
  return out;
}

/// A safetensors file: 8-byte little-endian length, header, data.
std::string safetensorsFile(const std::string &header,
                            const std::string &data) {
  std::string out(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    out[i] = (char)(n >> (8 * i));
  return out + header + data;
}

/// Expects load_checkpoint(path) to throw an Error mentioning the file and
/// `needle`.
void expectLoadError(const std::string &path, const std::string &needle) {
  try {
    load_checkpoint(path);
    ADD_FAILURE() << "expected an error mentioning \"" << needle << "\"";
  } catch (const Error &e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("CheckpointTest.cpp:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'" + path + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find(needle), std::string::npos) << msg;
  }
}

/// A u8 tensor (genc programs do not compute on u8, so build the buffer).
Tensor u8Tensor(const std::string &bytes) {
  auto b = runtime::Buffer::allocate(DType::U8, {(int64_t)bytes.size()});
  EXPECT_TRUE(b.ok());
  std::memcpy(b->data(), bytes.data(), bytes.size());
  return Tensor(std::move(*b));
}

void expectSameTensor(const Tensor &a, const Tensor &b,
                      const std::string &name) {
  ASSERT_TRUE(a.defined() && b.defined()) << name;
  EXPECT_EQ(a.dtype(), b.dtype()) << name;
  EXPECT_EQ(a.shape(), b.shape()) << name;
  ASSERT_EQ(a.buffer().byteSize(), b.buffer().byteSize()) << name;
  EXPECT_EQ(
      std::memcmp(a.buffer().data(), b.buffer().data(), a.buffer().byteSize()),
      0)
      << name;
}

TEST_F(Checkpoint, RoundTripsEveryDtype) {
  Tensor f = array(std::vector<float>{1.5f, -2, 3.25f, 1e-30f, 7, 8}, {2, 3});
  Params tensors{
      {"f32", f},
      {"f64", array(std::vector<double>{3.141592653589793}, {})},
      {"f16", astype(f, f16)},
      {"bf16", astype(f, bf16)},
      {"i8", astype(array(std::vector<int32_t>{-128, 0, 127}, {3}), i8)},
      {"i32", array(std::vector<int32_t>{-7, 2147483647}, {2})},
      {"i64",
       array(std::vector<int64_t>{-(int64_t{1} << 62), 9007199254740993}, {2})},
      {"bool", array(std::vector<bool>{true, false, true}, {3, 1})},
      {"u8", u8Tensor(std::string("\x00\xc8\xff", 3))},
      {"empty", zeros({0, 3})},
      {"nested/opt/count", scalar(5, i32)},
  };
  std::map<std::string, std::string> meta{{"step", "1000"},
                                          {"note", "h\xc3\xa9llo \"q\"\n\t\\"}};
  save_checkpoint(path("all.safetensors"), tensors, meta);
  std::map<std::string, std::string> gotMeta;
  Params back = load_checkpoint(path("all.safetensors"), &gotMeta);
  EXPECT_EQ(back.names(), tensors.names());
  for (const auto &[name, t] : tensors)
    expectSameTensor(back.at(name), t, name);
  EXPECT_EQ(gotMeta, meta); // genc.sha256 is not handed back
  EXPECT_EQ(back.at("i64").to_vector<int64_t>()[1], 9007199254740993);
  // Loaded tensors are ordinary tensors.
  EXPECT_NEAR((back.at("f32") * 2.0).to_vector<float>()[0], 3.0f, 0);
}

TEST_F(Checkpoint, FileLayoutFollowsTheSpec) {
  // One U8 tensor holding "abc": the data section is exactly "abc".
  Tensor abc = u8Tensor("abc");
  save_checkpoint(path("abc.safetensors"), Params{{"t", abc}}, {{"k", "v"}});
  std::string bytes = readBytes(path("abc.safetensors"));
  ASSERT_GT(bytes.size(), 8u);
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i)
    n |= (uint64_t)(uint8_t)bytes[i] << (8 * i);
  EXPECT_EQ(n % 8, 0u); // padded so the data is 8-byte aligned
  ASSERT_EQ(bytes.size(), 8 + n + 3);
  std::string header = bytes.substr(8, n);
  EXPECT_EQ(bytes.substr(8 + n), "abc");
  // SHA-256("abc") from FIPS 180-2.
  const std::string abcHash =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  EXPECT_EQ(sha256_hex("abc", 3), abcHash);
  EXPECT_EQ(header.substr(0, header.find_last_not_of(' ') + 1),
            "{\"__metadata__\":{\"genc.sha256\":\"" + abcHash +
                "\",\"k\":\"v\"},\"t\":{\"dtype\":\"U8\",\"shape\":[3],"
                "\"data_offsets\":[0,3]}}");
  // Longer inputs cross SHA-256 block boundaries.
  std::string million(1000000, 'a');
  EXPECT_EQ(sha256_hex(million.data(), million.size()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Written by Python: safetensors.numpy.save_file({"weight": float32
// [[1.5, -2], [3, 4]], "ids": int64 [7, -1, 300], "mask": bool [True, False,
// True], "half": float16 [1, -0.5]}, metadata={"format": "np"}).
const char *kPythonFileHex =
    "10010000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174"
    "223a226e70227d2c22696473223a7b226474797065223a22493634222c227368"
    "617065223a5b335d2c22646174615f6f666673657473223a5b302c32345d7d2c"
    "22776569676874223a7b226474797065223a22463332222c227368617065223a"
    "5b322c325d2c22646174615f6f666673657473223a5b32342c34305d7d2c2268"
    "616c66223a7b226474797065223a22463136222c227368617065223a5b325d2c"
    "22646174615f6f666673657473223a5b34302c34345d7d2c226d61736b223a7b"
    "226474797065223a22424f4f4c222c227368617065223a5b335d2c2264617461"
    "5f6f666673657473223a5b34342c34375d7d7d20202020200700000000000000"
    "ffffffffffffffff2c010000000000000000c03f000000c00000404000008040"
    "003c00b8010001";

TEST_F(Checkpoint, ReadsAFileWrittenByPythonSafetensors) {
  writeBytes(path("py.safetensors"), fromHex(kPythonFileHex));
  std::map<std::string, std::string> meta;
  Params p = load_checkpoint(path("py.safetensors"), &meta);
  EXPECT_EQ(meta, (std::map<std::string, std::string>{{"format", "np"}}));
  EXPECT_EQ(p.names(),
            (std::vector<std::string>{"half", "ids", "mask", "weight"}));
  EXPECT_EQ(p.at("weight").dtype(), f32);
  EXPECT_EQ(p.at("weight").shape(), (Shape{2, 2}));
  EXPECT_EQ(p.at("weight").to_vector<float>(),
            (std::vector<float>{1.5f, -2, 3, 4}));
  EXPECT_EQ(p.at("ids").dtype(), i64);
  EXPECT_EQ(p.at("ids").to_vector<int64_t>(),
            (std::vector<int64_t>{7, -1, 300}));
  EXPECT_EQ(p.at("mask").dtype(), boolean);
  EXPECT_EQ(p.at("mask").to_vector<uint8_t>(), (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(p.at("half").dtype(), f16);
  EXPECT_EQ(p.at("half").to_vector<float>(), (std::vector<float>{1, -0.5f}));
}

TEST_F(Checkpoint, ReadsHandBuiltBf16AndEscapes) {
  // bf16 1.0 = 0x3F80, -2.0 = 0xC000 (little-endian bytes); a name with a
  // \u escape; keys in any order; whitespace; null metadata.
  std::string header =
      "{ \"w\\u00e9\" : {\"data_offsets\": [0, 4], \"shape\": [2], "
      "\"dtype\": \"BF16\"}, \"__metadata__\": null }";
  writeBytes(path("bf16.safetensors"),
             safetensorsFile(header, std::string("\x80\x3f\x00\xc0", 4)));
  Params p = load_checkpoint(path("bf16.safetensors"));
  ASSERT_TRUE(p.contains("w\xc3\xa9"));
  EXPECT_EQ(p.at("w\xc3\xa9").dtype(), bf16);
  EXPECT_EQ(p.at("w\xc3\xa9").to_vector<float>(), (std::vector<float>{1, -2}));
}

TEST_F(Checkpoint, FlippedDataByteFailsTheChecksum) {
  Params t{{"x", array(std::vector<float>{1, 2, 3, 4}, {4})}};
  save_checkpoint(path("x.safetensors"), t);
  std::string bytes = readBytes(path("x.safetensors"));
  bytes[bytes.size() - 3] ^= 0x01;
  writeBytes(path("x.safetensors"), bytes);
  expectLoadError(path("x.safetensors"), "checksum mismatch");
}

TEST_F(Checkpoint, TruncatedFilesAreClearErrors) {
  Params t{{"x", array(std::vector<float>{1, 2, 3, 4}, {4})}};
  save_checkpoint(path("x.safetensors"), t);
  std::string bytes = readBytes(path("x.safetensors"));
  writeBytes(path("cut.safetensors"), bytes.substr(0, bytes.size() - 1));
  expectLoadError(path("cut.safetensors"), "truncated");
  writeBytes(path("cut.safetensors"), bytes.substr(0, 20)); // inside header
  expectLoadError(path("cut.safetensors"), "truncated");
  writeBytes(path("cut.safetensors"), bytes.substr(0, 5)); // inside length
  expectLoadError(path("cut.safetensors"), "truncated");
  writeBytes(path("cut.safetensors"), "");
  expectLoadError(path("cut.safetensors"), "truncated");
  expectLoadError(path("missing.safetensors"), "cannot open");
}

TEST_F(Checkpoint, GarbageHeadersAreClearErrors) {
  writeBytes(path("g.safetensors"), safetensorsFile("{\"x\": [1, 2", ""));
  expectLoadError(path("g.safetensors"), "bad JSON header");
  writeBytes(path("g.safetensors"), safetensorsFile("{\"x\": tru}", ""));
  expectLoadError(path("g.safetensors"), "bad JSON header");
  writeBytes(path("g.safetensors"), safetensorsFile("[1, 2, 3]", ""));
  expectLoadError(path("g.safetensors"), "not a JSON object");
  writeBytes(path("g.safetensors"),
             safetensorsFile("{\"a\": 1, \"a\": 2}", ""));
  expectLoadError(path("g.safetensors"), "duplicate key");
  writeBytes(path("g.safetensors"), safetensorsFile("{\"a\": \"\xff\"}", ""));
  expectLoadError(path("g.safetensors"), "invalid UTF-8");
  // Not a safetensors file at all: the "length" is huge.
  writeBytes(path("g.safetensors"), "this is plain text, not a checkpoint");
  expectLoadError(path("g.safetensors"), "not a safetensors file");
}

TEST_F(Checkpoint, BadEntriesAreClearErrors) {
  std::string eight(8, '\0');
  auto entry = [](const std::string &name, const std::string &dtype,
                  const std::string &shape, int b, int e) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape +
           ",\"data_offsets\":[" + std::to_string(b) + "," + std::to_string(e) +
           "]}";
  };
  struct Case {
    std::string header, data, needle;
  };
  std::vector<Case> cases = {
      {"{" + entry("a", "F32", "[2]", 0, 8) + "," +
           entry("b", "F32", "[1]", 4, 8) + "}",
       eight, "overlap"},
      {"{" + entry("a", "F32", "[2]", 0, 8) + "," +
           entry("b", "F32", "[2]", 8, 16) + "}",
       eight, "out-of-range"},
      {"{" + entry("a", "F32", "[1]", 4, 8) + "}", eight, "gap"},
      {"{" + entry("a", "F32", "[1]", 0, 4) + "}", eight, "trailing bytes"},
      {"{" + entry("a", "F12", "[2]", 0, 8) + "}", eight,
       "unknown dtype 'F12'"},
      {"{" + entry("a", "U16", "[4]", 0, 8) + "}", eight, "not supported"},
      {"{" + entry("a", "F32", "[3]", 0, 8) + "}", eight, "needs 12 bytes"},
      {"{" + entry("a", "F32", "[-2]", 0, 8) + "}", eight, "non-negative"},
      {"{" + entry("a", "F32", "[2]", 8, 0) + "}", eight, "end before"},
      {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", eight, "data_offsets"},
      {"{\"__metadata__\":{\"k\":1}}", "", "not a string"},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.header);
    writeBytes(path("bad.safetensors"), safetensorsFile(c.header, c.data));
    expectLoadError(path("bad.safetensors"), c.needle);
  }
}

TEST_F(Checkpoint, OptimizerStateSavesAndResumes) {
  Params params{{"dense/kernel", random::normal(random::key(0), {2, 3})},
                {"dense/bias", zeros({3})}};
  Params grads{{"dense/kernel", ones({2, 3})}, {"dense/bias", ones({3})}};
  auto opt = optim::adamw(optim::cosine_decay(0.1, 10));
  Params state = opt.init(params);
  auto [u1, s1] = opt.update(grads, state, params);
  Params p1 = optim::apply_updates(params, u1);
  save_checkpoint(path("params.safetensors"), p1, {{"step", "1"}});
  save_checkpoint(path("opt.safetensors"), s1);
  Params p1b = load_checkpoint(path("params.safetensors"));
  Params s1b = load_checkpoint(path("opt.safetensors"));
  EXPECT_EQ(s1b.names(), s1.names());
  EXPECT_EQ(s1b.at("0/count").dtype(), i32);
  // The resumed step equals the uninterrupted one.
  auto [u2, s2] = opt.update(grads, s1, p1);
  auto [u2b, s2b] = opt.update(grads, s1b, p1b);
  for (const auto &[name, t] : u2)
    expectSameTensor(u2b.at(name), t, name);
  for (const auto &[name, t] : s2)
    expectSameTensor(s2b.at(name), t, name);
}

TEST_F(Checkpoint, WritesAtomicallyAndOverwrites) {
  save_checkpoint(path("c.safetensors"), Params{{"x", ones({2})}});
  save_checkpoint(path("c.safetensors"), Params{{"y", zeros({3})}});
  EXPECT_EQ(load_checkpoint(path("c.safetensors")).names(),
            (std::vector<std::string>{"y"}));
  for (const auto &e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos)
        << e.path();
  // A directory that does not exist: an error naming the path, nothing left.
  std::string nowhere = path("no/such/dir/c.safetensors");
  try {
    save_checkpoint(nowhere, Params{{"x", ones({2})}});
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("'" + nowhere + "'"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(save_checkpoint(path("r.safetensors"), Params{{"x", ones({1})}},
                               {{"genc.sha256", "x"}}),
               Error);
  // Traced tensors have no data to save.
  auto f = jit([&](const Tensor &x) {
    save_checkpoint(path("t.safetensors"), Params{{"x", x}});
    return x;
  });
  EXPECT_THROW(f(ones({2})), Error);
}

} // namespace
