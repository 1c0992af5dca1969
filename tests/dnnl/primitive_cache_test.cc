#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <thread>

#include "heed/core/parallel.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/cpu.h"
#include "heed/dnnl/primitive_cache.h"

using namespace heed;

namespace {

// A dense (M, K) x (K, N) f32 matmul primitive, as the ops build theirs.
onednn::CachedPrimitive make_matmul(int64_t M, int64_t K, int64_t N) {
  const auto a = onednn::f32_desc({M, K}), b = onednn::f32_desc({K, N}), c = onednn::f32_desc({M, N});
  dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(a, b, c), onednn::engine());
  return {dnnl::matmul(pd), pd};
}

}  // namespace

TEST_CASE("cache keys differ whenever a tag or a value differs") {
  using onednn::CacheKey;
  CHECK(CacheKey("op").add(int64_t{3}).str() == CacheKey("op").add(int64_t{3}).str());
  CHECK(CacheKey("op").add(int64_t{3}).str() != CacheKey("op").add(int64_t{4}).str());
  CHECK(CacheKey("op").add(1.0f).str() != CacheKey("op").add(2.0f).str());
  // Dims carry their rank, so {2, 3} then 4 is not {2, 3, 4}.
  CHECK(CacheKey("op").add(onednn::Dims{2, 3}).add(int64_t{4}).str() !=
        CacheKey("op").add(onednn::Dims{2, 3, 4}).str());
  // A tag that is a prefix of another cannot be completed into it by the values that follow.
  int64_t suffix = 0;
  std::memcpy(&suffix, "_runtime", sizeof suffix);
  CHECK(CacheKey("bmm").add(suffix).str() != CacheKey("bmm_runtime").str());
}

TEST_CASE("a cached primitive is made once per key and computes the product") {
  const int64_t before = onednn::primitives_created();
  int made = 0;
  auto make = [&] {
    ++made;
    return make_matmul(2, 3, 2);
  };
  const onednn::CacheKey key = onednn::CacheKey("test_matmul").add(onednn::Dims{2, 3, 2});
  const onednn::CachedPrimitive first = onednn::cached_primitive(key, make);
  const onednn::CachedPrimitive again = onednn::cached_primitive(key, make);
  CHECK(made == 1);
  CHECK(first.primitive.get() == again.primitive.get());
  CHECK(onednn::primitives_created() == before + 1);

  const Tensor a = Tensor::from_vector({2, 3}, {1, 2, 3, 4, 5, 6});
  const Tensor b = Tensor::from_vector({3, 2}, {1, 0, 0, 1, 1, 1});
  Tensor c = Tensor::empty({2, 2});
  onednn::execute(again.primitive,
                  {{DNNL_ARG_SRC, onednn::wrap(a)}, {DNNL_ARG_WEIGHTS, onednn::wrap(b)}, {DNNL_ARG_DST, onednn::wrap(c)}});
  CHECK(c.data()[0] == 4);
  CHECK(c.data()[1] == 5);
  CHECK(c.data()[2] == 10);
  CHECK(c.data()[3] == 11);

  onednn::cached_primitive(onednn::CacheKey("test_matmul").add(onednn::Dims{2, 3, 3}),
                           [&] { ++made; return make_matmul(2, 3, 3); });
  CHECK(made == 2);
  CHECK(onednn::primitives_created() == before + 2);
}

TEST_CASE("the cache keeps at most its capacity, forgetting the least recently used") {
  const int64_t saved = onednn::primitive_cache_capacity();
  std::thread([&] {  // a fresh thread: a cache of its own, empty
    onednn::set_primitive_cache_capacity(2);
    int made = 0;
    auto get = [&](int64_t n) {
      return onednn::cached_primitive(onednn::CacheKey("test_lru").add(n), [&] { ++made; return make_matmul(1, 1, n); });
    };
    const int64_t before = onednn::primitives_cached();
    const auto one = get(1);
    get(2);
    get(1);  // 1 is now the most recent: 3 pushes out 2
    get(3);
    CHECK(made == 3);
    CHECK(onednn::primitives_cached() == before + 2);
    get(1);
    CHECK(made == 3);
    get(2);  // forgotten: made again
    CHECK(made == 4);
    // A primitive handed out stays usable after the cache forgot it.
    CHECK(one.primitive.get() != nullptr);
  }).join();
  onednn::set_primitive_cache_capacity(saved);
}

TEST_CASE("the thread count is set and read back and the ISA is named") {
  const int saved = thread_count();
  set_threads(1);
  CHECK(thread_count() == 1);
  set_threads(0);
  CHECK(thread_count() >= 1);
  set_threads(saved);
  CHECK(std::string(onednn::isa_name()).size() > 0);
}

TEST_CASE("each thread has a cache and a stream of its own") {
  // Debian's oneDNN ties a primitive to the scratchpad of the thread that made it, so a primitive
  // made in one thread must never run in another: another thread makes its own.
  const onednn::CacheKey key = onednn::CacheKey("test_threads").add(onednn::Dims{2, 2, 2});
  const auto make = [] { return make_matmul(2, 2, 2); };
  const dnnl_primitive_t here = onednn::cached_primitive(key, make).primitive.get();
  const dnnl::stream* here_stream = &onednn::stream();
  dnnl_primitive_t there = nullptr;
  const dnnl::stream* there_stream = nullptr;
  int64_t made_there = -1;
  std::thread([&] {
    const int64_t before = onednn::primitives_created();
    there = onednn::cached_primitive(key, make).primitive.get();
    there_stream = &onednn::stream();
    made_there = onednn::primitives_created() - before;
  }).join();
  CHECK(made_there == 1);
  CHECK(there != here);
  CHECK(there_stream != here_stream);
  CHECK(onednn::cached_primitive(key, make).primitive.get() == here);
}
