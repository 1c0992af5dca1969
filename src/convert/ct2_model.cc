#include "heed/convert/ct2_model.h"

#include <algorithm>
#include <cstring>

#include "heed/core/error.h"
#include "heed/core/half.h"
#include "heed/core/io.h"

namespace heed::convert {

const char* ct2_type_name(Ct2Type type) {
  switch (type) {
    case Ct2Type::float32: return "float32";
    case Ct2Type::int8: return "int8";
    case Ct2Type::int16: return "int16";
    case Ct2Type::int32: return "int32";
    case Ct2Type::float16: return "float16";
    case Ct2Type::bfloat16: return "bfloat16";
  }
  return "unknown";
}

namespace {

size_t item_size(Ct2Type type) {
  switch (type) {
    case Ct2Type::int8: return 1;
    case Ct2Type::int16:
    case Ct2Type::float16:
    case Ct2Type::bfloat16: return 2;
    default: return 4;
  }
}

// Reads the file front to back; running past its end is an Error naming it.
class Reader {
 public:
  Reader(const std::string& bytes, const std::string& origin) : bytes_(bytes), origin_(origin) {}
  template <class T>
  T take() {
    T value;
    std::memcpy(&value, need(sizeof(T)), sizeof(T));
    return value;
  }
  std::string string() {
    const auto length = take<uint16_t>();  // with the terminating NUL
    HEED_CHECK(length >= 1, "{}: a name of length 0 at byte {}", origin_, offset_);
    const char* p = need(length);
    HEED_CHECK(p[length - 1] == '\0', "{}: a name at byte {} is not NUL-terminated", origin_, offset_ - length);
    return std::string(p, length - 1);
  }
  std::string bytes(size_t n) { return std::string(need(n), n); }
  bool done() const { return offset_ == bytes_.size(); }

 private:
  const char* need(size_t n) {
    HEED_CHECK(n <= bytes_.size() - offset_, "{} is truncated: {} bytes needed at byte {} of {}", origin_, n, offset_,
               bytes_.size());
    const char* p = bytes_.data() + offset_;
    offset_ += n;
    return p;
  }
  const std::string& bytes_;
  const std::string& origin_;
  size_t offset_ = 0;
};

Ct2Variable read_variable(Reader& in, const std::string& name, const std::string& origin) {
  Ct2Variable v;
  const auto rank = in.take<uint8_t>();
  int64_t numel = 1;
  for (uint8_t i = 0; i < rank; ++i) {
    v.shape.push_back(in.take<uint32_t>());
    numel *= v.shape.back();
    HEED_CHECK(numel < (int64_t{1} << 40), "{}: variable '{}' is impossibly large", origin, name);
  }
  const auto type = in.take<uint8_t>();
  HEED_CHECK(type <= 5, "{}: variable '{}' has unknown type id {}", origin, name, type);
  v.type = static_cast<Ct2Type>(type);
  const auto bytes = in.take<uint32_t>();
  HEED_CHECK(bytes == static_cast<uint64_t>(numel) * item_size(v.type),
             "{}: variable '{}' has {} bytes, but {} values of {} need {}", origin, name, bytes, numel,
             ct2_type_name(v.type), static_cast<uint64_t>(numel) * item_size(v.type));
  v.bytes = in.bytes(bytes);
  return v;
}

float value_at(const Ct2Variable& v, int64_t i) {
  const char* p = v.bytes.data() + static_cast<size_t>(i) * item_size(v.type);
  switch (v.type) {
    case Ct2Type::float32: { float f; std::memcpy(&f, p, 4); return f; }
    case Ct2Type::int8: return static_cast<float>(static_cast<int8_t>(*p));
    case Ct2Type::int16: { int16_t x; std::memcpy(&x, p, 2); return static_cast<float>(x); }
    case Ct2Type::int32: { int32_t x; std::memcpy(&x, p, 4); return static_cast<float>(x); }
    case Ct2Type::float16: { uint16_t h; std::memcpy(&h, p, 2); return f16_to_float(h); }
    case Ct2Type::bfloat16: { uint16_t h; std::memcpy(&h, p, 2); return bf16_to_float(h); }
  }
  return 0.0f;
}

}  // namespace

int64_t Ct2Variable::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string Ct2Model::resolve(const std::string& name) const {
  const auto alias = aliases.find(name);
  return alias == aliases.end() ? name : alias->second;
}

const Ct2Variable* Ct2Model::find(const std::string& name) const {
  const auto it = variables.find(resolve(name));
  return it == variables.end() ? nullptr : &it->second;
}

Tensor Ct2Model::floats(const std::string& name, const std::string& origin) const {
  const Ct2Variable* v = find(name);
  HEED_CHECK(v != nullptr, "{} lacks variable '{}'", origin, name);
  HEED_CHECK(v->type != Ct2Type::int32, "{}: variable '{}' is int32, not a weight", origin, name);
  Shape shape(v->shape.begin(), v->shape.end());
  if (shape.empty()) shape = {1};
  Tensor t = Tensor::empty(shape);
  const int64_t n = v->numel();
  for (int64_t i = 0; i < n; ++i) t.mutable_data()[i] = value_at(*v, i);
  if (v->type != Ct2Type::int8 && v->type != Ct2Type::int16) return t;
  // Quantized: CTranslate2 stores q = round(x · scale); the scale of an int8 matrix is per row.
  const std::string scale_name = resolve(name) + "_scale";
  const Ct2Variable* scale = find(scale_name);
  HEED_CHECK(scale != nullptr, "{}: quantized variable '{}' lacks '{}'", origin, name, scale_name);
  const int64_t rows = v->shape.empty() ? 1 : v->shape[0];
  HEED_CHECK(scale->numel() == 1 || scale->numel() == rows, "{}: '{}' has {} values for {} rows", origin, scale_name,
             scale->numel(), rows);
  const int64_t cols = n / std::max<int64_t>(rows, 1);
  for (int64_t r = 0; r < rows; ++r) {
    const float s = value_at(*scale, scale->numel() == 1 ? 0 : r);
    HEED_CHECK(s != 0.0f, "{}: '{}' has a zero scale", origin, scale_name);
    for (int64_t c = 0; c < cols; ++c) t.mutable_data()[r * cols + c] /= s;
  }
  return t;
}

double Ct2Model::scalar(const std::string& name, double fallback, const std::string& origin) const {
  const Ct2Variable* v = find(name);
  if (v == nullptr) return fallback;
  HEED_CHECK(v->numel() == 1, "{}: '{}' should be a single value, not {} values", origin, name, v->numel());
  return value_at(*v, 0);
}

Ct2Model read_ct2_model(const std::string& path) { return parse_ct2_model(read_file(path), path); }

Ct2Model parse_ct2_model(const std::string& bytes, const std::string& origin) {
  Reader in(bytes, origin);
  Ct2Model m;
  m.binary_version = in.take<uint32_t>();
  HEED_CHECK(m.binary_version >= 4 && m.binary_version <= 6,
             "{} has binary version {}; heed reads CTranslate2's versions 4 to 6 (CTranslate2 2.0 to 4.x)", origin,
             m.binary_version);
  m.spec = in.string();
  m.revision = in.take<uint32_t>();
  const auto count = in.take<uint32_t>();
  for (uint32_t i = 0; i < count; ++i) {
    std::string name = in.string();
    Ct2Variable v = read_variable(in, name, origin);
    HEED_CHECK(m.variables.emplace(name, std::move(v)).second, "{}: variable '{}' appears twice", origin, name);
  }
  const auto aliases = in.take<uint32_t>();
  for (uint32_t i = 0; i < aliases; ++i) {
    std::string alias = in.string();
    std::string target = in.string();
    HEED_CHECK(m.variables.count(target), "{}: alias '{}' names no variable ('{}')", origin, alias, target);
    m.aliases[alias] = target;
  }
  HEED_CHECK(in.done(), "{} has bytes after its last alias", origin);
  return m;
}

namespace {

template <class T>
void put(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

void put_string(std::ostream& out, const std::string& s) {
  HEED_CHECK(s.size() < 65535, "a CTranslate2 name of {} bytes is too long", s.size());
  put<uint16_t>(out, static_cast<uint16_t>(s.size() + 1));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
  put<uint8_t>(out, 0);
}

}  // namespace

void write_ct2_model(const std::string& path, const Ct2Model& model) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  put<uint32_t>(out, model.binary_version);
  put_string(out, model.spec);
  put<uint32_t>(out, model.revision);
  put<uint32_t>(out, static_cast<uint32_t>(model.variables.size()));
  for (const auto& [name, v] : model.variables) {
    put_string(out, name);
    put<uint8_t>(out, static_cast<uint8_t>(v.shape.size()));
    for (int64_t d : v.shape) put<uint32_t>(out, static_cast<uint32_t>(d));
    put<uint8_t>(out, static_cast<uint8_t>(v.type));
    put<uint32_t>(out, static_cast<uint32_t>(v.bytes.size()));
    out.write(v.bytes.data(), static_cast<std::streamsize>(v.bytes.size()));
  }
  put<uint32_t>(out, static_cast<uint32_t>(model.aliases.size()));
  for (const auto& [alias, target] : model.aliases) {
    put_string(out, alias);
    put_string(out, target);
  }
  HEED_CHECK(out.good(), "cannot write {}", path);
  file.commit();
}

Ct2Variable ct2_floats(const Tensor& t) {
  Ct2Variable v;
  v.shape.assign(t.shape().begin(), t.shape().end());
  v.bytes.assign(reinterpret_cast<const char*>(t.data()), static_cast<size_t>(t.numel()) * sizeof(float));
  return v;
}

Ct2Variable ct2_int8_flag(bool value) {
  Ct2Variable v;
  v.type = Ct2Type::int8;
  v.bytes.assign(1, static_cast<char>(value ? 1 : 0));
  return v;
}

Ct2Variable ct2_int16(int16_t value) {
  Ct2Variable v;
  v.type = Ct2Type::int16;
  v.bytes.assign(reinterpret_cast<const char*>(&value), 2);
  return v;
}

}  // namespace heed::convert
