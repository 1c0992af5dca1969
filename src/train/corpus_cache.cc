#include "heed/train/corpus_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>

#include <fmt/format.h>

#include "heed/core/error.h"
#include "heed/core/hash.h"
#include "heed/core/io.h"

namespace heed::train {
namespace {

constexpr uint64_t kMagic = 0x5249415044454548ULL;  // "HEEDPAIR" in little-endian bytes
constexpr uint64_t kVersion = 1;

struct Header {
  uint64_t magic, version, identity, text_checksum;
  int64_t read, kept, empty, too_long, bad_ratio, id_count;
  uint64_t data_checksum;
  uint64_t reserved[4];
  uint64_t header_checksum;  // of the fields above
};
static_assert(sizeof(Header) == 128, "the header is 16 words");

// The data checksum: FNV-1a over 32-bit words (the sizes are in the header, so a truncation
// is caught too).
uint64_t hash_words(const int32_t* w, size_t n, uint64_t h) {
  return fnv1a_words(reinterpret_cast<const uint32_t*>(w), n, h);
}

uint64_t header_checksum(const Header& h) { return fnv1a(&h, offsetof(Header, header_checksum), kFnvOffset); }

int64_t padded(int64_t bytes) { return (bytes + 7) / 8 * 8; }

// Size, modification time and the first and last MiB of a file: a change to the text almost
// always changes one of them, and reading 2 MiB costs nothing next to tokenizing.
uint64_t file_identity(const std::string& path, uint64_t h) {
  struct stat st {};
  HEED_CHECK(::stat(path.c_str(), &st) == 0, "cannot read {}: {}", path, std::strerror(errno));
  const int64_t size = st.st_size, mtime_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
  h = fnv1a(&size, sizeof size, h);
  h = fnv1a(&mtime_ns, sizeof mtime_ns, h);
  constexpr int64_t kSample = 1 << 20;
  std::ifstream in(path, std::ios::binary);
  std::string sample(static_cast<size_t>(std::min(size, kSample)), '\0');
  in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
  h = fnv1a(sample.data(), static_cast<size_t>(in.gcount()), h);
  if (size > kSample) {
    in.clear();
    in.seekg(std::max(kSample, size - kSample));
    in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
    h = fnv1a(sample.data(), static_cast<size_t>(in.gcount()), h);
  }
  return h;
}

uint64_t identity_of(const CorpusSource& s) {
  uint64_t h = fnv1a(&kVersion, sizeof kVersion, kFnvOffset);
  h = file_identity(s.src, h);
  h = file_identity(s.tgt, h);
  const std::string vocab = s.tokenizer->serialized();
  h = fnv1a(vocab.data(), vocab.size(), h);
  h = fnv1a(&s.filter.max_length, sizeof s.filter.max_length, h);
  return fnv1a(&s.filter.max_ratio, sizeof s.filter.max_ratio, h);
}

// Ids read from the cache file with pread: no memory grows with the corpus, and unlike a
// mapping, pages read do not count as the process's resident memory.
class FileIds : public IdReader {
 public:
  FileIds(const std::string& path, int64_t offset) : path_(path), offset_(offset) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    HEED_CHECK(fd_ >= 0, "cannot open {}: {}", path, std::strerror(errno));
  }
  ~FileIds() override { ::close(fd_); }
  void read(int64_t first, int64_t count, int32_t* out) const override {
    auto* p = reinterpret_cast<char*>(out);
    size_t left = static_cast<size_t>(count) * sizeof(int32_t);
    off_t at = static_cast<off_t>(offset_ + first * static_cast<int64_t>(sizeof(int32_t)));
    while (left > 0) {
      const ssize_t got = ::pread(fd_, p, left, at);
      if (got < 0 && errno == EINTR) continue;
      HEED_CHECK(got > 0, "cannot read the data cache {} (was it removed or truncated while training?)", path_);
      p += got;
      at += got;
      left -= static_cast<size_t>(got);
    }
  }

 private:
  std::string path_;
  int64_t offset_;
  int fd_ = -1;
};

template <class T>
bool read_array(std::ifstream& in, std::vector<T>& v, size_t n) {
  v.resize(n);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
  return static_cast<size_t>(in.gcount()) == n * sizeof(T);
}

// The cache at `path` if it is whole and made from `identity`; else nothing, and why.
std::optional<CachedCorpus> read_cache(const std::string& path, uint64_t identity, std::string& why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = "does not exist yet";
    return std::nullopt;
  }
  Header h{};
  in.read(reinterpret_cast<char*>(&h), sizeof h);
  if (in.gcount() != sizeof h || h.magic != kMagic || header_checksum(h) != h.header_checksum) {
    why = "is not a heed data cache, or its header is damaged";
    return std::nullopt;
  }
  if (h.version != kVersion || h.identity != identity) {
    why = "was made from other text, vocabulary or filter options";
    return std::nullopt;
  }
  const int64_t ids_bytes = h.id_count * 4, expected = 128 + padded(ids_bytes) + (h.kept + 1) * 8 + h.kept * 4;
  std::error_code ec;
  if (h.kept < 0 || h.id_count < 0 || static_cast<int64_t>(std::filesystem::file_size(path, ec)) != expected) {
    why = "is truncated or of the wrong size";
    return std::nullopt;
  }
  // Every start verifies the whole file: a few seconds per GB, never a damaged corpus.
  uint64_t sum = kFnvOffset;
  std::vector<int32_t> block(1 << 20);
  for (int64_t left = h.id_count; left > 0;) {
    const auto n = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(block.size())));
    if (!read_array(in, block, n)) break;
    sum = hash_words(block.data(), n, sum);
    left -= static_cast<int64_t>(n);
  }
  in.seekg(128 + padded(ids_bytes));
  std::vector<int64_t> starts;
  std::vector<int32_t> src_lengths;
  const bool whole = read_array(in, starts, static_cast<size_t>(h.kept + 1)) &&
                     read_array(in, src_lengths, static_cast<size_t>(h.kept));
  if (whole) {
    sum = hash_words(reinterpret_cast<const int32_t*>(starts.data()), starts.size() * 2, sum);
    sum = hash_words(src_lengths.data(), src_lengths.size(), sum);
  }
  if (!whole || sum != h.data_checksum || starts.front() != 0 || starts.back() != h.id_count) {
    why = "is damaged (its checksum does not match)";
    return std::nullopt;
  }
  CachedCorpus c;
  c.corpus.pairs = TokenizedPairs::from_index(std::move(starts), std::move(src_lengths), std::make_shared<FileIds>(path, 128));
  c.corpus.stats = {h.read, h.kept, h.empty, h.too_long, h.bad_ratio};
  c.text_checksum = h.text_checksum;
  c.path = path;
  return c;
}

void write_cache(const CorpusSource& s, const CacheOptions& o, const std::string& path, uint64_t identity) {
  std::error_code ec;
  const int64_t total = static_cast<int64_t>(std::filesystem::file_size(s.src, ec) + std::filesystem::file_size(s.tgt, ec));
  // The texts' checksum (for the model's metadata) on a thread of its own, beside the tokenizing.
  auto text_checksum = std::async(std::launch::async, [&] { return fnv1a_file(s.tgt, fnv1a_file(s.src)); });
  AtomicFile file(path);
  auto& out = file.stream();
  Header h{};
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  std::vector<int64_t> starts{0};
  std::vector<int32_t> src_lengths;
  uint64_t sum = kFnvOffset;
  TokenizeOptions t;
  t.threads = o.threads;
  if (o.progress) t.progress = [&](const CorpusStats& st, int64_t bytes) { o.progress(st, bytes, total); };
  const CorpusStats stats = tokenize_corpus(
      s.src, s.tgt, *s.tokenizer, s.filter, t, [&](const std::vector<int32_t>& a, const std::vector<int32_t>& b, const std::string&,
                                                                              const std::string&) {
        for (const auto* side : {&a, &b}) {
          out.write(reinterpret_cast<const char*>(side->data()), static_cast<std::streamsize>(side->size() * 4));
          sum = hash_words(side->data(), side->size(), sum);
        }
        src_lengths.push_back(static_cast<int32_t>(a.size()));
        starts.push_back(starts.back() + static_cast<int64_t>(a.size() + b.size()));
      });
  const int64_t ids_bytes = starts.back() * 4;
  const char zeros[8] = {};
  out.write(zeros, padded(ids_bytes) - ids_bytes);
  out.write(reinterpret_cast<const char*>(starts.data()), static_cast<std::streamsize>(starts.size() * 8));
  out.write(reinterpret_cast<const char*>(src_lengths.data()), static_cast<std::streamsize>(src_lengths.size() * 4));
  sum = hash_words(reinterpret_cast<const int32_t*>(starts.data()), starts.size() * 2, sum);
  sum = hash_words(src_lengths.data(), src_lengths.size(), sum);
  h.magic = kMagic;
  h.version = kVersion;
  h.identity = identity;
  h.text_checksum = text_checksum.get();
  h.read = stats.read;
  h.kept = stats.kept;
  h.empty = stats.empty;
  h.too_long = stats.too_long;
  h.bad_ratio = stats.bad_ratio;
  h.id_count = starts.back();
  h.data_checksum = sum;
  h.header_checksum = header_checksum(h);
  out.seekp(0);
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  HEED_CHECK(out.good(), "cannot write the data cache {} (disk full?)", file.temporary_path());
  file.commit();
}

}  // namespace

uint64_t fnv1a_file(const std::string& path, uint64_t h) {
  std::ifstream in(path, std::ios::binary);
  HEED_CHECK(in.good(), "cannot read {}", path);
  std::vector<char> block(1 << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    h = fnv1a(block.data(), static_cast<size_t>(in.gcount()), h);
  }
  return h;
}

std::string corpus_cache_path(const CorpusSource& s, const std::string& folder) {
  namespace fs = std::filesystem;
  const std::string a = fs::absolute(s.src).lexically_normal().string(), b = fs::absolute(s.tgt).lexically_normal().string();
  uint64_t h = fnv1a(a.data(), a.size() + 1, kFnvOffset);
  h = fnv1a(b.data(), b.size() + 1, h);
  h = fnv1a(&s.filter.max_length, sizeof s.filter.max_length, h);
  h = fnv1a(&s.filter.max_ratio, sizeof s.filter.max_ratio, h);
  const fs::path dir = folder.empty() ? fs::path(".") : fs::path(folder);
  return (dir / fmt::format("{}+{}.{:08x}.pairs", fs::path(s.src).filename().string(), fs::path(s.tgt).filename().string(),
                            static_cast<uint32_t>(h ^ (h >> 32))))
      .string();
}

CachedCorpus open_corpus_cache(const CorpusSource& s, const CacheOptions& o) {
  HEED_CHECK(s.tokenizer != nullptr && !s.filter.keep_text, "a data cache holds ids only");
  const std::string path = corpus_cache_path(s, o.folder);
  const uint64_t identity = identity_of(s);
  std::string why;
  if (auto c = read_cache(path, identity, why)) {
    if (o.say) o.say(fmt::format("data cache {}: reused", path));
    return std::move(*c);
  }
  if (o.say) o.say(fmt::format("data cache {} {}; tokenizing {} and {} on {} thread{}", path, why, s.src, s.tgt,
                               o.threads, o.threads == 1 ? "" : "s"));
  write_cache(s, o, path, identity);
  auto c = read_cache(path, identity, why);
  HEED_CHECK(c.has_value(), "the data cache {} just written {}; is the text changing while heed reads it?", path, why);
  c->built = true;
  return std::move(*c);
}

}  // namespace heed::train
