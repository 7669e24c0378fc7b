// The C API (genc_runtime.h) as a thin layer over Module and Buffer.
#include "genc/runtime/genc_runtime.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <type_traits>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "genc/runtime/Module.h"

using genc::runtime::Buffer;
using genc::runtime::DType;
using genc::runtime::Function;
using genc::runtime::Module;

struct genc_status {
  std::string message;
};

// Module and buffer handles are not pointers to objects: they encode an id
// (never reused) and a kind, looked up in a table of live objects on every
// call. So a released, never-issued or wrong-kind handle (use after
// release, double free, a module passed as a buffer, a stray pointer) is
// recognized and reported instead of dereferenced. The table holds
// shared_ptrs: an object stays alive until every call using it returns,
// even if another thread releases its handle meanwhile.
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

enum HandleKind : uintptr_t { kModuleHandle = 1, kBufferHandle = 2 };
constexpr unsigned kKindBits = 4;

const char *kindName(uintptr_t kind) {
  return kind == kModuleHandle ? "module" : "buffer";
}

const char *releaseFunction(uintptr_t kind) {
  return kind == kModuleHandle ? "genc_module_free" : "genc_buffer_free";
}

class HandleTable {
public:
  template <class T>
  uintptr_t add(std::shared_ptr<T> object) {
    std::lock_guard<std::mutex> lock(mutex_);
    uint64_t id = next_++;
    map<T>().emplace(id, std::move(object));
    return (static_cast<uintptr_t>(id) << kKindBits) | kindOf<T>();
  }

  /// The live object of `handle`, or null with `error` saying why not.
  template <class T>
  std::shared_ptr<T> find(const void *handle, std::string &error) {
    auto bits = reinterpret_cast<uintptr_t>(handle);
    uint64_t id = bits >> kKindBits;
    uintptr_t kind = bits & ((uintptr_t(1) << kKindBits) - 1);
    std::lock_guard<std::mutex> lock(mutex_);
    if (kind == kindOf<T>()) {
      auto it = map<T>().find(id);
      if (it != map<T>().end())
        return it->second;
    }
    error = describe(handle, kind, id, kindOf<T>());
    return nullptr;
  }

  /// Removes `handle`'s object; false with `error` if it is not live.
  template <class T> bool release(const void *handle, std::string &error) {
    std::shared_ptr<T> object; // destroyed after the lock is released
    auto bits = reinterpret_cast<uintptr_t>(handle);
    uint64_t id = bits >> kKindBits;
    uintptr_t kind = bits & ((uintptr_t(1) << kKindBits) - 1);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = kind == kindOf<T>() ? map<T>().find(id) : map<T>().end();
    if (it == map<T>().end()) {
      error = describe(handle, kind, id, kindOf<T>());
      return false;
    }
    object = std::move(it->second);
    map<T>().erase(it);
    return true;
  }

private:
  template <class T> static constexpr uintptr_t kindOf() {
    return std::is_same_v<T, Module> ? kModuleHandle : kBufferHandle;
  }
  template <class T> auto &map() {
    if constexpr (std::is_same_v<T, Module>)
      return modules_;
    else
      return buffers_;
  }
  std::string describe(const void *handle, uintptr_t kind, uint64_t id,
                       uintptr_t want) const {
    std::string h = absl::StrCat(
        "0x", absl::Hex(reinterpret_cast<uintptr_t>(handle)));
    if ((kind == kModuleHandle || kind == kBufferHandle) && id > 0 &&
        id < next_) {
      if (kind != want)
        return absl::StrCat(h, " is a ", kindName(kind), " handle, not a ",
                            kindName(want));
      return absl::StrCat(kindName(want), " ", h, " was already released by ",
                          releaseFunction(want), " (use after release)");
    }
    return absl::StrCat(h, " is not a genc ", kindName(want),
                        " handle (never returned by the runtime)");
  }

  std::mutex mutex_;
  uint64_t next_ = 1;
  std::unordered_map<uint64_t, std::shared_ptr<Module>> modules_;
  std::unordered_map<uint64_t, std::shared_ptr<Buffer>> buffers_;
};

// Never destroyed: handles may be used from static destructors and atexit.
HandleTable &handles() {
  static HandleTable *table = new HandleTable;
  return *table;
}

thread_local std::string lastError;

/// A misuse found by a function that returns no status: remembered for
/// genc_last_error and printed, since the caller has a bug.
void reportMisuse(const char *function, const std::string &error) {
  lastError = absl::StrCat(function, ": ", error);
  std::fprintf(stderr, "genc runtime: %s\n", lastError.c_str());
}

/// The live object of a non-NULL handle for a status-less function; null
/// (after reporting) when the handle is not live.
template <class T>
std::shared_ptr<T> findOrReport(const void *handle, const char *function) {
  if (!handle)
    return nullptr;
  std::string error;
  std::shared_ptr<T> object = handles().find<T>(handle, error);
  if (!object)
    reportMisuse(function, error);
  return object;
}

genc_module_t *addModule(std::unique_ptr<Module> module) {
  return reinterpret_cast<genc_module_t *>(
      handles().add(std::shared_ptr<Module>(std::move(module))));
}

genc_buffer_t *addBuffer(Buffer buffer) {
  return reinterpret_cast<genc_buffer_t *>(
      handles().add(std::make_shared<Buffer>(std::move(buffer))));
}

const Function *findFunction(const Module *module, const char *name) {
  if (!module || !name)
    return nullptr;
  absl::StatusOr<const Function *> f = module->lookup(name);
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
    *out_module = addModule(std::move(*module));
    return nullptr;
  });
}

void genc_module_free(genc_module_t *module) {
  std::string error;
  if (module && !handles().release<Module>(module, error))
    reportMisuse("genc_module_free", error);
}

size_t genc_module_function_count(const genc_module_t *module) {
  auto m = findOrReport<Module>(module, "genc_module_function_count");
  return m ? m->functions().size() : 0;
}

const char *genc_module_function_name(const genc_module_t *module, size_t i) {
  auto m = findOrReport<Module>(module, "genc_module_function_name");
  if (!m || i >= m->functions().size())
    return nullptr;
  return m->functions()[i].name().c_str();
}

int64_t genc_module_function_num_inputs(const genc_module_t *module,
                                        const char *name) {
  auto m = findOrReport<Module>(module, "genc_module_function_num_inputs");
  const Function *f = findFunction(m.get(), name);
  return f ? static_cast<int64_t>(f->signature().inputs.size()) : -1;
}

int64_t genc_module_function_num_outputs(const genc_module_t *module,
                                         const char *name) {
  auto m = findOrReport<Module>(module, "genc_module_function_num_outputs");
  const Function *f = findFunction(m.get(), name);
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
    std::string error;
    std::shared_ptr<Module> m = handles().find<Module>(module, error);
    if (!m)
      return makeStatus("genc_module_call: " + error);
    absl::StatusOr<const Function *> function = m->lookup(name);
    if (!function.ok())
      return makeStatus(function.status());
    const auto &signature = (*function)->signature();
    if (n_out != signature.outputs.size())
      return makeStatus(
          absl::StrCat("'", signature.name, "' has ", signature.outputs.size(),
                       signature.outputs.size() == 1 ? " output" : " outputs",
                       ", but n_out is ", n_out));
    // The inputs stay alive for the call even if released meanwhile.
    std::vector<std::shared_ptr<Buffer>> keep(n_in);
    std::vector<const Buffer *> args(n_in);
    for (size_t i = 0; i < n_in; ++i) {
      if (!inputs[i])
        continue; // Function::call names the null input
      keep[i] = handles().find<Buffer>(inputs[i], error);
      if (!keep[i])
        return makeStatus(
            absl::StrCat("genc_module_call: input ", i, ": ", error));
      args[i] = keep[i].get();
    }
    absl::StatusOr<std::vector<Buffer>> results = (*function)->call(args);
    if (!results.ok())
      return makeStatus(results.status());
    for (size_t i = 0; i < n_out; ++i)
      outputs[i] = addBuffer(std::move((*results)[i]));
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
    *out_buffer = addBuffer(std::move(*buffer));
    return nullptr;
  });
}

void genc_buffer_free(genc_buffer_t *buffer) {
  std::string error;
  if (buffer && !handles().release<Buffer>(buffer, error))
    reportMisuse("genc_buffer_free", error);
}

void *genc_buffer_data(genc_buffer_t *buffer) {
  auto b = findOrReport<Buffer>(buffer, "genc_buffer_data");
  return b ? b->data() : nullptr;
}

genc_dtype_t genc_buffer_dtype(const genc_buffer_t *buffer) {
  auto b = findOrReport<Buffer>(buffer, "genc_buffer_dtype");
  return b ? static_cast<genc_dtype_t>(b->dtype()) : GENC_DTYPE_F32;
}

size_t genc_buffer_rank(const genc_buffer_t *buffer) {
  auto b = findOrReport<Buffer>(buffer, "genc_buffer_rank");
  return b ? b->rank() : 0;
}

int64_t genc_buffer_dim(const genc_buffer_t *buffer, size_t i) {
  auto b = findOrReport<Buffer>(buffer, "genc_buffer_dim");
  if (!b || i >= b->rank())
    return -1;
  return b->shape()[i];
}

int64_t genc_buffer_num_elements(const genc_buffer_t *buffer) {
  auto b = findOrReport<Buffer>(buffer, "genc_buffer_num_elements");
  return b ? b->numElements() : 0;
}

size_t genc_buffer_byte_size(const genc_buffer_t *buffer) {
  auto b = findOrReport<Buffer>(buffer, "genc_buffer_byte_size");
  return b ? b->byteSize() : 0;
}

const char *genc_last_error(void) { return lastError.c_str(); }

} // extern "C"
