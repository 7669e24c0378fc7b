// aot_app: loads a genc-compiled model.so, calls one function on generated
// inputs and prints the outputs as tensor literals.
//
// Usage: aot_app MODEL.so FUNCTION
// Input element i (row-major, any dtype) is (i % 7) * 0.25, converted to the
// input's dtype (integers truncate: 0 0 0 0 1 1 1 0 ...; i1 is nonzero -> 1).
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "genc/runtime/Artifact.h"
#include "genc/runtime/Module.h"
#include "genc/runtime/TensorIO.h"

namespace {

using genc::runtime::Buffer;
using genc::runtime::DType;

// Fills `buffer` with the deterministic pattern (i % 7) * 0.25.
void fillPattern(Buffer &buffer) {
  for (int64_t i = 0; i < buffer.numElements(); ++i) {
    double value = static_cast<double>(i % 7) * 0.25;
    switch (buffer.dtype()) {
    case DType::F32:
      buffer.dataAs<float>()[i] = static_cast<float>(value);
      break;
    case DType::F64:
      buffer.dataAs<double>()[i] = value;
      break;
    case DType::F16:
      buffer.dataAs<uint16_t>()[i] =
          genc::runtime::floatToHalf(static_cast<float>(value));
      break;
    case DType::BF16:
      buffer.dataAs<uint16_t>()[i] =
          genc::runtime::floatToBf16(static_cast<float>(value));
      break;
    case DType::I1:
      buffer.dataAs<uint8_t>()[i] = value != 0;
      break;
    case DType::I8:
      buffer.dataAs<int8_t>()[i] = static_cast<int8_t>(value);
      break;
    case DType::U8:
      buffer.dataAs<uint8_t>()[i] = static_cast<uint8_t>(value);
      break;
    case DType::I32:
      buffer.dataAs<int32_t>()[i] = static_cast<int32_t>(value);
      break;
    case DType::I64:
      buffer.dataAs<int64_t>()[i] = static_cast<int64_t>(value);
      break;
    }
  }
}

int fail(const std::string &message) {
  std::fprintf(stderr, "aot_app: error: %s\n", message.c_str());
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MODEL.so FUNCTION\n", argv[0]);
    return 1;
  }
  auto module = genc::runtime::Module::load(argv[1]);
  if (!module.ok())
    return fail(std::string(module.status().message()));
  auto function = (*module)->lookup(argv[2]);
  if (!function.ok())
    return fail(std::string(function.status().message()));

  const genc::runtime::FunctionSignature &signature = (*function)->signature();
  std::printf("# %s\n", genc::runtime::formatSignature(signature).c_str());
  std::vector<Buffer> inputs;
  for (const genc::runtime::TensorSpec &spec : signature.inputs) {
    auto buffer = Buffer::allocate(spec);
    if (!buffer.ok())
      return fail(std::string(buffer.status().message()));
    fillPattern(*buffer);
    inputs.push_back(std::move(*buffer));
  }
  std::vector<const Buffer *> arguments;
  for (const Buffer &input : inputs)
    arguments.push_back(&input);

  auto outputs = (*function)->call(arguments);
  if (!outputs.ok())
    return fail(std::string(outputs.status().message()));
  for (const Buffer &output : *outputs)
    std::printf("%s\n", genc::runtime::formatTensorLiteral(output).c_str());
  return 0;
}
