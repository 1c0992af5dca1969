// The communicator outside mpirun: one rank, operations that leave data as it is, and the weight
// checksum that ranks compare.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "heed/train/communicator.h"

using heed::train::checksum;
using heed::train::Communicator;

TEST_CASE("communicator outside mpirun is one rank whose reductions change nothing") {
  auto& comm = Communicator::world();
  comm.init();  // not started by mpirun: stays a single rank
  CHECK(comm.rank() == 0);
  CHECK(comm.size() == 1);
  CHECK(comm.is_root());
  CHECK_FALSE(comm.distributed());
  std::vector<float> f{1.5f, -2.0f};
  comm.sum(f.data(), f.size());
  CHECK(f == std::vector<float>{1.5f, -2.0f});
  double d[2] = {3, 4};
  comm.broadcast(d, 2);
  CHECK(d[1] == 4);
  int64_t m[1] = {7};
  comm.max(m, 1);
  CHECK(m[0] == 7);
  CHECK(comm.same_everywhere(42));
  comm.abort(1);  // one rank: returns instead of ending the process
  // The time spent communicating is counted, and taking it starts the count again.
  const double spent = comm.take_seconds();
  CHECK(spent >= 0);
  CHECK(spent < 10);
  CHECK(comm.take_seconds() == 0.0);
  comm.sum(f.data(), f.size());
  CHECK(comm.take_seconds() >= 0);
}

TEST_CASE("weight checksum sees every bit") {
  std::vector<float> a{0.0f, 1.0f, 2.0f}, b = a;
  CHECK(checksum(a.data(), a.size()) == checksum(b.data(), b.size()));
  b[2] = std::nextafter(2.0f, 3.0f);
  CHECK(checksum(a.data(), a.size()) != checksum(b.data(), b.size()));
  b = a;
  b[0] = -0.0f;  // equal as numbers, different weights on disk
  CHECK(checksum(a.data(), a.size()) != checksum(b.data(), b.size()));
  CHECK(checksum(a.data(), 2) != checksum(a.data(), 3));
}
