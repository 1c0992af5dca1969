#pragma once
// Storage kept across calls and viewed at each call's shape: after the largest batch has been
// seen, a training step or a decoding step allocates nothing (fresh allocations cost page faults).
#include <algorithm>

#include "heed/core/tensor.h"

namespace heed {

class Buffer {
 public:
  // A view of `shape`; the storage grows (with some slack) when it is too small.
  const Tensor& get(const Shape& shape) {
    const int64_t n = shape_numel(shape);
    if (!storage_.defined() || storage_.numel() < n)
      storage_ = Tensor::empty({std::max<int64_t>(n + n / 8, 16)});
    view_ = storage_.rows(0, n).view(shape);
    return view_;
  }
  const Tensor& tensor() const { return view_; }

 private:
  Tensor storage_, view_;
};

}  // namespace heed
