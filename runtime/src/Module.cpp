// Function calls with argument checking, and loading artifacts with dlopen.
#include "genc/runtime/Module.h"
#include "genc/runtime/Seal.h"

#include <dlfcn.h>
#include <malloc.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <system_error>
#include <utility>

#include "CudaDriver.h"
#include "Spmd.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "genc/runtime/Collectives.h"

namespace genc::runtime {

namespace {

std::string plural(size_t count, std::string_view word) {
  return absl::StrCat(count, " ", std::string(word), count == 1 ? "" : "s");
}

absl::Status checkBuffer(const FunctionSignature &sig, std::string_view role,
                         size_t index, const Buffer *buffer,
                         const TensorSpec &expected) {
  std::string where =
      absl::StrCat(std::string(role), " ", index, " of '", sig.name, "'");
  if (!buffer)
    return absl::InvalidArgumentError(absl::StrCat(where, " is null"));
  if (!buffer->data())
    return absl::InvalidArgumentError(absl::StrCat(
        where, " has no storage (a default-constructed or moved-from buffer)"));
  if (buffer->dtype() != expected.dtype)
    return absl::InvalidArgumentError(absl::StrCat(where, ": expected dtype ",
                                                   expected.str(), ", got ",
                                                   buffer->shapeString()));
  if (buffer->shape() != expected.shape)
    return absl::InvalidArgumentError(absl::StrCat(where, ": expected shape ",
                                                   expected.str(), ", got ",
                                                   buffer->shapeString()));
  return absl::OkStatus();
}

absl::Status checkCount(const FunctionSignature &sig, std::string_view role,
                        size_t expected, size_t got) {
  if (expected == got)
    return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "'", sig.name, "' expects ", plural(expected, role), ", got ", got));
}

/// Whether a call of `sig` can run: a valid device count, and enough CPU
/// devices for a multi-device function.
absl::Status checkDevices(const FunctionSignature &sig) {
  if (sig.devices < 1)
    return absl::InvalidArgumentError(
        absl::StrCat("function '", sig.name, "' has invalid device count ",
                     sig.devices, " (must be >= 1)"));
  if (sig.devices == 1)
    return absl::OkStatus();
  if (sig.devices > kMaxDevices)
    return absl::InvalidArgumentError(
        absl::StrCat("function '", sig.name, "' runs on ", sig.devices,
                     " devices; at most ", kMaxDevices, " are supported"));
  // Started by mpirun: one device per rank.
  if (int64_t ranks = detail::mpiWorldSize(); ranks > 1) {
    if (ranks != sig.devices)
      return absl::FailedPreconditionError(absl::StrCat(
          "function '", sig.name, "' runs on ", sig.devices,
          " devices but this MPI job has ", ranks, " ranks (use mpirun -np ",
          sig.devices, ")"));
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> available = availableCpuDevices();
  if (!available.ok())
    return available.status();
  if (sig.devices > *available)
    return absl::FailedPreconditionError(absl::StrCat(
        "function '", sig.name, "' runs on ", sig.devices, " devices but ",
        *available, *available == 1 ? " CPU device is" : " CPU devices are",
        " available (set GENC_CPU_DEVICES=", sig.devices, ")"));
  return absl::OkStatus();
}

} // namespace

Function::Function(FunctionSignature signature, InvokeFn invoke)
    : signature_(std::move(signature)), invoke_(invoke) {}

absl::Status
Function::checkInputs(absl::Span<const Buffer *const> inputs) const {
  if (absl::Status s = checkCount(signature_, "input", signature_.inputs.size(),
                                  inputs.size());
      !s.ok())
    return s;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (absl::Status s = checkBuffer(signature_, "input", i, inputs[i],
                                     signature_.inputs[i]);
        !s.ok())
      return s;
  return absl::OkStatus();
}

absl::Status Function::invoke(absl::Span<const Buffer *const> inputs,
                              absl::Span<Buffer *const> outputs) const {
  std::vector<void *> pointers;
  pointers.reserve(inputs.size() + outputs.size() + 1);
  for (const Buffer *input : inputs)
    pointers.push_back(const_cast<void *>(input->data()));
  for (Buffer *output : outputs)
    pointers.push_back(output->data());
  pointers.push_back(nullptr); // Never read; keeps data() non-null.
  if (signature_.target == "cuda")
    return detail::invokeOnCuda(signature_, invoke_, inputs, outputs);
  const int64_t devices = signature_.devices;
  if (devices == 1)
    return detail::runOnOneDevice(invoke_, pointers.data());

  // Devices 1..N-1 get the same inputs and outputs of their own, which are
  // dropped after the call; device 0 writes the caller's.
  absl::StatusOr<std::chrono::milliseconds> timeout = collectiveTimeout();
  if (!timeout.ok())
    return timeout.status();
  if (detail::mpiWorldSize() > 1)
    return detail::runOnMpiRank(invoke_, pointers.data(), *timeout);
  std::vector<Buffer> scratch;
  scratch.reserve(static_cast<size_t>(devices - 1) * outputs.size());
  std::vector<std::vector<void *>> devicePointers(devices, pointers);
  for (int64_t d = 1; d < devices; ++d)
    for (size_t i = 0; i < outputs.size(); ++i) {
      absl::StatusOr<Buffer> buffer =
          Buffer::allocateUninitialized(signature_.outputs[i]);
      if (!buffer.ok())
        return absl::Status(buffer.status().code(),
                            absl::StrCat("output ", i, " of '", signature_.name,
                                         "' on device ", d, ": ",
                                         buffer.status().message()));
      scratch.push_back(std::move(*buffer));
      devicePointers[d][inputs.size() + i] = scratch.back().data();
    }
  std::vector<void **> perDevice(devices);
  for (int64_t d = 0; d < devices; ++d)
    perDevice[d] = devicePointers[d].data();
  return detail::runOnDevices(invoke_, perDevice, *timeout);
}

absl::StatusOr<std::vector<Buffer>>
Function::call(absl::Span<const Buffer *const> inputs) const {
  if (!invoke_)
    return absl::FailedPreconditionError(
        absl::StrCat("function '", signature_.name, "' has no code"));
  if (absl::Status s = checkDevices(signature_); !s.ok())
    return s;
  if (absl::Status s = checkInputs(inputs); !s.ok())
    return s;
  std::vector<Buffer> outputs;
  outputs.reserve(signature_.outputs.size());
  std::vector<Buffer *> outputPointers;
  for (size_t i = 0; i < signature_.outputs.size(); ++i) {
    // The compiled function writes every element of its outputs.
    absl::StatusOr<Buffer> buffer =
        Buffer::allocateUninitialized(signature_.outputs[i]);
    if (!buffer.ok())
      return absl::Status(buffer.status().code(),
                          absl::StrCat("output ", i, " of '", signature_.name,
                                       "': ", buffer.status().message()));
    outputs.push_back(std::move(*buffer));
  }
  for (Buffer &output : outputs)
    outputPointers.push_back(&output);
  if (absl::Status s = invoke(inputs, outputPointers); !s.ok())
    return s;
  return outputs;
}

absl::Status Function::callInto(absl::Span<const Buffer *const> inputs,
                                absl::Span<Buffer *const> outputs) const {
  if (!invoke_)
    return absl::FailedPreconditionError(
        absl::StrCat("function '", signature_.name, "' has no code"));
  if (absl::Status s = checkDevices(signature_); !s.ok())
    return s;
  if (absl::Status s = checkInputs(inputs); !s.ok())
    return s;
  if (absl::Status s = checkCount(signature_, "output",
                                  signature_.outputs.size(), outputs.size());
      !s.ok())
    return s;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (absl::Status s = checkBuffer(signature_, "output", i, outputs[i],
                                     signature_.outputs[i]);
        !s.ok())
      return s;
    const void *data = outputs[i]->data();
    for (size_t j = 0; j < inputs.size(); ++j)
      if (inputs[j]->data() == data)
        return absl::InvalidArgumentError(absl::StrCat(
            "output ", i, " of '", signature_.name, "' aliases input ", j));
    for (size_t j = 0; j < i; ++j)
      if (outputs[j]->data() == data)
        return absl::InvalidArgumentError(absl::StrCat(
            "output ", i, " of '", signature_.name, "' aliases output ", j));
  }
  return invoke(inputs, outputs);
}

Module::~Module() {
  // Drop the functions before the code they point into.
  functions_.clear();
  keepAlive_.reset();
}

/// Compiled functions malloc their temporaries (one arena per call) and
/// free them on return. With glibc's defaults, blocks above the dynamic
/// mmap threshold are mmapped fresh on every call and every page faults
/// again (a vmap'd training step spent half its time in page faults). All
/// blocks come from the heap (no mmap: glibc caps the mmap threshold at
/// 32 MiB, and a 64x64 VAE step's arena is larger) and the heap is trimmed
/// only above 2 GiB of free memory at its top, so a step's memory is reused
/// by the next — as PyTorch's caching allocator keeps its blocks. The cost:
/// the process keeps its peak heap. The galaxy VAE step: 120 -> 68 ms
/// (32x32), 490 -> 280 ms (64x64). GENC_MALLOC_TUNING=0 leaves malloc
/// alone.
static void tuneMalloc() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char *env = std::getenv("GENC_MALLOC_TUNING");
    if (env && std::strcmp(env, "0") == 0)
      return;
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
#endif
  });
}

absl::StatusOr<std::unique_ptr<Module>>
Module::fromParts(std::vector<FunctionSignature> signatures, Resolver resolve,
                  std::shared_ptr<void> keepAlive) {
  tuneMalloc();
  // A JIT typically links the code in `resolve` (ORC materializes on
  // lookup) and finds genc_rt_* among the process's global symbols.
  detail::exportRuntimeSymbols();
  std::unique_ptr<Module> module(new Module());
  module->keepAlive_ = std::move(keepAlive);
  if (!resolve && !signatures.empty())
    return absl::InvalidArgumentError("no resolver given for the functions");
  for (size_t i = 0; i < signatures.size(); ++i) {
    const std::string &name = signatures[i].name;
    if (!isValidFunctionName(name))
      return absl::InvalidArgumentError(
          absl::StrCat("invalid function name '", name, "'"));
    for (size_t j = 0; j < i; ++j)
      if (signatures[j].name == name)
        return absl::InvalidArgumentError(
            absl::StrCat("duplicate function '", name, "'"));
    if (signatures[i].devices < 1)
      return absl::InvalidArgumentError(
          absl::StrCat("function '", name, "' has invalid device count ",
                       signatures[i].devices, " (must be >= 1)"));
  }
  module->functions_.reserve(signatures.size());
  for (FunctionSignature &signature : signatures) {
    std::string symbol = absl::StrCat(kArtifactInvokePrefix, signature.name);
    absl::StatusOr<InvokeFn> fn = resolve(symbol);
    if (!fn.ok())
      return absl::Status(fn.status().code(),
                          absl::StrCat("cannot resolve function '",
                                       signature.name,
                                       "': ", fn.status().message()));
    if (!*fn)
      return absl::NotFoundError(absl::StrCat("cannot resolve function '",
                                              signature.name, "': symbol '",
                                              symbol, "' resolved to null"));
    module->functions_.emplace_back(std::move(signature), *fn);
  }
  return module;
}

absl::StatusOr<std::unique_ptr<Module>> Module::load(const std::string &path) {
  if (path.empty())
    return absl::InvalidArgumentError("cannot load artifact: empty path");
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    int error = errno;
    std::string message =
        absl::StrCat("cannot load artifact '", path,
                     "': ", std::generic_category().message(error));
    return error == ENOENT ? absl::NotFoundError(message)
                           : absl::InvalidArgumentError(message);
  }
  if (S_ISDIR(info.st_mode))
    return absl::InvalidArgumentError(
        absl::StrCat("cannot load artifact '", path, "': is a directory"));

  // The seal first: nothing of a corrupt, modified or foreign file runs
  // (dlopen would run its initializers).
  if (absl::Status sealed = checkArtifactSeal(path); !sealed.ok())
    return sealed;

  // Artifacts of multi-device functions leave genc_rt_* undefined; they
  // resolve against this runtime library, made global here.
  detail::exportRuntimeSymbols();

  // dlopen searches the library path for names without a slash; make sure
  // a relative file name means the file.
  std::string openPath =
      path.find('/') == std::string::npos ? "./" + path : path;
  void *handle = ::dlopen(openPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *error = ::dlerror();
    return absl::InvalidArgumentError(
        absl::StrCat("cannot load artifact '", path,
                     "': ", error ? error : "dlopen failed"));
  }
  std::shared_ptr<void> keepAlive(handle, [](void *h) { ::dlclose(h); });

  ::dlerror();
  void *metadataSymbol = ::dlsym(handle, kArtifactMetadataSymbol);
  if (!metadataSymbol)
    return absl::InvalidArgumentError(
        absl::StrCat("'", path, "' is not a genc artifact: it does not export ",
                     kArtifactMetadataSymbol));
  auto metadataFn = reinterpret_cast<const char *(*)()>(metadataSymbol);
  const char *metadata = metadataFn();
  if (!metadata)
    return absl::InvalidArgumentError(absl::StrCat(
        "artifact '", path, "': ", kArtifactMetadataSymbol, " returned null"));
  absl::StatusOr<std::vector<FunctionSignature>> signatures =
      parseArtifactMetadata(metadata);
  if (!signatures.ok())
    return absl::InvalidArgumentError(
        absl::StrCat("artifact '", path,
                     "' has bad metadata: ", signatures.status().message()));

  auto resolve =
      [handle](const std::string &symbol) -> absl::StatusOr<InvokeFn> {
    ::dlerror();
    void *address = ::dlsym(handle, symbol.c_str());
    if (!address)
      return absl::NotFoundError(
          absl::StrCat("symbol '", symbol, "' is missing"));
    return reinterpret_cast<InvokeFn>(address);
  };
  absl::StatusOr<std::unique_ptr<Module>> module =
      fromParts(std::move(*signatures), resolve, std::move(keepAlive));
  if (!module.ok())
    return absl::Status(
        module.status().code(),
        absl::StrCat("artifact '", path, "': ", module.status().message()));
  (*module)->path_ = path;
  return module;
}

absl::StatusOr<const Function *> Module::lookup(std::string_view name) const {
  for (const Function &function : functions_)
    if (function.name() == name)
      return &function;
  if (functions_.empty())
    return absl::NotFoundError(
        absl::StrCat("no function '", std::string(name),
                     "' in module; it has no functions"));
  return absl::NotFoundError(absl::StrCat(
      "no function '", std::string(name), "' in module; available: ",
      absl::StrJoin(functions_, ", ", [](std::string *out, const Function &f) {
        out->append(f.name());
      })));
}

} // namespace genc::runtime
