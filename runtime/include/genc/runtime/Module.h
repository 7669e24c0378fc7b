// Module and Function: load a compiled artifact (.so) and call its functions.
//
// Thread safety: a Module is immutable after load()/fromParts(). Looking up
// functions and calling Function::call/callInto from several threads at once
// is safe as long as the compiled code is (genc-generated code is; it keeps no
// global state). Buffers passed to concurrent calls must not be shared
// between calls that write them. Concurrent calls of multi-device functions
// each get their own device threads and communicator.
#ifndef GENC_RUNTIME_MODULE_H
#define GENC_RUNTIME_MODULE_H

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "genc/runtime/Artifact.h"
#include "genc/runtime/Buffer.h"

namespace genc::runtime {

/// An artifact entry point: `buffers` holds one pointer per input, then one
/// per output (see Artifact.h).
using InvokeFn = void (*)(void **buffers);

/// One callable entry function: its signature plus the code that runs it.
/// Cheap to copy; does not own the code (the Module that made it does).
class Function {
public:
  Function(FunctionSignature signature, InvokeFn invoke);

  const FunctionSignature &signature() const { return signature_; }
  const std::string &name() const { return signature_.name; }
  InvokeFn invokeFn() const { return invoke_; }

  /// Checks the number, dtype and shape of every input, allocates the
  /// outputs, runs the function and returns the outputs.
  /// Error example: `input 1 of 'main': expected shape 2x3xf32, got 3x2xf32`.
  ///
  /// A function with signature().devices == N > 1 runs on N CPU devices at
  /// once (Collectives.h): device 0 on the calling thread writing the
  /// returned outputs, devices 1..N-1 on the runtime's device threads
  /// writing scratch outputs, all reading the same inputs. It needs N <=
  /// cpuDeviceCount(). An error of a collective (genc_collectives.h) in any
  /// device, including a 1-device function's, makes the call fail; the
  /// root cause is returned, e.g. `device 0: genc.all_reduce at a.mlir:3:5
  /// timed out after 300 s waiting for device(s) 1`.
  absl::StatusOr<std::vector<Buffer>>
  call(absl::Span<const Buffer *const> inputs) const;

  /// Like call() but writes into caller-provided outputs, which are checked
  /// like the inputs and must not alias an input or each other.
  absl::Status callInto(absl::Span<const Buffer *const> inputs,
                        absl::Span<Buffer *const> outputs) const;

  /// The input checks call() performs, on their own.
  absl::Status checkInputs(absl::Span<const Buffer *const> inputs) const;

private:
  absl::Status invoke(absl::Span<const Buffer *const> inputs,
                      absl::Span<Buffer *const> outputs) const;

  FunctionSignature signature_;
  InvokeFn invoke_;
};

/// A loaded artifact: its functions and whatever keeps their code alive.
class Module {
public:
  /// Maps an entry point symbol name, "genc_invoke_NAME", to its code.
  using Resolver =
      std::function<absl::StatusOr<InvokeFn>(const std::string &symbol)>;

  /// Loads a compiled artifact with dlopen(RTLD_NOW | RTLD_LOCAL), reads its
  /// metadata and resolves every genc_invoke_NAME. Errors name the path and
  /// the problem: missing file, not a genc artifact (no metadata symbol), bad
  /// metadata, missing entry point.
  static absl::StatusOr<std::unique_ptr<Module>> load(const std::string &path);

  /// Builds a module from signatures and a resolver, e.g. for an in-process
  /// JIT. `resolve` is called once per function with the symbol name
  /// "genc_invoke_NAME"; `keepAlive` is held until the Module is destroyed
  /// (after its Functions) and typically owns the code. Like load(), it
  /// first makes the runtime's genc_rt_* symbols global in the process, so
  /// a JIT that resolves symbols from the process (dlsym(RTLD_DEFAULT))
  /// while `resolve` runs finds them.
  static absl::StatusOr<std::unique_ptr<Module>>
  fromParts(std::vector<FunctionSignature> signatures, Resolver resolve,
            std::shared_ptr<void> keepAlive);

  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;
  ~Module();

  /// The functions, in metadata order.
  const std::vector<Function> &functions() const { return functions_; }

  /// The function with this name. The pointer lives as long as the Module.
  /// Error: `no function 'foo' in module; available: main, other`.
  absl::StatusOr<const Function *> lookup(std::string_view name) const;

  /// The path given to load(); empty for fromParts().
  const std::string &path() const { return path_; }

private:
  Module() = default;

  // Declared first so it is destroyed last, after the Functions.
  std::shared_ptr<void> keepAlive_;
  std::vector<Function> functions_;
  std::string path_;
};

} // namespace genc::runtime

#endif // GENC_RUNTIME_MODULE_H
