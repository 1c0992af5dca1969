#include "heed/dnnl/primitive_cache.h"

#include <algorithm>
#include <atomic>
#include <list>

namespace heed::onednn {
namespace {

std::atomic<int64_t> capacity{1024}, cached_total{0};

// Least recently used first in `order`; `entries` finds a key's place in it.
struct Cache {
  std::list<std::pair<std::string, CachedPrimitive>> order;
  std::unordered_map<std::string, decltype(order)::iterator> entries;
  int64_t created = 0;
  ~Cache() { cached_total -= static_cast<int64_t>(entries.size()); }
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

CachedPrimitive cached_primitive(const CacheKey& key, const std::function<CachedPrimitive()>& make) {
  Cache& c = cache();
  const auto it = c.entries.find(key.str());
  if (it != c.entries.end()) {
    c.order.splice(c.order.end(), c.order, it->second);  // now the most recent
    return it->second->second;
  }
  CachedPrimitive made = make();
  ++c.created;
  while (!c.order.empty() && static_cast<int64_t>(c.order.size()) >= capacity.load()) {
    c.entries.erase(c.order.front().first);
    c.order.pop_front();
    --cached_total;
  }
  c.order.emplace_back(key.str(), made);
  c.entries.emplace(key.str(), std::prev(c.order.end()));
  ++cached_total;
  return made;
}

int64_t primitives_created() { return cache().created; }

void set_primitive_cache_capacity(int64_t primitives) {
  capacity = std::max<int64_t>(1, primitives);
  dnnl::set_primitive_cache_capacity(static_cast<int>(std::min<int64_t>(capacity.load(), 1 << 20)));
}

int64_t primitive_cache_capacity() { return capacity.load(); }

int64_t primitives_cached() { return cached_total.load(); }

}  // namespace heed::onednn
