//===- Cache.cpp - compiling traced functions through two caches ----------===//
//
// In memory: by the content hash of the IR. On disk: one shared library per
// key in $GENC_CACHE_DIR (default $XDG_CACHE_HOME/genc or ~/.cache/genc),
// keyed by SHA-256 of the IR text, compile options, host CPU and features,
// and the genc version. Each entry has a sidecar `.meta` with a format
// version and the library's SHA-256, checked BEFORE the library is loaded:
// a corrupt or foreign entry is ignored with a warning and rebuilt, never
// loaded. Entries are written to temporary files and renamed.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include "compiler/API/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <dlfcn.h>
#include <link.h>
#include <map>
#include <unistd.h>

#ifndef GENC_VERSION
#define GENC_VERSION "dev"
#endif

using namespace mlir;

namespace genc::detail {

CacheStats &cacheStats() {
  static CacheStats stats;
  return stats;
}

static std::string sha256Hex(llvm::StringRef data) {
  llvm::SHA256 h;
  h.update(data);
  std::array<uint8_t, 32> digest = h.final();
  return llvm::toHex(digest, /*LowerCase=*/true);
}

static const std::string &hostDescription() {
  static const std::string description = [] {
  std::string s = llvm::sys::getHostCPUName().str();
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  std::vector<std::string> on;
  for (auto &f : features)
    if (f.second)
      on.push_back(f.first().str());
  std::sort(on.begin(), on.end());
  for (const std::string &f : on)
    s += "," + f;
  return s;
  }();
  return description;
}

/// Identifies the compiler build: the SHA-256 of every loaded genc compiler
/// library (libGenc*: the dialect, passes, pipelines, emitter), so a
/// rebuilt or upgraded compiler never reuses another build's artifacts.
static const std::string &compilerBuildId() {
  static const std::string id = [] {
    std::vector<std::string> libs;
    dl_iterate_phdr(
        [](struct dl_phdr_info *info, size_t, void *data) {
          llvm::StringRef path(info->dlpi_name ? info->dlpi_name : "");
          if (llvm::sys::path::filename(path).starts_with("libGenc"))
            static_cast<std::vector<std::string> *>(data)->push_back(path.str());
          return 0;
        },
        &libs);
    Dl_info info;
    if (dladdr(reinterpret_cast<void *>(&mlir::genc::emitNative), &info) &&
        info.dli_fname)
      libs.push_back(info.dli_fname);
    std::sort(libs.begin(), libs.end());
    libs.erase(std::unique(libs.begin(), libs.end()), libs.end());
    std::string all;
    for (const std::string &lib : libs)
      if (auto buf = llvm::MemoryBuffer::getFile(lib))
        all += llvm::sys::path::filename(lib).str() + "=" +
               sha256Hex((*buf)->getBuffer()) + ";";
    // Extra LLVM options change the generated code too.
    if (const char *flags = std::getenv("GENC_LLVM_FLAGS"))
      all += std::string("llvm-flags=") + flags + ";";
    return all.empty() ? std::string("unknown") : sha256Hex(all);
  }();
  return id;
}

/// The cache directory, created on first use; empty if disabled or
/// unusable (then compiled libraries go to a temporary directory).
static std::string cacheDir() {
  static std::string dir = [] {
    const char *env = std::getenv("GENC_CACHE_DIR");
    std::string d;
    if (env && *env) {
      d = env;
    } else if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
      d = std::string(xdg) + "/genc";
    } else if (const char *home = std::getenv("HOME"); home && *home) {
      d = std::string(home) + "/.cache/genc";
    }
    if (d.empty() || d == "off" || d == "0")
      return std::string();
    if (llvm::sys::fs::create_directories(d)) {
      llvm::errs() << "genc: warning: cannot create the compilation cache "
                   << d << "; caching in memory only\n";
      return std::string();
    }
    return d;
  }();
  return dir;
}

static std::string scratchDir() {
  static std::string dir = [] {
    llvm::SmallString<128> p;
    llvm::sys::fs::createUniqueDirectory("genc-jit", p);
    return p.str().str();
  }();
  return dir;
}

static bool writeFileAtomically(const std::string &path,
                                llvm::StringRef contents) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(tmp, ec);
    if (ec)
      return false;
    os << contents;
    os.close();
    if (os.has_error()) {
      llvm::sys::fs::remove(tmp);
      return false;
    }
  }
  if (llvm::sys::fs::rename(tmp, path)) {
    llvm::sys::fs::remove(tmp);
    return false;
  }
  return true;
}

static constexpr llvm::StringLiteral kMetaHeader = "genc-cache 1";

/// Checks `lib` against its sidecar; returns an empty string if valid, else
/// why not.
static std::string validateEntry(const std::string &lib,
                                 const std::string &meta,
                                 const std::string &key) {
  auto metaBuf = llvm::MemoryBuffer::getFile(meta);
  if (!metaBuf)
    return "no metadata file";
  llvm::SmallVector<llvm::StringRef> lines;
  (*metaBuf)->getBuffer().split(lines, '\n', -1, false);
  if (lines.size() < 3 || lines[0] != kMetaHeader)
    return "unknown cache format";
  if (lines[1] != ("key " + key))
    return "entry belongs to another key";
  auto libBuf = llvm::MemoryBuffer::getFile(lib);
  if (!libBuf)
    return "cannot read the library";
  if (lines[2] != ("sha256 " + sha256Hex((*libBuf)->getBuffer())))
    return "checksum mismatch (corrupt or tampered)";
  return "";
}

std::shared_ptr<Compiled> compile(ModuleOp module, const Loc &loc,
                                  const std::string &what) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  std::string text;
  {
    llvm::raw_string_ostream os(text);
    module->print(os);
  }
  mlir::genc::CompileOptions options;
  // GENC_PROFILE=1: compiled code times every kernel; the runtime prints
  // the table at exit (runtime/include/genc/runtime/genc_profile.h).
  if (const char *p = std::getenv("GENC_PROFILE"); p && *p && std::strcmp(p, "0"))
    options.profile = true;
  options.checkNumerics = check_numerics();
  // GENC_VECTOR_BITS=0|256|512: the register width the CPU's generated
  // GEMM kernels assume (genc compile --vector-bits); default the host's,
  // 0 hands every matmul to BLAS.
  if (const char *v = std::getenv("GENC_VECTOR_BITS"); v && *v) {
    std::string bits = v;
    if (bits != "0" && bits != "256" && bits != "512")
      fail(loc, what, "GENC_VECTOR_BITS must be 0, 256 or 512 (got '" + bits + "')");
    options.vectorBits = std::stoll(bits);
  }
  if (Device device = default_device(); device.kind == Device::Kind::Cuda) {
    options.target = "cuda";
    options.gpuArch = gpuArchOf(device);
  }
  std::string key = sha256Hex(text + "|target=" + options.target +
                              "|arch=" + options.gpuArch +
                              "|O=" + std::to_string(options.optLevel) +
                              "|blas=" + std::to_string(options.useBlas) +
                              "|profile=" + std::to_string(options.profile) +
                              "|numerics=" + std::to_string(options.checkNumerics) +
                              "|vbits=" + std::to_string(options.vectorBits) +
                              "|host=" + hostDescription() +
                              "|genc=" GENC_VERSION "|build=" +
                              compilerBuildId());
  // GENC_DUMP_DIR=DIR writes every program handed to the compiler as
  // DIR/<key>.mlir (genc IR, before any pass), like XLA's --xla_dump_to.
  if (const char *dump = std::getenv("GENC_DUMP_DIR"); dump && *dump) {
    std::error_code ec;
    std::filesystem::create_directories(dump, ec);
    std::ofstream(std::string(dump) + "/" + key + ".mlir") << text;
  }
  static std::map<std::string, std::shared_ptr<Compiled>> memory;
  if (auto it = memory.find(key); it != memory.end()) {
    ++cacheStats().memoryHits;
    return it->second;
  }

  auto load = [&](const std::string &lib) -> std::shared_ptr<Compiled> {
    absl::StatusOr<std::unique_ptr<runtime::Module>> m =
        runtime::Module::load(lib);
    if (!m.ok())
      return nullptr;
    absl::StatusOr<const runtime::Function *> f = (*m)->lookup("main");
    if (!f.ok())
      return nullptr;
    auto c = std::make_shared<Compiled>();
    c->function = *f;
    c->module = std::move(*m);
    return c;
  };

  std::string dir = cacheDir();
  bool persistent = !dir.empty();
  if (!persistent)
    dir = scratchDir();
  std::string lib = dir + "/" + key + ".so";
  std::string meta = dir + "/" + key + ".meta";
  if (persistent && llvm::sys::fs::exists(lib)) {
    std::string why = validateEntry(lib, meta, key);
    if (why.empty()) {
      if (std::shared_ptr<Compiled> c = load(lib)) {
        ++cacheStats().diskHits;
        memory[key] = c;
        return c;
      }
      why = "not a loadable genc artifact";
    }
    ++cacheStats().corruptEntries;
    llvm::errs() << "genc: warning: ignoring compilation cache entry " << lib
                 << ": " << why << "; recompiling\n";
  }

  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
      return success();
    });
    OwningOpRef<ModuleOp> clone(module.clone());
    if (failed(mlir::genc::emitNative(*clone,
                                      mlir::genc::NativeOutput::SharedLibrary,
                                      lib, options)))
      fail(loc, what, "compilation failed: " + diagnostics);
  }
  ++cacheStats().compiles;
  auto libBuf = llvm::MemoryBuffer::getFile(lib);
  if (libBuf)
    writeFileAtomically(meta, (kMetaHeader + "\nkey " + key + "\nsha256 " +
                               sha256Hex((*libBuf)->getBuffer()) + "\n")
                                  .str());
  std::shared_ptr<Compiled> c = load(lib);
  if (!c)
    fail(loc, what, "cannot load the compiled library " + lib);
  memory[key] = c;
  return c;
}

std::vector<Tensor> run(const Compiled &compiled,
                        const std::vector<Tensor> &inputs, const Loc &loc,
                        const std::string &what) {
  std::vector<const runtime::Buffer *> ptrs;
  for (const Tensor &t : inputs)
    ptrs.push_back(&t.buffer());
  absl::StatusOr<std::vector<runtime::Buffer>> out = compiled.function->call(ptrs);
  if (!out.ok())
    fail(loc, what, std::string(out.status().message()));
  std::vector<Tensor> results;
  for (runtime::Buffer &b : *out)
    results.emplace_back(std::move(b));
  return results;
}

} // namespace genc::detail

namespace genc {
std::string cache_directory() { return detail::cacheDir(); }
} // namespace genc
