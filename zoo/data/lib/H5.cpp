// The Galaxy10 DECaLS HDF5 layout through the HDF5 C API. The Debian
// libhdf5 is not built thread-safe, so every call here holds one mutex.
#include "genc/zoo/GalaxyIO.h"

#include "Report.h"
#include "genc/zoo/Loader.h"

#include <hdf5.h>
#include <zlib.h>

#include <algorithm>
#include <limits>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace genc::zoo {

namespace {

std::mutex &hdf5Mutex() {
  static std::mutex m;
  return m;
}

/// An HDF5 identifier closed by `Close` on scope exit.
template <herr_t (*Close)(hid_t)> class Handle {
public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  Handle(Handle &&other) noexcept : id_(other.id_) { other.id_ = -1; }
  Handle &operator=(Handle &&other) noexcept {
    if (this != &other) {
      close();
      id_ = other.id_;
      other.id_ = -1;
    }
    return *this;
  }
  ~Handle() { close(); }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  /// Closes now and reports failure (a failed H5Fclose means a failed
  /// flush).
  bool close() {
    hid_t id = id_;
    id_ = -1;
    return id < 0 || Close(id) >= 0;
  }

private:
  hid_t id_ = -1;
};
using File = Handle<H5Fclose>;
using Dataset = Handle<H5Dclose>;
using Space = Handle<H5Sclose>;
using Type = Handle<H5Tclose>;
using Plist = Handle<H5Pclose>;

/// Holds the HDF5 lock and silences HDF5's own error-stack printing.
class Hdf5Lock {
public:
  Hdf5Lock() : lock_(hdf5Mutex()) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }

private:
  std::lock_guard<std::mutex> lock_;
};

std::string typeName(hid_t type) {
  size_t bits = H5Tget_size(type) * 8;
  switch (H5Tget_class(type)) {
  case H5T_INTEGER:
    return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") +
           std::to_string(bits);
  case H5T_FLOAT:
    return "float" + std::to_string(bits);
  case H5T_STRING:
    return "string";
  case H5T_COMPOUND:
    return "compound";
  case H5T_ENUM:
    return "enum";
  default:
    return "a non-numeric type";
  }
}

std::string shapeString(const std::vector<hsize_t> &dims) {
  std::string s = "(";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + (dims.size() == 1 ? ",)" : ")");
}

bool hasHdf5Signature(const std::string &path) {
  static const char kSignature[8] = {'\x89', 'H',  'D',    'F',
                                     '\r',   '\n', '\x1a', '\n'};
  std::ifstream in(path, std::ios::binary);
  // The superblock sits at 0, 512, 1024, 2048, ... (after a user block).
  for (std::streamoff at = 0; at < (std::streamoff(1) << 30);
       at = at ? at * 2 : 512) {
    char buf[8];
    in.seekg(at);
    if (!in.read(buf, 8))
      return false;
    if (std::memcmp(buf, kSignature, 8) == 0)
      return true;
  }
  return false;
}

/// Resident memory of process `pid` in bytes (0 if unknown).
uint64_t residentBytes(pid_t pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/statm";
  FILE *f = std::fopen(path.c_str(), "r");
  if (!f)
    return 0;
  unsigned long long size = 0, resident = 0;
  int got = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  return got == 2 ? resident * (uint64_t)::sysconf(_SC_PAGESIZE) : 0;
}

/// The HDF5 calls the reader makes to find and describe the Galaxy10
/// datasets (no H5Dread), ending with a walk of every chunk index.
void walkStructure(const char *path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  File file(H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!file.valid())
    return;
  for (const char *name : {"images", "ans", "redshift", "ra", "dec", "pxscale"}) {
    if (H5Lexists(file.get(), name, H5P_DEFAULT) <= 0)
      continue;
    Dataset ds(H5Dopen2(file.get(), name, H5P_DEFAULT));
    if (!ds.valid())
      continue;
    Type type(H5Dget_type(ds.get()));
    Space space(H5Dget_space(ds.get()));
    Plist dcpl(H5Dget_create_plist(ds.get()));
    (void)H5Dget_storage_size(ds.get());
    hsize_t chunks = 0;
    if (dcpl.valid() && H5Pget_layout(dcpl.get()) == H5D_CHUNKED)
      (void)H5Dget_num_chunks(ds.get(), space.get(), &chunks);
  }
}

/// libhdf5 is not hardened against crafted files: a 10 KB file with a
/// cyclic local-heap free list made 1.10 allocate 8 GB in 73 M blocks for
/// 23 s inside H5Lexists (fuzz/fuzz_galaxy_h5). Before a file is opened
/// here, its structure is walked in a forked child that is killed past
/// `kProbeMemory` bytes of growth or `kProbeSeconds`; a crash there is
/// caught too. "" when the walk finished, else what went wrong. Called
/// with the HDF5 lock held (the child never takes it; it calls only
/// libhdf5 and exits with _exit).
constexpr uint64_t kProbeMemory = 1ull << 30;
constexpr int kProbeSeconds = 30;

std::string probeStructure(const std::string &path) {
  uint64_t base = residentBytes(::getpid());
  // The child holds the write end of a pipe: its exit wakes the parent at
  // once (poll sees the hang-up), with a 10 ms cadence for the budget.
  int done[2];
  if (::pipe2(done, O_CLOEXEC) != 0)
    return ""; // cannot guard: read without the probe
  std::fflush(nullptr);
  pid_t child = ::fork();
  if (child < 0) {
    ::close(done[0]);
    ::close(done[1]);
    return "";
  }
  if (child == 0) {
    ::close(done[0]);
    walkStructure(path.c_str());
    ::_exit(0);
  }
  ::close(done[1]);
  struct timespec start, now;
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  std::string problem;
  for (;;) {
    struct pollfd wait = {done[0], POLLIN, 0};
    int ready = ::poll(&wait, 1, 10);
    if (ready > 0)
      break; // the child exited (or wrote, which it never does)
    if (ready < 0 && errno != EINTR)
      break;
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    if (residentBytes(child) > base + kProbeMemory)
      problem = "needed more than " + std::to_string(kProbeMemory >> 20) +
                " MB of memory";
    else if (now.tv_sec - start.tv_sec >= kProbeSeconds)
      problem = "took more than " + std::to_string(kProbeSeconds) + " s";
    if (!problem.empty()) {
      ::kill(child, SIGKILL);
      break;
    }
  }
  ::close(done[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!problem.empty())
    return "libhdf5 " + problem +
           " reading the file's structure (the file is corrupt or "
           "crafted); refused";
  if (WIFSIGNALED(status))
    return std::string("libhdf5 crashed reading the file's structure (") +
           ::strsignal(WTERMSIG(status)) +
           "): the file is corrupt or crafted; refused";
  return "";
}

/// One open dataset with its type and shape.
struct Column {
  Dataset ds;
  Type type;
  std::vector<hsize_t> dims;
};

class Reader {
public:
  explicit Reader(const std::string &path) : path_(path) {}

  [[noreturn]] void fail(const std::string &problem) const {
    throw DataError(path_ + ": " + problem);
  }

  void open() {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec))
      fail("no such file");
    if (std::filesystem::is_directory(path_, ec))
      fail("is a directory, not an HDF5 file");
    if (!hasHdf5Signature(path_))
      fail("not an HDF5 file");
    if (std::string problem = probeStructure(path_); !problem.empty())
      fail(problem);
    file_ = File(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid())
      fail("cannot open as HDF5 (the file is truncated or corrupt)");
  }

  /// Opens dataset `name`; `verify`: its storage is checked against its
  /// shape first (everything that is read with H5Dread must be).
  void column(const char *name, Column &c, hid_t dapl = H5P_DEFAULT,
              bool verify = true) {
    htri_t exists = H5Lexists(file_.get(), name, H5P_DEFAULT);
    if (exists <= 0)
      fail(std::string("missing dataset '") + name +
           "' (the Galaxy10 layout has images, ans, redshift, ra, dec, "
           "pxscale)");
    Dataset ds(H5Dopen2(file_.get(), name, dapl));
    if (!ds.valid())
      fail(std::string("'") + name + "' is not a readable dataset");
    Type type(H5Dget_type(ds.get()));
    Space space(H5Dget_space(ds.get()));
    int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0)
      fail(std::string("cannot read the shape of dataset '") + name + "'");
    std::vector<hsize_t> dims(rank);
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    if (verify)
      checkStorage(name, ds.get(), type.get(), dims);
    c.ds = std::move(ds);
    c.type = std::move(type);
    c.dims = dims;
  }

  const std::string &path() const { return path_; }

private:
  /// Every chunk of a chunked dataset must decompress to exactly one
  /// chunk's bytes: libhdf5 copies a full chunk out of a shorter inflated
  /// buffer otherwise (a heap overflow inside H5Dread found by
  /// fuzz/fuzz_galaxy_h5). Checked for the deflate, shuffle and fletcher32
  /// filters genc and h5py write; other filters are left to libhdf5.
  void checkChunks(const char *name, hid_t ds, hid_t type, hid_t dcpl,
                   const std::vector<hsize_t> &dims) {
    const size_t rank = dims.size();
    std::vector<hsize_t> chunk(rank);
    if (rank == 0 || H5Pget_chunk(dcpl, (int)rank, chunk.data()) != (int)rank)
      fail(std::string("dataset '") + name + "' has a bad chunk layout (the file is corrupt)");
    uint64_t chunkBytes = H5Tget_size(type);
    for (hsize_t c : chunk) {
      if (c == 0 || chunkBytes > (1ull << 32) / c)
        fail(std::string("dataset '") + name + "' has a bad chunk shape (the file is corrupt)");
      chunkBytes *= c;
    }
    std::vector<H5Z_filter_t> pipeline;
    int filters = H5Pget_nfilters(dcpl);
    for (int f = 0; f < filters; ++f) {
      unsigned flags = 0, values[8];
      size_t nValues = 8;
      char filterName[64];
      H5Z_filter_t id = H5Pget_filter2(dcpl, (unsigned)f, &flags, &nValues, values,
                                       sizeof filterName, filterName, nullptr);
      if (id != H5Z_FILTER_DEFLATE && id != H5Z_FILTER_FLETCHER32 &&
          id != H5Z_FILTER_SHUFFLE)
        return; // another codec: trusted to libhdf5
      pipeline.push_back(id);
    }
    // Unfiltered: every stored chunk is exactly one chunk, so the total
    // says whether any is short; each one is looked up only for up to 4096
    // chunks (the exact lookup is linear in the index).
    if (pipeline.empty()) {
      hid_t space = H5Dget_space(ds);
      hsize_t chunks = 0;
      herr_t got = H5Dget_num_chunks(ds, space, &chunks);
      H5Sclose(space);
      hsize_t total = H5Dget_storage_size(ds);
      if (got >= 0 && total != chunks * chunkBytes)
        fail(std::string("dataset '") + name + "' stores " + std::to_string(total) +
             " bytes in " + std::to_string(chunks) + " chunks of " +
             std::to_string(chunkBytes) + " (the file is corrupt)");
      if (got < 0 || chunks > 4096)
        return;
    }
    // Every chunk of the grid, by coordinates.
    std::vector<hsize_t> offset(rank, 0);
    std::vector<unsigned char> raw, inflated(chunkBytes + 4);
    for (int64_t i = 0; !dims.empty() && dims[0] > 0;) {
      // The size the chunk index records. H5Dget_chunk_storage_size
      // reports a full chunk for unfiltered datasets, whatever is stored;
      // the by-coordinate lookup is exact but linear in the index.
      hsize_t size = 0;
      bool stored;
      if (pipeline.empty()) {
        haddr_t address = 0;
        unsigned mask = 0;
        stored = H5Dget_chunk_info_by_coord(ds, offset.data(), &mask, &address,
                                            &size) >= 0 &&
                 address != HADDR_UNDEF;
      } else {
        stored = H5Dget_chunk_storage_size(ds, offset.data(), &size) >= 0;
      }
      stored = stored && size > 0 && size <= chunkBytes + (1u << 20) + 4;
      if (stored && !verifyChunk(name, ds, offset, size, pipeline, chunkBytes, raw,
                                 inflated, i))
        return;
      ++i;
      size_t d = rank;
      while (d > 0) { // next chunk offset (odometer)
        --d;
        offset[d] += chunk[d];
        if (offset[d] < dims[d])
          break;
        offset[d] = 0;
      }
      if (d == 0 && offset[0] == 0)
        break;
    }
  }

  /// Checks one stored chunk; false when it cannot be decoded here (left
  /// to libhdf5, which reports it).
  bool verifyChunk(const char *name, hid_t ds, const std::vector<hsize_t> &offset,
                   hsize_t size, const std::vector<H5Z_filter_t> &pipeline,
                   uint64_t chunkBytes, std::vector<unsigned char> &raw,
                   std::vector<unsigned char> &inflated, int64_t i) {
    {
      raw.resize(size);
      uint32_t readMask = 0;
      if (H5Dread_chunk(ds, H5P_DEFAULT, offset.data(), &readMask, raw.data()) < 0)
        return false; // H5Dread reports it
      // Undo the filters in reverse order (a set mask bit: not applied).
      uint64_t have = size;
      const unsigned char *bytes = raw.data();
      bool decodable = true;
      for (int f = (int)pipeline.size() - 1; f >= 0 && decodable; --f) {
        if (readMask & (1u << f))
          continue;
        if (pipeline[f] == H5Z_FILTER_FLETCHER32) {
          decodable = have >= 4;
          have -= decodable ? 4 : 0;
        } else if (pipeline[f] == H5Z_FILTER_DEFLATE) {
          uLongf out = (uLongf)inflated.size();
          decodable = uncompress(inflated.data(), &out, bytes, (uLong)have) == Z_OK;
          have = out;
          bytes = inflated.data();
        } // shuffle keeps the size
      }
      if (!decodable)
        return false; // libhdf5 reports undecodable chunks itself
      if (have != chunkBytes)
        fail(std::string("dataset '") + name + "': chunk " + std::to_string(i) +
             " holds " + std::to_string(have) + " bytes, a chunk needs " +
             std::to_string(chunkBytes) + " (the file is corrupt)");
    }
    return true;
  }

  /// A dataset stored in one piece (compact: in the object header;
  /// contiguous) must hold exactly what its shape and type need. libhdf5
  /// trusts the header and reads past its buffer otherwise (a heap
  /// overflow inside H5Dread found by fuzz/fuzz_galaxy_h5).
  void checkStorage(const char *name, hid_t ds, hid_t type,
                    const std::vector<hsize_t> &dims) {
    Plist dcpl(H5Dget_create_plist(ds));
    H5D_layout_t layout = dcpl.valid() ? H5Pget_layout(dcpl.get()) : H5D_LAYOUT_ERROR;
    if (layout == H5D_CHUNKED)
      return checkChunks(name, ds, type, dcpl.get(), dims);
    if (layout == H5D_VIRTUAL)
      return;
    size_t element = H5Tget_size(type);
    hsize_t need = element;
    bool overflow = element == 0;
    for (hsize_t d : dims) {
      if (d != 0 && need > std::numeric_limits<hsize_t>::max() / d)
        overflow = true;
      else
        need *= d;
    }
    hsize_t stored = H5Dget_storage_size(ds);
    bool ok = !overflow && (layout == H5D_COMPACT
                                ? stored == need
                                : layout == H5D_CONTIGUOUS && (stored == need || stored == 0));
    if (!ok)
      fail(std::string("dataset '") + name + "' stores " + std::to_string(stored) +
           " bytes but its shape " + shapeString(dims) + " and type need " +
           (overflow ? std::string("more than 2^64") : std::to_string(need)) +
           " (the file is corrupt)");
  }

  std::string path_;
  File file_;
};

GalaxySet readImpl(const std::string &path, LoadReport *report,
                   int downsampleTo, bool pixels) {
  Hdf5Lock lock;
  Reader r(path);
  r.open();

  // Type and shape only; the pixels are verified where they are read.
  Column images;
  r.column("images", images, H5P_DEFAULT, /*verify=*/false);
  {
    const hid_t t = images.type.get();
    if (H5Tget_class(t) != H5T_INTEGER || H5Tget_size(t) != 1 ||
        H5Tget_sign(t) != H5T_SGN_NONE)
      r.fail("dataset 'images' has type " + typeName(t) +
             " but uint8 is required");
  }
  if (images.dims.size() != 4 || images.dims[3] != 3 || images.dims[1] == 0 ||
      images.dims[2] == 0)
    r.fail("dataset 'images' has shape " + shapeString(images.dims) +
           " but (N, H, W, 3) is required");
  // A header may claim any size (sparse chunked datasets store nothing):
  // images beyond 2^15 pixels a side or the machine's memory are refused
  // before anything is allocated (found by fuzz/fuzz_galaxy_h5).
  if (images.dims[1] > 32768 || images.dims[2] > 32768)
    r.fail("dataset 'images' has shape " + shapeString(images.dims) +
           ": images larger than 32768 pixels a side are not supported");
  {
    long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
    double need = (double)images.dims[0] * (double)images.dims[1] *
                  (double)images.dims[2] * 3.0;
    double have = pages > 0 && pageSize > 0 ? (double)pages * pageSize : 0;
    if (have > 0 && need > have)
      r.fail("dataset 'images' has shape " + shapeString(images.dims) + ": " +
             std::to_string((int64_t)(need / 1e9)) + " GB of pixels, more than this "
             "machine's " + std::to_string((int64_t)(have / 1e9)) + " GB of memory");
  }
  const int64_t n = static_cast<int64_t>(images.dims[0]);
  const int height = static_cast<int>(images.dims[1]);
  const int width = static_cast<int>(images.dims[2]);
  if (downsampleTo < 0 || downsampleTo > std::min(height, width))
    r.fail("cannot downsample " + std::to_string(height) + "x" +
           std::to_string(width) + " images to " +
           std::to_string(downsampleTo));

  auto checkRows = [&](const char *name, const Column &c) {
    if (c.dims.size() != 1)
      r.fail(std::string("dataset '") + name + "' has shape " +
             shapeString(c.dims) + " but (N,) is required");
    if (static_cast<int64_t>(c.dims[0]) != n)
      r.fail(std::string("dataset '") + name + "' has " +
             std::to_string(c.dims[0]) + " rows but 'images' has " +
             std::to_string(n));
  };
  Column ans;
  r.column("ans", ans);
  if (H5Tget_class(ans.type.get()) != H5T_INTEGER)
    r.fail("dataset 'ans' has type " + typeName(ans.type.get()) +
           " but an integer type is required");
  checkRows("ans", ans);
  std::vector<int64_t> labels(n);
  if (n > 0 && H5Dread(ans.ds.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL,
                       H5P_DEFAULT, labels.data()) < 0)
    r.fail("cannot read dataset 'ans' (the file is truncated or corrupt)");
  for (int64_t i = 0; i < n; ++i)
    if (labels[i] < 0 || labels[i] >= kGalaxyClasses)
      r.fail("dataset 'ans' row " + std::to_string(i) + " holds " +
             std::to_string(labels[i]) + " but labels must be 0..9");

  const char *floatNames[4] = {"redshift", "ra", "dec", "pxscale"};
  std::vector<double> floats[4];
  for (int k = 0; k < 4; ++k) {
    Column c;
    r.column(floatNames[k], c);
    H5T_class_t cls = H5Tget_class(c.type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
      r.fail(std::string("dataset '") + floatNames[k] + "' has type " +
             typeName(c.type.get()) + " but a number type is required");
    checkRows(floatNames[k], c);
    floats[k].resize(n);
    if (n > 0 && H5Dread(c.ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL,
                         H5P_DEFAULT, floats[k].data()) < 0)
      r.fail(std::string("cannot read dataset '") + floatNames[k] +
             "' (the file is truncated or corrupt)");
  }

  ReasonTally tally;
  std::vector<int64_t> kept;
  for (int64_t i = 0; i < n; ++i)
    if (acceptRedshift(floats[0][i], tally, "row " + std::to_string(i)))
      kept.push_back(i);
  if (kept.empty())
    r.fail(n == 0 ? std::string("holds no images")
                  : "no usable rows (" + tally.summary() + ")");

  const int outSize = downsampleTo > 0 ? downsampleTo : 0;
  GalaxySet set;
  set.count = static_cast<int64_t>(kept.size());
  set.height = outSize ? outSize : height;
  set.width = outSize ? outSize : width;
  const float pxFactor = outSize ? static_cast<float>(width) / outSize : 1.0f;
  for (int64_t i : kept) {
    set.labels.push_back(static_cast<int32_t>(labels[i]));
    set.redshift.push_back(static_cast<float>(floats[0][i]));
    set.ra.push_back(static_cast<float>(floats[1][i]));
    set.dec.push_back(static_cast<float>(floats[2][i]));
    set.pxscale.push_back(static_cast<float>(floats[3][i]) * pxFactor);
  }

  if (pixels) {
    set.images.resize(static_cast<size_t>(set.count) * set.image_bytes());
    const size_t rowBytes = static_cast<size_t>(height) * width * 3;
    // Blocks of whole chunks, about 64 MB, with a chunk cache that holds a
    // chunk (the default 1 MB does not hold a 256x256 image chunk of ten).
    hsize_t chunkRows = 1;
    {
      Plist dcpl(H5Dget_create_plist(images.ds.get()));
      if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
        hsize_t chunk[4];
        if (H5Pget_chunk(dcpl.get(), 4, chunk) == 4)
          chunkRows = std::max<hsize_t>(1, chunk[0]);
      }
    }
    hsize_t blockRows = std::max<hsize_t>(1, (64u << 20) / rowBytes);
    blockRows = std::max(chunkRows, blockRows / chunkRows * chunkRows);
    Plist dapl(H5Pcreate(H5P_DATASET_ACCESS));
    H5Pset_chunk_cache(dapl.get(), 12421,
                       std::max<size_t>(1u << 20, 2 * chunkRows * rowBytes),
                       H5D_CHUNK_CACHE_W0_DEFAULT);
    Column img;
    r.column("images", img, dapl.get());
    Space fileSpace(H5Dget_space(img.ds.get()));
    std::vector<uint8_t> block(std::min<hsize_t>(blockRows, n) * rowBytes);
    size_t next = 0; // into kept
    for (hsize_t b0 = 0; b0 < static_cast<hsize_t>(n) && next < kept.size();
         b0 += blockRows) {
      hsize_t rows = std::min<hsize_t>(blockRows, n - b0);
      // Skip blocks without kept rows.
      if (static_cast<hsize_t>(kept[next]) >= b0 + rows)
        continue;
      hsize_t start[4] = {b0, 0, 0, 0};
      hsize_t count[4] = {rows, static_cast<hsize_t>(height),
                          static_cast<hsize_t>(width), 3};
      H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start, nullptr,
                          count, nullptr);
      Space memSpace(H5Screate_simple(4, count, nullptr));
      if (H5Dread(img.ds.get(), H5T_NATIVE_UINT8, memSpace.get(),
                  fileSpace.get(), H5P_DEFAULT, block.data()) < 0)
        r.fail("cannot read dataset 'images' rows " + std::to_string(b0) +
               ".." + std::to_string(b0 + rows - 1) +
               " (the file is truncated or corrupt)");
      while (next < kept.size() &&
             static_cast<hsize_t>(kept[next]) < b0 + rows) {
        const uint8_t *src = block.data() + (kept[next] - b0) * rowBytes;
        uint8_t *dst = set.image(static_cast<int64_t>(next));
        if (outSize)
          downsample_image(src, height, width, dst, outSize);
        else
          std::copy(src, src + rowBytes, dst);
        ++next;
      }
    }
  }

  if (report) {
    report->read += set.count;
    report->skipped += n - set.count;
    for (auto &line : tally.lines())
      report->reasons.push_back(line);
  }
  return set;
}

template <typename T>
void writeColumn(hid_t file, const char *name, hid_t fileType, hid_t memType,
                 const std::vector<T> &values, const std::string &path) {
  hsize_t dims[1] = {values.size()};
  Space space(H5Screate_simple(1, dims, nullptr));
  Plist dcpl(H5Pcreate(H5P_DATASET_CREATE));
  H5Pset_obj_track_times(dcpl.get(), false);
  Dataset ds(H5Dcreate2(file, name, fileType, space.get(), H5P_DEFAULT,
                        dcpl.get(), H5P_DEFAULT));
  if (!ds.valid() ||
      (!values.empty() && H5Dwrite(ds.get(), memType, H5S_ALL, H5S_ALL,
                                   H5P_DEFAULT, values.data()) < 0))
    throw DataError(path + ": cannot write dataset '" + name + "'");
}

} // namespace

GalaxySet read_galaxy_h5(const std::string &path, LoadReport *report,
                         int downsample_to) {
  return readImpl(path, report, downsample_to, true);
}

GalaxySet read_galaxy_h5_metadata(const std::string &path, LoadReport *report) {
  return readImpl(path, report, 0, false);
}

void write_galaxy_h5(const std::string &path, const GalaxySet &set,
                     int gzip_level) {
  validate(set, path);
  if (set.height <= 0 || set.width <= 0)
    throw DataError(path + ": cannot write images of size " +
                    std::to_string(set.height) + "x" +
                    std::to_string(set.width));
  if (gzip_level < 0 || gzip_level > 9)
    throw DataError(path + ": gzip level " + std::to_string(gzip_level) +
                    " is not in 0..9");
  for (int64_t i = 0; i < set.count; ++i)
    if (set.labels[i] < 0 || set.labels[i] >= kGalaxyClasses)
      throw DataError(path + ": label " + std::to_string(set.labels[i]) +
                      " of row " + std::to_string(i) + " is not in 0..9");

  {
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      throw DataError(path + ": directory '" + parent.string() +
                      "' does not exist");
  }
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  Hdf5Lock lock;
  try {
    File file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    if (!file.valid())
      throw DataError(path + ": cannot create '" + tmp + "'");
    {
      const hsize_t n = static_cast<hsize_t>(set.count);
      const hsize_t h = static_cast<hsize_t>(set.height);
      const hsize_t w = static_cast<hsize_t>(set.width);
      hsize_t dims[4] = {n, h, w, 3}, maxDims[4] = {H5S_UNLIMITED, h, w, 3};
      hsize_t chunk[4] = {1, h, w, 3};
      Space space(H5Screate_simple(4, dims, maxDims));
      Plist dcpl(H5Pcreate(H5P_DATASET_CREATE));
      H5Pset_obj_track_times(dcpl.get(), false); // same set, same bytes
      H5Pset_chunk(dcpl.get(), 4, chunk);
      if (gzip_level > 0 && H5Pset_deflate(dcpl.get(), gzip_level) < 0)
        throw DataError(path + ": this libhdf5 has no gzip filter");
      Dataset ds(H5Dcreate2(file.get(), "images", H5T_STD_U8LE, space.get(),
                            H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
      if (!ds.valid() ||
          (n > 0 && H5Dwrite(ds.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL,
                             H5P_DEFAULT, set.images.data()) < 0))
        throw DataError(path + ": cannot write dataset 'images'");
    }
    std::vector<uint8_t> ans(set.labels.begin(), set.labels.end());
    writeColumn(file.get(), "ans", H5T_STD_U8LE, H5T_NATIVE_UINT8, ans, path);
    const char *names[4] = {"redshift", "ra", "dec", "pxscale"};
    const std::vector<float> *columns[4] = {&set.redshift, &set.ra, &set.dec,
                                            &set.pxscale};
    for (int k = 0; k < 4; ++k) {
      std::vector<double> values(columns[k]->begin(), columns[k]->end());
      writeColumn(file.get(), names[k], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                  values, path);
    }
    if (!file.close())
      throw DataError(path + ": cannot finish writing '" + tmp +
                      "' (disk full?)");
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      throw DataError(path + ": cannot rename '" + tmp + "' to it (" +
                      std::strerror(errno) + ")");
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
}

} // namespace genc::zoo
