#include "heed/model/parameters.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>

#include "heed/core/error.h"

namespace heed::model {
namespace {

// Lays tensors out in a flat buffer: a first pass measures, a second binds views.
class Layout {
 public:
  explicit Layout(const Tensor* flat) : flat_(flat) {}

  // A view of `shape` at the current offset; `name` empty for fused views that are not in the file.
  Tensor take(const std::string& name, const Shape& shape) {
    const int64_t n = shape_numel(shape);
    Tensor t;
    if (flat_ != nullptr) t = flat_->rows(offset_, offset_ + n).view(shape);
    if (!name.empty()) {
      named.emplace_back(name, t);
      count += n;
    }
    offset_ += n;
    return t;
  }
  // Starts the next tensor on a 64-byte boundary.
  void align() { offset_ = (offset_ + 15) / 16 * 16; }
  int64_t size() const { return offset_; }

  std::vector<std::pair<std::string, Tensor>> named;
  int64_t count = 0;

 private:
  const Tensor* flat_;
  int64_t offset_ = 0;
};

LinearWeights linear(Layout& l, const std::string& name, int64_t out, int64_t in, bool bias) {
  LinearWeights w;
  l.align();
  w.w = l.take(name + ".weight", {out, in});
  if (bias) {
    l.align();
    w.b = l.take(name + ".bias", {out});
  }
  return w;
}

NormWeights norm(Layout& l, const std::string& name, int64_t d) {
  NormWeights w;
  l.align();
  w.gamma = l.take(name + ".weight", {d});
  l.align();
  w.beta = l.take(name + ".bias", {d});
  return w;
}

AttentionWeights attention(Layout& l, const std::string& name, int64_t d, bool bias, const Tensor* flat) {
  AttentionWeights a;
  l.align();
  const int64_t start = l.size();
  a.q = l.take(name + ".q_proj.weight", {d, d});
  a.k = l.take(name + ".k_proj.weight", {d, d});
  a.v = l.take(name + ".v_proj.weight", {d, d});
  if (flat != nullptr) {
    a.qkv = flat->rows(start, start + 3 * d * d).view({3 * d, d});
    a.kv = flat->rows(start + d * d, start + 3 * d * d).view({2 * d, d});
  }
  if (bias) {  // adjacent too, so that the fused products add them at once
    l.align();
    const int64_t b = l.size();
    a.q_b = l.take(name + ".q_proj.bias", {d});
    l.take(name + ".k_proj.bias", {d});
    l.take(name + ".v_proj.bias", {d});
    if (flat != nullptr) {
      a.qkv_b = flat->rows(b, b + 3 * d);
      a.kv_b = flat->rows(b + d, b + 3 * d);
    }
  }
  a.out = linear(l, name + ".out_proj", d, d, true);
  return a;
}

TransformerWeights lay_out(const ModelConfig& c, Layout& l, const Tensor* flat) {
  TransformerWeights w;
  const int64_t d = c.d_model, f = c.ffn_dim;
  l.align();
  w.embed = l.take("embed.weight", {c.vocab_size, d});
  if (!c.share_embeddings) {
    l.align();
    w.src_embed = l.take("src_embed.weight", {c.source_vocab_size, d});
  }
  if (!c.tie_embeddings) {
    l.align();
    w.out = l.take("out.weight", {c.vocab_size, d});
  }
  if (c.output_bias) {
    l.align();
    w.out_b = l.take("out.bias", {c.vocab_size});
  }
  if (c.positions == Positions::learned) {
    l.align();
    w.enc_pos = l.take("enc.pos.weight", {c.max_positions, d});
    l.align();
    w.dec_pos = l.take("dec.pos.weight", {c.max_positions, d});
  }
  for (int64_t i = 0; i < c.encoder_layers; ++i) {
    const std::string p = "enc.layers." + std::to_string(i);
    EncoderLayerWeights e;
    e.self_attn = attention(l, p + ".self_attn", d, c.attention_bias, flat);
    e.self_attn_norm = norm(l, p + ".self_attn_norm", d);
    e.fc1 = linear(l, p + ".ffn.fc1", f, d, true);
    e.fc2 = linear(l, p + ".ffn.fc2", d, f, true);
    e.ffn_norm = norm(l, p + ".ffn_norm", d);
    w.enc.push_back(e);
  }
  for (int64_t i = 0; i < c.decoder_layers; ++i) {
    const std::string p = "dec.layers." + std::to_string(i);
    DecoderLayerWeights e;
    e.self_attn = attention(l, p + ".self_attn", d, c.attention_bias, flat);
    e.self_attn_norm = norm(l, p + ".self_attn_norm", d);
    e.cross_attn = attention(l, p + ".cross_attn", d, c.attention_bias, flat);
    e.cross_attn_norm = norm(l, p + ".cross_attn_norm", d);
    e.fc1 = linear(l, p + ".ffn.fc1", f, d, true);
    e.fc2 = linear(l, p + ".ffn.fc2", d, f, true);
    e.ffn_norm = norm(l, p + ".ffn_norm", d);
    w.dec.push_back(e);
  }
  if (c.has_final_norm()) {
    w.enc_final = norm(l, "enc.final_norm", d);
    w.dec_final = norm(l, "dec.final_norm", d);
  }
  l.align();
  return w;
}

}  // namespace

Parameters::Parameters(const ModelConfig& config) : config_(config) {
  config_.validate();
  Layout measure(nullptr);
  lay_out(config_, measure, nullptr);
  flat_ = Tensor::zeros({measure.size()});
  Layout bind(&flat_);
  weights_ = lay_out(config_, bind, &flat_);
  named_ = std::move(bind.named);
  count_ = bind.count;
  if (config_.positions == Positions::sinusoidal)
    sinusoids_ = sinusoidal_positions(config_.max_positions, config_.d_model);
}

const Tensor& Parameters::encoder_positions() const {
  return config_.positions == Positions::learned ? weights_.enc_pos : sinusoids_;
}

const Tensor& Parameters::decoder_positions() const {
  return config_.positions == Positions::learned ? weights_.dec_pos : sinusoids_;
}

const Tensor* Parameters::find(const std::string& name) const {
  for (const auto& [n, t] : named_)
    if (n == name) return &t;
  return nullptr;
}

void Parameters::initialize(Rng& rng) {
  const float d = static_cast<float>(config_.d_model);
  auto normal = [&](const Tensor& t, float stddev) {
    for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] = stddev * rng.normal();
  };
  for (const auto& [name, t] : named_) {
    const bool is_bias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
    const bool is_norm = name.find("norm.") != std::string::npos;
    if (name == "embed.weight" || name == "src_embed.weight" || name == "out.weight" ||
        name.find(".pos.") != std::string::npos) {
      normal(t, 1.0f / std::sqrt(d));
    } else if (is_norm) {
      t.fill(is_bias ? 0.0f : 1.0f);
    } else if (is_bias) {
      t.zero();
    } else {  // a linear weight (out, in): Xavier-uniform
      const float limit = std::sqrt(6.0f / static_cast<float>(t.dim(0) + t.dim(1)));
      for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] = limit * (2.0f * rng.uniform() - 1.0f);
    }
  }
}

Tensor sinusoidal_positions(int64_t max_positions, int64_t d_model) {
  Tensor p = Tensor::empty({max_positions, d_model});
  for (int64_t pos = 0; pos < max_positions; ++pos) {
    for (int64_t i = 0; i + 1 < d_model + 1; i += 2) {
      // Computed in double, as the reference does, then rounded to float.
      const double angle = static_cast<double>(pos) / std::pow(10000.0, static_cast<double>(i) / d_model);
      p.mutable_data()[pos * d_model + i] = static_cast<float>(std::sin(angle));
      if (i + 1 < d_model) p.mutable_data()[pos * d_model + i + 1] = static_cast<float>(std::cos(angle));
    }
  }
  return p;
}

std::vector<const Tensor*> Parameters::inference_matrices() const {
  std::vector<const Tensor*> out;
  const auto& w = weights_;
  for (const auto& l : w.enc)
    for (const Tensor* t : {&l.self_attn.qkv, &l.self_attn.out.w, &l.fc1.w, &l.fc2.w}) out.push_back(t);
  for (const auto& l : w.dec)
    for (const Tensor* t : {&l.self_attn.qkv, &l.self_attn.out.w, &l.cross_attn.q, &l.cross_attn.kv,
                            &l.cross_attn.out.w, &l.fc1.w, &l.fc2.w})
      out.push_back(t);
  out.push_back(&w.output());
  return out;
}

void Parameters::prepare(ops::ComputeType type) {
  auto prepared = std::make_shared<ops::PreparedWeights>(type);
  for (const Tensor* t : inference_matrices()) prepared->add(*t);
  prepared_ = std::move(prepared);
}

void Parameters::release_prepared_floats() {
  HEED_CHECK(prepared_, "release_prepared_floats before prepare");
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  for (const Tensor* t : inference_matrices()) {
    if (t->data() == weights_.embed.data()) continue;  // the tied output layer: still the embeddings
    const auto begin = reinterpret_cast<uintptr_t>(t->data());
    const uintptr_t first = (begin + page - 1) / page * page;
    const uintptr_t last = (begin + static_cast<uintptr_t>(t->numel()) * sizeof(float)) / page * page;
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  }
}

}  // namespace heed::model
