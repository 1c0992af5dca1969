#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "heed/core/random.h"
#include "heed/ops/top_k.h"

using namespace heed;

namespace {

// The k best by a full sort: value descending, index ascending.
std::vector<int32_t> sorted_top(const std::vector<float>& x, int k) {
  std::vector<int32_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return x[a] > x[b]; });
  order.resize(std::min<size_t>(static_cast<size_t>(k), order.size()));
  return order;
}

}  // namespace

TEST_CASE("top-k gives the k largest best first, ties to the lower index, as a full sort does") {
  Rng rng(11);
  // Lengths around the 16-value chunks; values drawn from a few levels, so that ties are common,
  // and a run of -inf (a masked piece) that must still fill a short row.
  for (int64_t n : {1, 5, 16, 17, 40, 1000, 8003}) {
    for (int k : {1, 3, 8, 20}) {
      CAPTURE(n);
      CAPTURE(k);
      std::vector<float> x(static_cast<size_t>(n));
      for (auto& v : x) v = std::floor(rng.uniform() * 50) - 25;
      for (int64_t i = 0; i < std::min<int64_t>(n, 3); ++i) x[static_cast<size_t>(i)] = -INFINITY;
      std::vector<int32_t> best(static_cast<size_t>(k), -1);
      const int found = ops::top_k(x.data(), n, k, best.data());
      const auto expected = sorted_top(x, k);
      REQUIRE(found == static_cast<int>(expected.size()));
      best.resize(static_cast<size_t>(found));
      CHECK(best == expected);
    }
  }
}

TEST_CASE("top-k returns k indices even from NaN scores, and a later NaN displaces nothing") {
  std::vector<float> x(40, 1.0f);
  x[3] = NAN;
  x[20] = 2.0f;
  std::vector<int32_t> best(3);
  REQUIRE(ops::top_k(x.data(), 40, 3, best.data()) == 3);
  CHECK(best == std::vector<int32_t>{20, 0, 1});
  // A diverged model: a beam search must still get candidates (it stops at its length limit).
  std::vector<float> nans(40, NAN);
  CHECK(ops::top_k(nans.data(), 40, 3, best.data()) == 3);
}
