#include <doctest/doctest.h>

#include "heed/core/error.h"
#include "heed/core/random.h"
#include "heed/core/tensor.h"
#include "heed/core/view.h"

using heed::Tensor;

TEST_CASE("tensor views share storage and check shapes") {
  Tensor t = Tensor::from_vector({2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(t.numel() == 6);
  CHECK(t.dim(-1) == 3);
  Tensor v = t.view({3, 2});
  v.mutable_data()[0] = 10;
  CHECK(t.data()[0] == 10);
  Tensor r = t.rows(1, 2);
  CHECK(r.shape() == heed::Shape{1, 3});
  CHECK(r.data()[0] == 4);
  CHECK_THROWS_AS(t.view({4, 2}), heed::InternalError);
  CHECK_THROWS_AS(t.rows(1, 3), heed::InternalError);
  CHECK_THROWS_AS(heed::check_shape(t, {3, 2}, "t"), heed::Error);
  Tensor c = t.clone();
  c.mutable_data()[1] = -1;
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

TEST_CASE("typed views carry their element type, strides, transposes and row ranges") {
  Tensor t = Tensor::from_vector({2, 3}, {1, 2, 3, 4, 5, 6});
  const heed::View<2> v = heed::view_of<2>(t);
  CHECK(v.dtype == heed::DType::f32);
  CHECK(v.strides == heed::Extents<2>{3, 1});
  const heed::View<2> vt = v.t();
  CHECK(vt.dims == heed::Extents<2>{3, 2});
  CHECK(vt.as<float>()[2 * vt.strides[0] + 1 * vt.strides[1]] == 6);
  CHECK(v.rows(1, 1).as<float>()[0] == 4);
  CHECK_THROWS_AS(v.as<uint16_t>(), heed::InternalError);  // an f32 view is not bf16
  CHECK_THROWS_AS(heed::view_of<3>(t), heed::InternalError);
  const std::vector<uint16_t> bits{0x3f80, 0x4000};
  const heed::View<2> b = heed::dense_view(bits.data(), heed::Extents<2>{1, 2}, heed::DType::bf16);
  CHECK(b.rows(0, 1).t().as<uint16_t>()[1] == 0x4000);
  CHECK_THROWS_AS(b.as<float>(), heed::InternalError);
  const heed::MutableView<2> w = heed::mutable_view_of<2>(t);
  w.as<float>()[5] = 60;
  const heed::View<2> read = w;
  CHECK(read.as<float>()[5] == 60);
  CHECK(t.data()[5] == 60);
}
