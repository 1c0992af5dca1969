#include "heed/text/ngrams.h"

#include "heed/core/hash.h"

namespace heed::text {

namespace {

int bits_for(uint32_t count) {
  int b = 1;
  while (b < 32 && (uint64_t{1} << b) < count) ++b;
  return b;
}

uint64_t hash_bytes(std::string_view s) {  // FNV-1a: words are short
  const uint64_t h = fnv1a(s.data(), s.size());
  return h ^ (h >> 29);
}

}  // namespace

uint32_t DenseIds::operator()(uint32_t symbol) {
  if (symbol >= stamp_.size()) {
    stamp_.resize(symbol + 1024, 0);
    local_.resize(symbol + 1024, 0);
  }
  if (stamp_[symbol] != generation_) {
    stamp_[symbol] = generation_;
    local_[symbol] = next_++;
  }
  return local_[symbol];
}

int DenseIds::bits() const { return bits_for(next_); }

void SegmentWords::start() {
  for (uint32_t slot : used_) ids_[slot] = UINT32_MAX;
  used_.clear();
  next_ = 0;
  if (keys_.empty()) {
    keys_.resize(1024);
    ids_.assign(1024, UINT32_MAX);
  }
}

uint32_t SegmentWords::operator()(std::string_view word) {
  if (2 * (next_ + 1) > keys_.size()) {  // keep the load under one half: grow and rehash
    std::vector<std::string_view> old_keys(keys_.size() * 2);
    std::vector<uint32_t> old_ids(keys_.size() * 2, UINT32_MAX);
    old_keys.swap(keys_);
    old_ids.swap(ids_);
    std::vector<uint32_t> old_used;
    old_used.swap(used_);
    for (uint32_t slot : old_used) {
      size_t k = hash_bytes(old_keys[slot]) & (keys_.size() - 1);
      while (ids_[k] != UINT32_MAX) k = (k + 1) & (keys_.size() - 1);
      keys_[k] = old_keys[slot];
      ids_[k] = old_ids[slot];
      used_.push_back(static_cast<uint32_t>(k));
    }
  }
  const size_t mask = keys_.size() - 1;
  size_t k = hash_bytes(word) & mask;
  while (ids_[k] != UINT32_MAX) {
    if (keys_[k] == word) return ids_[k];
    k = (k + 1) & mask;
  }
  keys_[k] = word;
  ids_[k] = next_;
  used_.push_back(static_cast<uint32_t>(k));
  return next_++;
}

int SegmentWords::bits() const { return bits_for(next_); }

}  // namespace heed::text
