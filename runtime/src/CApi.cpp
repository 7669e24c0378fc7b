// The C API (genc_runtime.h) as a thin layer over Module and Buffer.
#include "genc/runtime/genc_runtime.h"

#include <cstring>
#include <new>
#include <string>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "genc/runtime/Module.h"

using genc::runtime::Buffer;
using genc::runtime::DType;
using genc::runtime::Function;
using genc::runtime::Module;

struct genc_status {
  std::string message;
};
struct genc_module {
  std::unique_ptr<Module> module;
};
struct genc_buffer {
  Buffer buffer;
};

static_assert(static_cast<int>(DType::F32) == GENC_DTYPE_F32);
static_assert(static_cast<int>(DType::F64) == GENC_DTYPE_F64);
static_assert(static_cast<int>(DType::F16) == GENC_DTYPE_F16);
static_assert(static_cast<int>(DType::BF16) == GENC_DTYPE_BF16);
static_assert(static_cast<int>(DType::I1) == GENC_DTYPE_I1);
static_assert(static_cast<int>(DType::I8) == GENC_DTYPE_I8);
static_assert(static_cast<int>(DType::I32) == GENC_DTYPE_I32);
static_assert(static_cast<int>(DType::I64) == GENC_DTYPE_I64);
static_assert(static_cast<int>(DType::U8) == GENC_DTYPE_U8);

namespace {

// Returned when a status itself cannot be allocated, so that an error is
// never reported as success (NULL). genc_status_free ignores it.
genc_status_t outOfMemoryStatus{"out of memory"};

genc_status_t *makeStatus(std::string message) {
  genc_status_t *status = new (std::nothrow) genc_status{std::move(message)};
  return status ? status : &outOfMemoryStatus;
}

genc_status_t *makeStatus(const absl::Status &status) {
  return makeStatus(std::string(status.message()));
}

// Runs `body`, turning a C++ exception (only std::bad_alloc is possible in
// practice) into a status so nothing unwinds through C callers.
template <class Body> genc_status_t *guarded(Body body) {
  try {
    return body();
  } catch (const std::exception &e) {
    return makeStatus(absl::StrCat("internal error: ", e.what()));
  } catch (...) {
    return makeStatus("internal error: unknown exception");
  }
}

const Function *findFunction(const genc_module_t *module, const char *name) {
  if (!module || !name)
    return nullptr;
  absl::StatusOr<const Function *> f = module->module->lookup(name);
  return f.ok() ? *f : nullptr;
}

} // namespace

extern "C" {

const char *genc_status_message(const genc_status_t *status) {
  return status ? status->message.c_str() : "";
}

void genc_status_free(genc_status_t *status) {
  if (status != &outOfMemoryStatus)
    delete status;
}

genc_status_t *genc_module_load(const char *path, genc_module_t **out_module) {
  if (!out_module)
    return makeStatus("genc_module_load: out_module is NULL");
  *out_module = nullptr;
  if (!path)
    return makeStatus("genc_module_load: path is NULL");
  return guarded([&]() -> genc_status_t * {
    absl::StatusOr<std::unique_ptr<Module>> module = Module::load(path);
    if (!module.ok())
      return makeStatus(module.status());
    *out_module = new genc_module{std::move(*module)};
    return nullptr;
  });
}

void genc_module_free(genc_module_t *module) { delete module; }

size_t genc_module_function_count(const genc_module_t *module) {
  return module ? module->module->functions().size() : 0;
}

const char *genc_module_function_name(const genc_module_t *module, size_t i) {
  if (!module || i >= module->module->functions().size())
    return nullptr;
  return module->module->functions()[i].name().c_str();
}

int64_t genc_module_function_num_inputs(const genc_module_t *module,
                                        const char *name) {
  const Function *f = findFunction(module, name);
  return f ? static_cast<int64_t>(f->signature().inputs.size()) : -1;
}

int64_t genc_module_function_num_outputs(const genc_module_t *module,
                                         const char *name) {
  const Function *f = findFunction(module, name);
  return f ? static_cast<int64_t>(f->signature().outputs.size()) : -1;
}

genc_status_t *genc_module_call(const genc_module_t *module, const char *name,
                                genc_buffer_t *const *inputs, size_t n_in,
                                genc_buffer_t **outputs, size_t n_out) {
  if (outputs)
    for (size_t i = 0; i < n_out; ++i)
      outputs[i] = nullptr;
  if (!module)
    return makeStatus("genc_module_call: module is NULL");
  if (!name)
    return makeStatus("genc_module_call: name is NULL");
  if (n_in > 0 && !inputs)
    return makeStatus("genc_module_call: inputs is NULL");
  if (n_out > 0 && !outputs)
    return makeStatus("genc_module_call: outputs is NULL");
  return guarded([&]() -> genc_status_t * {
    absl::StatusOr<const Function *> function = module->module->lookup(name);
    if (!function.ok())
      return makeStatus(function.status());
    const auto &signature = (*function)->signature();
    if (n_out != signature.outputs.size())
      return makeStatus(
          absl::StrCat("'", signature.name, "' has ", signature.outputs.size(),
                       signature.outputs.size() == 1 ? " output" : " outputs",
                       ", but n_out is ", n_out));
    std::vector<const Buffer *> args(n_in);
    for (size_t i = 0; i < n_in; ++i)
      args[i] = inputs[i] ? &inputs[i]->buffer : nullptr;
    absl::StatusOr<std::vector<Buffer>> results = (*function)->call(args);
    if (!results.ok())
      return makeStatus(results.status());
    for (size_t i = 0; i < n_out; ++i)
      outputs[i] = new genc_buffer{std::move((*results)[i])};
    return nullptr;
  });
}

genc_status_t *genc_buffer_create(genc_dtype_t dtype, size_t rank,
                                  const int64_t *dims,
                                  genc_buffer_t **out_buffer) {
  if (!out_buffer)
    return makeStatus("genc_buffer_create: out_buffer is NULL");
  *out_buffer = nullptr;
  if (rank > 0 && !dims)
    return makeStatus("genc_buffer_create: dims is NULL");
  // A C caller may pass any int; read the raw bits, since loading an
  // out-of-range enum value is undefined in C++.
  std::underlying_type_t<genc_dtype_t> bits;
  std::memcpy(&bits, &dtype, sizeof(bits));
  auto raw = static_cast<int64_t>(static_cast<int>(bits));
  if (raw < 0 || raw > static_cast<int64_t>(DType::U8))
    return makeStatus(absl::StrCat("genc_buffer_create: invalid dtype ", raw));
  return guarded([&]() -> genc_status_t * {
    absl::StatusOr<Buffer> buffer = Buffer::allocate(
        static_cast<DType>(raw), std::vector<int64_t>(dims, dims + rank));
    if (!buffer.ok())
      return makeStatus(buffer.status());
    *out_buffer = new genc_buffer{std::move(*buffer)};
    return nullptr;
  });
}

void genc_buffer_free(genc_buffer_t *buffer) { delete buffer; }

void *genc_buffer_data(genc_buffer_t *buffer) {
  return buffer ? buffer->buffer.data() : nullptr;
}

genc_dtype_t genc_buffer_dtype(const genc_buffer_t *buffer) {
  return buffer ? static_cast<genc_dtype_t>(buffer->buffer.dtype())
                : GENC_DTYPE_F32;
}

size_t genc_buffer_rank(const genc_buffer_t *buffer) {
  return buffer ? buffer->buffer.rank() : 0;
}

int64_t genc_buffer_dim(const genc_buffer_t *buffer, size_t i) {
  if (!buffer || i >= buffer->buffer.rank())
    return -1;
  return buffer->buffer.shape()[i];
}

int64_t genc_buffer_num_elements(const genc_buffer_t *buffer) {
  return buffer ? buffer->buffer.numElements() : 0;
}

size_t genc_buffer_byte_size(const genc_buffer_t *buffer) {
  return buffer ? buffer->buffer.byteSize() : 0;
}

} // extern "C"
