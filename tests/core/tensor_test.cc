#include <doctest/doctest.h>

#include "heed/core/error.h"
#include "heed/core/random.h"
#include "heed/core/tensor.h"

using heed::Tensor;

TEST_CASE("tensor views share storage and check shapes") {
  Tensor t = Tensor::from_vector({2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(t.numel() == 6);
  CHECK(t.dim(-1) == 3);
  Tensor v = t.view({3, 2});
  v.data()[0] = 10;
  CHECK(t.data()[0] == 10);
  Tensor r = t.rows(1, 2);
  CHECK(r.shape() == heed::Shape{1, 3});
  CHECK(r.data()[0] == 4);
  CHECK_THROWS_AS(t.view({4, 2}), heed::InternalError);
  CHECK_THROWS_AS(t.rows(1, 3), heed::InternalError);
  CHECK_THROWS_AS(heed::check_shape(t, {3, 2}, "t"), heed::Error);
  Tensor c = t.clone();
  c.data()[1] = -1;
  CHECK(t.data()[1] == 2);
  CHECK(reinterpret_cast<uintptr_t>(Tensor::empty({7}).data()) % 64 == 0);
}

TEST_CASE("rng is reproducible and uniform draws stay in the unit interval") {
  heed::Rng a(42), b(42), c(43);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    const float u = a.uniform();
    CHECK(u >= 0.0f);
    CHECK(u < 1.0f);
    CHECK(u == b.uniform());
    sum += u;
  }
  CHECK(sum / 10000 == doctest::Approx(0.5).epsilon(0.02));
  heed::Rng d(42);
  CHECK(d.next() != c.next());
  heed::Rng resumed(42, a.counter());
  CHECK(resumed.next() == a.next());
}
