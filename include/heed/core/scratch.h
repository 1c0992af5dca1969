#pragma once
// Uninitialized storage kept across calls and grown when a call needs more: the per-thread copies
// ops make of their operands. A std::vector resized up would zero its new tail at every call
// that needs more than the last one (2% of bf16 training in memset, in perf).
#include <cstddef>
#include <memory>

namespace heed {

template <class T>
class Scratch {
 public:
  // Room for n values, their contents undefined; valid until the next call.
  T* get(size_t n) {
    if (n > capacity_) {
      data_.reset(new T[n]);
      capacity_ = n;
    }
    return data_.get();
  }

 private:
  std::unique_ptr<T[]> data_;
  size_t capacity_ = 0;
};

}  // namespace heed
