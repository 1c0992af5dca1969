#include "heed/train/communicator.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "heed/core/error.h"
#include "heed/core/hash.h"

#if HEED_WITH_MPI
#include <mpi.h>
#endif

namespace heed::train {
namespace {

// Launchers set these in every rank's environment: Open MPI, then PMIx and PMI (MPICH, Slurm).
bool started_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

// Elements per MPI call: keeps counts within int and lets the library pipeline large arrays.
constexpr size_t kBucket = size_t{1} << 22;

class Timer {
 public:
  explicit Timer(double& total) : total_(total), start_(std::chrono::steady_clock::now()) {}
  ~Timer() { total_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  double& total_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

Communicator& Communicator::world() {
  static Communicator instance;
  return instance;
}

#if HEED_WITH_MPI

namespace {

void check_mpi(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  fail("MPI {} failed: {}", what, std::string(text, static_cast<size_t>(length)));
}

template <class T>
void sum_in_buckets(T* data, size_t n, MPI_Datatype type) {
  for (size_t i = 0; i < n; i += kBucket)
    check_mpi(MPI_Allreduce(MPI_IN_PLACE, data + i, static_cast<int>(std::min(kBucket, n - i)), type, MPI_SUM,
                            MPI_COMM_WORLD),
              "allreduce");
}

}  // namespace

void Communicator::init() {
  if (joined_ || !started_by_mpirun()) return;
  int provided = 0;
  check_mpi(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "init");
  joined_ = true;
  // Errors come back as codes, which check_mpi turns into messages, instead of aborting silently.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

void Communicator::finalize() {
  if (!joined_) return;
  joined_ = false;
  MPI_Finalize();
}

void Communicator::abort(int code) {
  if (joined_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  finalize();  // a job of one rank ends normally, with the error as its exit code
}

void Communicator::sum(float* data, size_t n) {
  if (size_ == 1) return;
  Timer t(seconds_);
  sum_in_buckets(data, n, MPI_FLOAT);
}

void Communicator::sum(double* data, size_t n) {
  if (size_ == 1) return;
  Timer t(seconds_);
  sum_in_buckets(data, n, MPI_DOUBLE);
}

void Communicator::max(int64_t* data, size_t n) {
  if (size_ == 1) return;
  Timer t(seconds_);
  check_mpi(MPI_Allreduce(MPI_IN_PLACE, data, static_cast<int>(n), MPI_INT64_T, MPI_MAX, MPI_COMM_WORLD), "allreduce");
}

void Communicator::broadcast(double* data, size_t n) {
  if (size_ == 1) return;
  Timer t(seconds_);
  check_mpi(MPI_Bcast(data, static_cast<int>(n), MPI_DOUBLE, 0, MPI_COMM_WORLD), "broadcast");
}

bool Communicator::same_everywhere(uint64_t value) {
  if (size_ == 1) return true;
  Timer t(seconds_);
  uint64_t low = value, high = value;
  check_mpi(MPI_Allreduce(MPI_IN_PLACE, &low, 1, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD), "allreduce");
  check_mpi(MPI_Allreduce(MPI_IN_PLACE, &high, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD), "allreduce");
  return low == high;
}

void Communicator::barrier() {
  if (size_ == 1) return;
  Timer t(seconds_);
  check_mpi(MPI_Barrier(MPI_COMM_WORLD), "barrier");
}

#else  // built without MPI: always one rank

void Communicator::init() {
  HEED_CHECK(!started_by_mpirun(),
             "this heed was built without MPI, so it cannot train under mpirun; install libopenmpi-dev "
             "and rebuild (scripts/setup.sh does both)");
}
void Communicator::finalize() {}
void Communicator::abort(int) {}
void Communicator::sum(float*, size_t) {}
void Communicator::sum(double*, size_t) {}
void Communicator::max(int64_t*, size_t) {}
void Communicator::broadcast(double*, size_t) {}
bool Communicator::same_everywhere(uint64_t) { return true; }
void Communicator::barrier() {}

#endif

double Communicator::take_seconds() {
  const double s = seconds_;
  seconds_ = 0;
  return s;
}

uint64_t checksum(const float* data, size_t n) {
  uint64_t h = kFnvOffset;
  for (size_t i = 0; i < n; ++i) {
    uint32_t bits;  // a float's bits, copied: reading them through a uint32_t* would be undefined
    std::memcpy(&bits, data + i, sizeof bits);
    h = fnv1a_words(&bits, 1, h);
  }
  return h;
}

}  // namespace heed::train
