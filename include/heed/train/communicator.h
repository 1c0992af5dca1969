#pragma once
// The processes of a data-parallel training run. Under `mpirun` (when heed is built with MPI) each
// process is one rank of MPI_COMM_WORLD; otherwise there is one rank and every operation is a no-op.
// Only the thread that called init() talks to MPI (MPI_THREAD_FUNNELED): OpenMP workers never do.
#include <cstddef>
#include <cstdint>

namespace heed::train {

class Communicator {
 public:
  // The run's communicator; a single rank until init() joins an MPI job.
  static Communicator& world();

  // Joins the MPI job when this process was started by mpirun (its environment says so) and heed
  // was built with MPI; otherwise stays a single rank. Fails if mpirun started us but heed has no MPI.
  void init();
  // Leaves the MPI job normally (every rank calls it), or does nothing.
  void finalize();
  // Stops every rank of the job at once; used when one rank cannot go on, so that no other rank
  // waits for it forever. With one rank it only leaves MPI (if joined) and returns.
  void abort(int code);

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  bool distributed() const { return size_ > 1; }

  // Element-wise sums over the ranks, in place; large arrays go in buckets.
  void sum(float* data, size_t n);
  void sum(double* data, size_t n);
  // Element-wise maximum over the ranks, in place.
  void max(int64_t* data, size_t n);
  // Root's values to every rank.
  void broadcast(double* data, size_t n);
  // True when every rank passed the same value.
  bool same_everywhere(uint64_t value);
  void barrier();

  // Seconds spent inside the operations above since the last call (communication and waiting).
  double take_seconds();

 private:
  Communicator() = default;
  int rank_ = 0, size_ = 1;
  bool joined_ = false;
  double seconds_ = 0;
};

// A checksum of an array's bytes, for checking that every rank holds the same weights.
uint64_t checksum(const float* data, size_t n);

}  // namespace heed::train
