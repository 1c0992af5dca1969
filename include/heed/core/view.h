#pragma once
// Typed strided views: where the elements of an N-dimensional operand lie, of which element type,
// at which strides (in elements). View<N> reads; MutableView<N> writes and converts to a View. Both
// are plain values made per call that own nothing. The element type travels with the pointer, so
// an operand already rounded to bfloat16 is passed as a bf16 view where an f32 one would go.
#include <array>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "heed/core/dtype.h"
#include "heed/core/error.h"
#include "heed/core/tensor.h"

namespace heed {

// Whether T is how d's elements are stored: float (f32), uint16_t (the bit patterns of bf16 and
// f16), int8_t (i8), uint8_t (u8), int32_t (i32).
template <class T>
constexpr bool stores(DType d) {
  if constexpr (std::is_same_v<T, float>) return d == DType::f32;
  if constexpr (std::is_same_v<T, uint16_t>) return d == DType::bf16 || d == DType::f16;
  if constexpr (std::is_same_v<T, int8_t>) return d == DType::i8;
  if constexpr (std::is_same_v<T, uint8_t>) return d == DType::u8;
  if constexpr (std::is_same_v<T, int32_t>) return d == DType::i32;
  return false;
}

template <size_t N>
using Extents = std::array<int64_t, N>;

// Row-major strides of dense data with these dimensions.
template <size_t N>
Extents<N> dense_strides(const Extents<N>& dims) {
  Extents<N> strides{};
  int64_t step = 1;
  for (size_t i = N; i-- > 0;) {
    strides[i] = step;
    step *= dims[i];
  }
  return strides;
}

// The members and operations a read-only and a writable view share; Pointer is const void* or void*.
template <size_t N, class Pointer, class Self>
struct StridedView {
  Pointer data = nullptr;
  DType dtype = DType::f32;
  Extents<N> dims{};
  Extents<N> strides{};

  int64_t numel() const {
    int64_t n = 1;
    for (int64_t d : dims) n *= d;
    return n;
  }
  // The same elements with the last two dimensions swapped: a transpose by strides.
  Self t() const {
    static_assert(N >= 2, "a transpose needs two dimensions");
    Self v = self();
    std::swap(v.dims[N - 2], v.dims[N - 1]);
    std::swap(v.strides[N - 2], v.strides[N - 1]);
    return v;
  }
  // `n` entries of the first dimension from `first` on.
  Self rows(int64_t first, int64_t n) const {
    Self v = self();
    using Byte = std::conditional_t<std::is_const_v<std::remove_pointer_t<Pointer>>, const char, char>;
    v.data = static_cast<Byte*>(data) + first * strides[0] * static_cast<int64_t>(dtype_size(dtype));
    v.dims[0] = n;
    return v;
  }

 protected:
  template <class T, class Out>
  Out* typed() const {
    HEED_ASSERT(stores<T>(dtype), "a {} view read as another element type", dtype_name(dtype));
    return static_cast<Out*>(data);
  }

 private:
  const Self& self() const { return static_cast<const Self&>(*this); }
};

template <size_t N>
struct View : StridedView<N, const void*, View<N>> {
  template <class T>
  const T* as() const { return this->template typed<T, const T>(); }
};

template <size_t N>
struct MutableView : StridedView<N, void*, MutableView<N>> {
  template <class T>
  T* as() const { return this->template typed<T, T>(); }
  operator View<N>() const { return {{this->data, this->dtype, this->dims, this->strides}}; }
};

// Dense data of `dims` at `data`, of element type T's dtype (f32 for float; `dtype` names which
// 16-bit type uint16_t holds).
template <size_t N, class T>
View<N> dense_view(const T* data, const Extents<N>& dims, DType dtype = DType::f32) {
  HEED_ASSERT(stores<T>(dtype), "{} data viewed as {}", sizeof(T), dtype_name(dtype));
  return {{data, dtype, dims, dense_strides(dims)}};
}
template <size_t N, class T>
MutableView<N> dense_view(T* data, const Extents<N>& dims, DType dtype = DType::f32) {
  HEED_ASSERT(stores<T>(dtype), "{} data viewed as {}", sizeof(T), dtype_name(dtype));
  return {{data, dtype, dims, dense_strides(dims)}};
}

// A tensor of rank N as a dense f32 view: read-only, or writable.
template <size_t N>
Extents<N> dims_of(const Tensor& t) {
  HEED_ASSERT(t.ndim() == static_cast<int>(N), "a tensor of shape {} viewed with {} dimensions",
              to_string(t.shape()), N);
  Extents<N> dims{};
  for (size_t i = 0; i < N; ++i) dims[i] = t.shape()[i];
  return dims;
}
template <size_t N>
View<N> view_of(const Tensor& t) { return dense_view(t.data(), dims_of<N>(t)); }
template <size_t N>
MutableView<N> mutable_view_of(const Tensor& t) { return dense_view(t.mutable_data(), dims_of<N>(t)); }

}  // namespace heed
