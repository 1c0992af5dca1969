#pragma once
// Primitives are expensive to create (JIT code generation) and cheap to run, so each is created
// once per key (operation, shapes, strides, attributes) and thread, and reused while the thread
// keeps using it. The cache is per thread, so any thread may run any op (see context.h's
// threading model). It holds at most primitive_cache_capacity() primitives and forgets the least
// recently used beyond: a server sees new shapes for as long as it runs (each batch's lengths),
// and an unbounded cache grew without end.
#include <dnnl.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>

namespace heed::onednn {

// Builds a cache key from integers; each op starts it with its own tag. The tag keeps its
// terminating zero so that no values can extend one tag into another ("bmm" vs "bmm_runtime").
class CacheKey {
 public:
  explicit CacheKey(const char* tag) : bytes_(tag, std::strlen(tag) + 1) {}
  CacheKey& add(int64_t v);
  CacheKey& add(const dnnl::memory::dims& dims);
  CacheKey& add(float v);
  const std::string& str() const { return bytes_; }

 private:
  std::string bytes_;
};

struct CachedPrimitive {
  dnnl::primitive primitive;
  dnnl::primitive_desc_base desc;  // for workspace and statistics descriptors
};

// Returns the primitive for `key`, creating it with `make` the first time (or again once
// forgotten). A copy: its handles stay valid whatever the cache forgets.
CachedPrimitive cached_primitive(const CacheKey& key, const std::function<CachedPrimitive()>& make);

// How many primitives this thread's cache has created so far (a test checks reuse with it).
int64_t primitives_created();

// The most primitives each thread keeps (default 1024), for the threads' caches from now on and
// oneDNN's own cache of kernels (one per process); at least 1.
void set_primitive_cache_capacity(int64_t primitives);
int64_t primitive_cache_capacity();
// Primitives held by every thread's cache now (a server's gauge).
int64_t primitives_cached();

}  // namespace heed::onednn
