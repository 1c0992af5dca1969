#include "heed/model/safetensors.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "heed/core/error.h"
#include "heed/core/half.h"
#include "heed/core/io.h"

namespace heed::model {

namespace {

// The safetensors format caps the header at 100 MB; anything larger is damage, not a model.
constexpr uint64_t kMaxHeader = 100u << 20;

}  // namespace

SafetensorsFile SafetensorsFile::read(const std::string& path) { return parse(read_file(path), path); }

SafetensorsFile SafetensorsFile::parse(std::string bytes, const std::string& origin) {
  SafetensorsFile f;
  f.origin_ = origin;
  f.bytes_ = std::move(bytes);
  const std::string& b = f.bytes_;
  HEED_CHECK(b.size() >= 8, "{} is not a model file: {} bytes is too short for a safetensors header",
             origin, b.size());
  // A safetensors header is a JSON object right after its 8-byte size: anything else (a text file,
  // a SentencePiece model) is not a model file at all, rather than a damaged one.
  HEED_CHECK(b.size() > 8 && b[8] == '{', "{} is not a heed model file (no safetensors header)", origin);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(b[i]);
  HEED_CHECK(n <= kMaxHeader && n <= b.size() - 8,
             "{} is damaged: its header claims {} bytes but the file has {} after the size", origin,
             n, b.size() - 8);
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(b.begin() + 8, b.begin() + 8 + static_cast<std::ptrdiff_t>(n));
  } catch (const nlohmann::json::exception& e) {
    fail("{} is damaged: its header is not valid JSON ({})", origin, e.what());
  }
  HEED_CHECK(header.is_object(), "{} is damaged: its header is not a JSON object", origin);
  const size_t data_begin = 8 + n, data_size = b.size() - data_begin;
  const auto* data = reinterpret_cast<const uint8_t*>(b.data()) + data_begin;

  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      HEED_CHECK(entry.is_object(), "{}: __metadata__ is not a JSON object", origin);
      for (const auto& [key, value] : entry.items()) {
        HEED_CHECK(value.is_string(), "{}: metadata '{}' is not a string", origin, key);
        f.metadata_[key] = value.get<std::string>();
      }
      continue;
    }
    HEED_CHECK(entry.is_object() && entry.contains("dtype") && entry.contains("shape") &&
                   entry.contains("data_offsets"),
               "{}: tensor '{}' lacks dtype, shape or data_offsets", origin, name);
    const auto& dt = entry["dtype"];
    const auto& shape = entry["shape"];
    const auto& offsets = entry["data_offsets"];
    HEED_CHECK(dt.is_string(), "{}: tensor '{}' has a dtype that is not a string", origin, name);
    StoredTensor t;
    t.name = name;
    HEED_CHECK(parse_dtype_name(dt.get<std::string>(), t.dtype), "{}: tensor '{}' has unknown dtype '{}'",
               origin, name, dt.get<std::string>());
    HEED_CHECK(shape.is_array() && shape.size() <= 8, "{}: tensor '{}' has a bad shape", origin, name);
    uint64_t count = 1;
    for (const auto& d : shape) {
      HEED_CHECK(d.is_number_unsigned() && d.get<uint64_t>() < (1ull << 40),
                 "{}: tensor '{}' has a bad dimension in its shape", origin, name);
      t.shape.push_back(d.get<int64_t>());
      count *= d.get<uint64_t>();
      HEED_CHECK(count < (1ull << 40), "{}: tensor '{}' is impossibly large", origin, name);
    }
    HEED_CHECK(offsets.is_array() && offsets.size() == 2 && offsets[0].is_number_unsigned() &&
                   offsets[1].is_number_unsigned(),
               "{}: tensor '{}' has bad data_offsets", origin, name);
    const auto begin = offsets[0].get<uint64_t>(), end = offsets[1].get<uint64_t>();
    HEED_CHECK(begin <= end && end <= data_size,
               "{}: tensor '{}' has data_offsets [{}, {}] outside the {} bytes of data (the file is "
               "truncated or damaged)",
               origin, name, begin, end, data_size);
    HEED_CHECK(end - begin == count * dtype_size(t.dtype),
               "{}: tensor '{}' has {} bytes but shape {} of {} needs {}", origin, name, end - begin,
               to_string(t.shape), dtype_name(t.dtype), count * dtype_size(t.dtype));
    t.data = data + begin;
    t.bytes = end - begin;
    ranges.emplace_back(begin, end);
    f.tensors_.push_back(std::move(t));
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i)
    HEED_CHECK(ranges[i].first >= ranges[i - 1].second,
               "{} is damaged: tensor data ranges overlap at byte {}", origin, ranges[i].first);
  return f;
}

const StoredTensor* SafetensorsFile::find(const std::string& name) const {
  for (const auto& t : tensors_)
    if (t.name == name) return &t;
  return nullptr;
}

Tensor to_float(const StoredTensor& t, const std::string& origin) {
  Tensor out = Tensor::empty(t.shape);
  const int64_t n = out.numel();
  float* o = out.mutable_data();
  switch (t.dtype) {
    case DType::f32:
      std::memcpy(o, t.data, n * 4);
      break;
    case DType::f16:
    case DType::bf16:
      for (int64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, t.data + 2 * i, 2);
        o[i] = t.dtype == DType::f16 ? f16_to_float(h) : bf16_to_float(h);
      }
      break;
    default:
      fail("{}: tensor '{}' has dtype {}, but weights must be F32, F16 or BF16", origin, t.name,
           dtype_name(t.dtype));
  }
  return out;
}

std::string encode_floats(const float* values, int64_t n, DType dtype) {
  std::string out(n * dtype_size(dtype), '\0');
  switch (dtype) {
    case DType::f32:
      std::memcpy(out.data(), values, n * 4);
      break;
    case DType::f16:
    case DType::bf16:
      for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = dtype == DType::f16 ? float_to_f16(values[i]) : float_to_bf16(values[i]);
        std::memcpy(out.data() + 2 * i, &h, 2);
      }
      break;
    default:
      fail("cannot store weights as {}", dtype_name(dtype));
  }
  return out;
}

int64_t TensorToWrite::stored_bytes() const {
  return floats ? shape_numel(shape) * dtype_size(dtype) : static_cast<int64_t>(bytes.size());
}

void write_safetensors(const std::string& path, const std::map<std::string, std::string>& metadata,
                       const std::vector<TensorToWrite>& tensors) {
  nlohmann::ordered_json header;
  header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const auto& t : tensors) {
    const auto size = static_cast<uint64_t>(t.stored_bytes());
    header[t.name] = {{"dtype", dtype_name(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + size}}};
    offset += size;
  }
  std::string h = header.dump();
  h.append((8 - h.size() % 8) % 8, ' ');
  AtomicFile file(path);
  auto& out = file.stream();
  char size[8];
  uint64_t n = h.size();
  for (int i = 0; i < 8; ++i, n >>= 8) size[i] = static_cast<char>(n & 0xff);
  out.write(size, 8);
  out.write(h.data(), static_cast<std::streamsize>(h.size()));
  for (const auto& t : tensors) {
    if (!t.floats) {
      out.write(t.bytes.data(), static_cast<std::streamsize>(t.bytes.size()));
      continue;
    }
    constexpr int64_t kBlock = 1 << 18;  // values encoded at a time
    const int64_t n = shape_numel(t.shape);
    for (int64_t first = 0; first < n; first += kBlock) {
      const std::string block = encode_floats(t.floats + first, std::min(kBlock, n - first), t.dtype);
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
  }
  file.commit();
}

}  // namespace heed::model
