#include "heed/core/error.h"

#include <doctest/doctest.h>

TEST_CASE("a broken invariant is an InternalError, bad input an Error: the server answers 500 and 400") {
  CHECK_THROWS_AS(HEED_ASSERT(1 + 1 == 3, "arithmetic is broken: {}", 3), heed::InternalError);
  CHECK_THROWS_AS(HEED_CHECK(false, "a bad file: {}", "x.txt"), heed::Error);
  CHECK_THROWS_WITH(HEED_ASSERT(false, "rows {} of {}", 5, 4), "rows 5 of 4");
  // Neither is the other: a handler catching Error (-> 400) lets an InternalError through.
  bool caught_as_error = false;
  try {
    HEED_ASSERT(false, "x");
  } catch (const heed::Error&) {
    caught_as_error = true;
  } catch (const heed::InternalError&) {
  }
  CHECK_FALSE(caught_as_error);
  CHECK_NOTHROW(HEED_ASSERT(true, "never"));
}
