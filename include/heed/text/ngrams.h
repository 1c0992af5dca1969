#pragma once
// Exact n-gram counting for BLEU and chrF. Tokens (or code points) of one segment are renumbered
// densely, so that an n-gram packs losslessly into an integer key: 64 bits when the segment's
// distinct symbols and the order allow it, else 128. Tables keep the exact keys, so no hash
// collision can change a score.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heed::text {

__extension__ using Key128 = unsigned __int128;  // GCC and Clang both have it

// Counters per distinct n-gram of one segment and order: an open-addressing table that stores
// the exact keys. It is reused from segment to segment; clearing touches only the slots in use.
template <class Key>
class NgramTable {
 public:
  static constexpr int kCounters = 3;

  // Empties the table and makes room for `n` distinct keys.
  void reset(size_t n) {
    for (uint32_t slot : used_) occupied_[slot] = 0;
    used_.clear();
    size_t capacity = 16;
    while (capacity < 2 * n) capacity *= 2;
    if (capacity > keys_.size()) {
      keys_.assign(capacity, Key{});
      counts_.assign(capacity * kCounters, 0);
      occupied_.assign(capacity, 0);
    }
    mask_ = keys_.size() - 1;
  }

  // The counters of `key`, inserted as zeros when new.
  int64_t* counters(Key key) {
    size_t slot = hash(key) & mask_;
    while (occupied_[slot]) {
      if (keys_[slot] == key) return &counts_[slot * kCounters];
      slot = (slot + 1) & mask_;
    }
    occupied_[slot] = 1;
    keys_[slot] = key;
    used_.push_back(static_cast<uint32_t>(slot));
    int64_t* c = &counts_[slot * kCounters];
    for (int i = 0; i < kCounters; ++i) c[i] = 0;
    return c;
  }

  template <class F>
  void for_each(F&& f) {
    for (uint32_t slot : used_) f(&counts_[slot * kCounters]);
  }

 private:
  static size_t hash(Key key) {
    const auto lo = static_cast<uint64_t>(key);
    const auto hi = static_cast<uint64_t>(key >> 32 >> 32);  // 0 for 64-bit keys
    return static_cast<size_t>(((lo ^ (hi * 0xff51afd7ed558ccdULL)) * 0x9e3779b97f4a7c15ULL) >> 20);
  }

  std::vector<Key> keys_;
  std::vector<int64_t> counts_;
  std::vector<uint8_t> occupied_;
  std::vector<uint32_t> used_;
  size_t mask_ = 0;
};

// Keys of all n-grams of order n over `ids`, each id taking `bits` bits.
template <class Key>
void ngram_keys(const std::vector<uint32_t>& ids, int n, int bits, std::vector<Key>& out) {
  out.clear();
  if (static_cast<int>(ids.size()) < n) return;
  for (size_t i = 0; i + n <= ids.size(); ++i) {
    Key key = 0;
    for (int k = 0; k < n; ++k) key = (key << bits) | ids[i + k];
    out.push_back(key);
  }
}

// Renumbers the symbols of one segment densely (0, 1, 2, … in order of first appearance) and
// says how many bits a renumbered symbol needs. Symbols are small integers (word ids or code
// points); the tables grow to the largest seen and are reused from segment to segment.
class DenseIds {
 public:
  void start() { ++generation_, next_ = 0; }
  uint32_t operator()(uint32_t symbol);
  int bits() const;

 private:
  std::vector<uint32_t> stamp_, local_;
  uint32_t generation_ = 0, next_ = 0;
};

// Dense ids of the distinct words of one segment (0, 1, 2, … in order of first appearance). The
// words must outlive the segment: the table keeps views of them.
class SegmentWords {
 public:
  void start();
  uint32_t operator()(std::string_view word);
  int bits() const;

 private:
  std::vector<std::string_view> keys_;
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> used_;
  uint32_t next_ = 0;
};

}  // namespace heed::text
