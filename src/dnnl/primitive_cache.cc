#include "heed/dnnl/primitive_cache.h"

namespace heed::onednn {
namespace {

struct Cache {
  std::unordered_map<std::string, CachedPrimitive> entries;
  int64_t created = 0;
};

// One cache per thread. With Debian's oneDNN (built without DNNL_ENABLE_CONCURRENT_EXEC) a
// primitive uses the scratchpad of the thread that created it, so it must run in that thread and
// never in two at once: per-thread primitives give both. oneDNN's own kernel cache makes the
// second thread's creation of the same primitive cheap (no new JIT code).
Cache& cache() {
  thread_local Cache c;
  return c;
}

}  // namespace

CacheKey& CacheKey::add(int64_t v) {
  bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
  return *this;
}

CacheKey& CacheKey::add(const dnnl::memory::dims& dims) {
  add(static_cast<int64_t>(dims.size()));
  for (auto d : dims) add(static_cast<int64_t>(d));
  return *this;
}

CacheKey& CacheKey::add(float v) {
  bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
  return *this;
}

const CachedPrimitive& cached_primitive(const CacheKey& key,
                                        const std::function<CachedPrimitive()>& make) {
  Cache& c = cache();
  auto it = c.entries.find(key.str());
  if (it != c.entries.end()) return it->second;
  ++c.created;
  return c.entries.emplace(key.str(), make()).first->second;
}

int64_t primitives_created() { return cache().created; }

}  // namespace heed::onednn
