#include "heed/convert/ctranslate2.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "heed/convert/ct2_model.h"
#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/text/tokenizer.h"

namespace heed::convert {

namespace fs = std::filesystem;
using model::ModelConfig;

namespace {

// config.json of a sequence-to-sequence model (CTranslate2's SequenceToSequenceModelConfig).
struct Ct2Config {
  std::string unk = "<unk>", bos = "<s>", eos = "</s>", start = "<s>";
  bool add_source_bos = false, add_source_eos = false;
  float layer_norm_eps = 1e-5f;
  nlohmann::json raw = nlohmann::json::object();
};

Ct2Config read_config(const std::string& dir) {
  Ct2Config c;
  const std::string path = dir + "/config.json";
  if (!file_exists(path)) return c;  // binary versions before 6 kept these in model.bin
  try {
    c.raw = nlohmann::json::parse(read_file(path));
    HEED_CHECK(c.raw.is_object(), "{} is not a JSON object", path);
    auto text = [&](const char* key, std::string& field) {
      if (c.raw.contains(key) && !c.raw[key].is_null()) field = c.raw[key].get<std::string>();
    };
    text("unk_token", c.unk);
    text("bos_token", c.bos);
    text("eos_token", c.eos);
    text("decoder_start_token", c.start);
    HEED_CHECK(!c.raw.contains("decoder_start_token") || !c.raw["decoder_start_token"].is_null(),
               "{}: the model has no decoder start token (its callers give one): not supported", path);
    c.add_source_bos = c.raw.value("add_source_bos", false);
    c.add_source_eos = c.raw.value("add_source_eos", false);
    if (c.raw.contains("layer_norm_epsilon") && !c.raw["layer_norm_epsilon"].is_null())
      c.layer_norm_eps = c.raw["layer_norm_epsilon"].get<float>();
    HEED_CHECK(!c.raw.value("multi_query_attention", false), "{}: multi-query attention is not supported", path);
  } catch (const nlohmann::json::exception& e) {
    fail("{}: {}", path, e.what());
  }
  return c;
}

// NAME.json (a JSON list) or NAME.txt (a token a line); empty when neither is there.
std::vector<std::string> read_vocabulary(const std::string& dir, const std::string& name) {
  std::vector<std::string> tokens;
  const std::string json = dir + "/" + name + ".json", txt = dir + "/" + name + ".txt";
  if (file_exists(json)) {
    try {
      tokens = nlohmann::json::parse(read_file(json)).get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
      fail("{} is not a JSON list of tokens: {}", json, e.what());
    }
  } else if (file_exists(txt)) {
    LineReader lines(txt);
    for (std::string line; lines.next(line);) tokens.push_back(line);
  } else {
    return tokens;
  }
  for (const auto& t : tokens) HEED_CHECK(t.find('\n') == std::string::npos, "{}: a token holds a newline", dir + "/" + name);
  HEED_CHECK(!tokens.empty(), "{}/{}: the vocabulary is empty", dir, name);
  return tokens;
}

model::StoredVocabularies read_vocabularies(const std::string& dir) {
  model::StoredVocabularies v;
  v.source = read_vocabulary(dir, "shared_vocabulary");
  if (!v.source.empty()) {
    v.target = v.source;
    return v;
  }
  v.source = read_vocabulary(dir, "source_vocabulary");
  v.target = read_vocabulary(dir, "target_vocabulary");
  HEED_CHECK(!v.source.empty() && !v.target.empty(),
             "{} has no vocabularies (shared_vocabulary.json or .txt, or source_vocabulary and target_vocabulary)", dir);
  return v;
}

// Reads a CTranslate2 model's variables, remembering each one read: a variable left unread at the
// end is one heed would ignore, so the model is refused rather than computed wrongly.
class Variables {
 public:
  Variables(const Ct2Model& model, std::string origin) : model_(model), origin_(std::move(origin)) {}
  bool has(const std::string& name) const { return model_.find(name) != nullptr; }
  Tensor take(const std::string& name, const Shape& shape) {
    mark(name);
    Tensor t = model_.floats(name, origin_);
    HEED_CHECK(t.shape() == shape, "{}: '{}' has shape {}, but the model needs {}", origin_, name,
               heed::to_string(t.shape()), heed::to_string(shape));
    return t;
  }
  double scalar(const std::string& name, double fallback) {
    mark(name);
    return model_.scalar(name, fallback, origin_);
  }
  const Ct2Variable* find(const std::string& name) const { return model_.find(name); }
  const Ct2Model& model() const { return model_; }
  // Whether any variable's name contains `part` (biases that some layers have and some not).
  bool any(const std::string& part) const {
    for (const auto& [name, v] : model_.variables)
      if (name.find(part) != std::string::npos) return true;
    for (const auto& [alias, target] : model_.aliases)
      if (alias.find(part) != std::string::npos) return true;
    return false;
  }
  const std::string& origin() const { return origin_; }
  // The first variable never read, or "".
  std::string unread() const {
    for (const auto& [name, v] : model_.variables)
      if (!used_.count(name)) return name;
    return "";
  }
  bool same(const std::string& a, const std::string& b) const {
    const Ct2Variable *x = find(a), *y = find(b);
    return x && y && (model_.resolve(a) == model_.resolve(b) || (x->shape == y->shape && x->type == y->type && x->bytes == y->bytes));
  }

 private:
  void mark(const std::string& name) {
    const std::string real = model_.resolve(name);
    used_.insert(real);
    used_.insert(real + "_scale");
  }
  const Ct2Model& model_;
  std::string origin_;
  std::set<std::string> used_;
};

// Variants heed does not compute, named by what marks them in model.bin.
void refuse_unsupported(const Ct2Model& m, const std::string& origin) {
  HEED_CHECK(m.spec == "TransformerSpec", "{} holds a {}, not an encoder-decoder transformer (TransformerSpec)", origin,
             m.spec);
  auto any = [&](const std::string& part) {
    for (const auto& [name, v] : m.variables)
      if (name.find(part) != std::string::npos) return true;
    return false;
  };
  const std::pair<const char*, const char*> refused[] = {
      {"relative_position", "relative positions are not supported"},
      {"relative_attention_bias", "relative attention biases (T5) are not supported"},
      {"embeddings_1/", "several source embeddings (source factors) are not supported"},
      {"layernorm_embedding", "a layer norm after the embeddings is not supported"},
      {"linear_0_noact", "gated feed-forward layers (GLU) are not supported"},
      {"rotary_dim", "rotary position embeddings are not supported"},
      {"queries_scale", "a custom attention query scale is not supported"},
      {"q_norm", "layer norms of queries and keys are not supported"},
      {"project_in", "projections around the decoder are not supported"},
      {"scale_outputs", "scaled decoder outputs are not supported"},
      {"input_layer_norm", "pre- and post-norm in one layer is not supported"},
      {"shared_layer_norm", "parallel residual blocks are not supported"},
      {"layer_scalar", "layer scalars are not supported"},
  };
  for (const auto& [part, why] : refused) HEED_CHECK(!any(part), "{}: {}", origin, why);
  for (const char* flag : {"decoder/alibi", "encoder/multi_query_attention"})
    HEED_CHECK(m.scalar(flag, 0, origin) == 0, "{}: {} is not supported", origin, flag);
  for (const auto& [name, v] : m.variables)
    HEED_CHECK(name.size() < 6 || name.compare(name.size() - 6, 6, "/gamma") != 0 || m.find(name.substr(0, name.size() - 5) + "beta"),
               "{}: '{}' is an RMS norm (no beta); RMS norms are not supported", origin, name);
}

ops::Activation activation_of(double id, const std::string& origin) {
  // CTranslate2's ops::ActivationType: RELU 0, GELUTanh 1, Swish 2, GELU 3, GELUSigmoid 4, Tanh 5, Sigmoid 6.
  switch (static_cast<int>(id)) {
    case 0: return ops::Activation::relu;
    case 1: return ops::Activation::gelu_tanh;
    case 2: return ops::Activation::silu;
    case 3: return ops::Activation::gelu;
    case 4: return ops::Activation::gelu_sigmoid;
    case 5: fail("{}: the tanh activation is not supported in the feed-forward layers", origin);
    case 6: fail("{}: the sigmoid activation is not supported in the feed-forward layers", origin);
    default: fail("{}: unknown activation id {}", origin, id);
  }
}

int count_layers(const Ct2Model& m, const std::string& stack) {
  int n = 0;
  while (m.find(stack + "/layer_" + std::to_string(n) + "/ffn/linear_0/weight")) ++n;
  return n;
}

// CTranslate2's own sinusoids, for a model that stores no position table: [sin | cos] halves,
// position t at time t + 1, in float as its C++ computes them (layers/common.cc).
Tensor ct2_sinusoids(int64_t positions, int64_t depth) {
  Tensor p = Tensor::empty({positions, depth});
  const int64_t half = depth / 2;
  const float increment = std::log(10000.0f) / static_cast<float>(half - 1);
  for (int64_t t = 0; t < positions; ++t)
    for (int64_t j = 0; j < half; ++j) {
      const float timescale = std::exp(-increment * static_cast<float>(j));
      const float x = static_cast<float>(t + 1) * timescale;
      p.mutable_data()[t * depth + j] = std::sin(x);
      p.mutable_data()[t * depth + half + j] = std::cos(x);
    }
  return p;
}

}  // namespace

namespace {

// The id of `token` in `vocabulary`, or -1.
int32_t index_in(const std::vector<std::string>& vocabulary, const std::string& token) {
  for (size_t i = 0; i < vocabulary.size(); ++i)
    if (vocabulary[i] == token) return static_cast<int32_t>(i);
  return -1;
}

model::TokenIds token_ids(const Ct2Config& c, const model::StoredVocabularies& v, bool zero_start, const std::string& dir) {
  auto need = [&](const std::vector<std::string>& vocabulary, const std::string& token, const char* side, const char* what) {
    const int32_t id = index_in(vocabulary, token);
    HEED_CHECK(id >= 0, "{}: the {} token '{}' is not in the {} vocabulary", dir, what, token, side);
    return id;
  };
  // Padding never reaches a score; the pad tokens of OpenNMT and Marian where there is one.
  auto pad = [&](const std::vector<std::string>& vocabulary, int32_t unk) {
    for (const char* token : {"<blank>", "<pad>"})
      if (const int32_t id = index_in(vocabulary, token); id >= 0) return id;
    return unk;
  };
  model::TokenIds ids;
  ids.source_unk = need(v.source, c.unk, "source", "unknown");
  ids.source_pad = pad(v.source, ids.source_unk);
  ids.source_bos = c.add_source_bos ? need(v.source, c.bos, "source", "bos") : -1;
  ids.source_eos = c.add_source_eos ? need(v.source, c.eos, "source", "eos") : -1;
  ids.target_unk = need(v.target, c.unk, "target", "unknown");
  ids.target_pad = pad(v.target, ids.target_unk);
  // A zero first input reads no embedding: a start token outside the vocabulary (Marian's "<s>")
  // is then CTranslate2's unknown token, as its vocabulary maps it.
  ids.target_start = zero_start && index_in(v.target, c.start) < 0 ? ids.target_unk
                                                                   : need(v.target, c.start, "target", "decoder start");
  ids.target_eos = need(v.target, c.eos, "target", "eos");
  return ids;
}

// The stack's settings, which the encoder and the decoder must share in heed.
struct StackSettings {
  bool pre_norm, scaled, final_norm;
  int heads;
  ops::Activation activation;
  int64_t positions;  // rows of the stored table, 0: CTranslate2's sinusoids
};

StackSettings stack_settings(Variables& vars, const std::string& stack, int64_t d_model) {
  StackSettings s;
  const std::string& origin = vars.origin();
  s.pre_norm = vars.scalar(stack + "/pre_norm", 1) != 0;
  s.heads = static_cast<int>(vars.scalar(stack + "/num_heads", 8));
  s.activation = activation_of(vars.scalar(stack + "/activation", 0), origin);
  // scale_embeddings: a flag (√D or nothing) or the factor itself (CTranslate2's build_embeddings_scale);
  // absent, √D.
  std::string name = stack + "/scale_embeddings";
  if (!vars.has(name)) name = stack + "/embeddings" + (stack == "encoder" ? "_0" : "") + "/multiply_by_sqrt_depth";
  const Ct2Variable* scale = vars.find(name);
  const double factor = vars.scalar(name, 1);
  if (scale == nullptr || scale->type == Ct2Type::int8) {
    s.scaled = scale == nullptr || factor != 0;
  } else {
    const double root = std::sqrt(static_cast<double>(d_model));
    HEED_CHECK(factor == 1 || std::fabs(factor - root) < 1e-4 * root,
               "{}: {} embeddings are scaled by {}; heed scales by √D ({}) or not at all", origin, stack, factor, root);
    s.scaled = factor != 1;
  }
  s.final_norm = vars.has(stack + "/layer_norm/gamma");
  HEED_CHECK(s.pre_norm || !s.final_norm, "{}: a post-norm {} with a final layer norm is not supported", origin, stack);
  const Ct2Variable* table = vars.find(stack + "/position_encodings/encodings");
  s.positions = table == nullptr ? 0 : (table->shape.empty() ? 0 : table->shape[0]);
  return s;
}

ModelConfig infer_config(Variables& vars, const Ct2Config& c, const model::StoredVocabularies& v, const std::string& dir) {
  const std::string& origin = vars.origin();
  const Ct2Variable* src_embed = vars.find("encoder/embeddings_0/weight");
  const Ct2Variable* tgt_embed = vars.find("decoder/embeddings/weight");
  HEED_CHECK(src_embed && tgt_embed && src_embed->shape.size() == 2 && tgt_embed->shape.size() == 2,
             "{} lacks the embeddings of a transformer (encoder/embeddings_0/weight, decoder/embeddings/weight)", origin);
  ModelConfig m;
  m.d_model = src_embed->shape[1];
  m.vocab_size = tgt_embed->shape[0];
  HEED_CHECK(static_cast<int64_t>(v.source.size()) == src_embed->shape[0] && static_cast<int64_t>(v.target.size()) == m.vocab_size,
             "{}: the vocabularies have {} and {} tokens, but the embeddings {} and {} rows", dir, v.source.size(),
             v.target.size(), src_embed->shape[0], m.vocab_size);
  m.encoder_layers = count_layers(vars.model(), "encoder");
  m.decoder_layers = count_layers(vars.model(), "decoder");
  const Ct2Variable* fc1 = vars.find("encoder/layer_0/ffn/linear_0/weight");
  HEED_CHECK(fc1 && fc1->shape.size() == 2, "{} lacks encoder/layer_0/ffn/linear_0/weight", origin);
  m.ffn_dim = fc1->shape[0];
  const StackSettings e = stack_settings(vars, "encoder", m.d_model), d = stack_settings(vars, "decoder", m.d_model);
  HEED_CHECK(e.pre_norm == d.pre_norm && e.heads == d.heads && e.activation == d.activation && e.scaled == d.scaled &&
                 e.final_norm == d.final_norm && (e.positions == 0) == (d.positions == 0),
             "{}: the encoder and the decoder differ in norm placement, heads, activation, embedding scale, final "
             "norm or positions; heed's stacks share them", origin);
  m.heads = e.heads;
  m.norm = e.pre_norm ? model::NormPlacement::pre : model::NormPlacement::post;
  m.activation = e.activation;
  m.scale_embeddings = e.scaled;
  m.final_norm = e.final_norm || !e.pre_norm;
  m.positions = model::Positions::learned;  // the stored table, or CTranslate2's sinusoids written out
  m.max_positions = e.positions == 0 ? 1024 : std::min(e.positions, d.positions);
  m.layer_norm_eps = c.layer_norm_eps;
  m.share_embeddings = vars.same("encoder/embeddings_0/weight", "decoder/embeddings/weight");
  m.source_vocab_size = m.share_embeddings ? 0 : src_embed->shape[0];
  m.tie_embeddings = vars.same("decoder/projection/weight", "decoder/embeddings/weight");
  m.output_bias = vars.has("decoder/projection/bias");
  m.attention_bias = vars.any("attention/linear_0/bias") || vars.any("/attention/linear_1/bias");
  m.zero_start_embedding = vars.scalar("decoder/start_from_zero_embedding", 0) != 0;
  m.stored_vocabularies = true;
  m.ids = token_ids(c, v, m.zero_start_embedding, dir);
  try {
    m.validate();
  } catch (const Error& e) {
    fail("{}: {}", origin, e.what());
  }
  return m;
}

}  // namespace

namespace {

// Copies CTranslate2's variables into heed's tensors, name by name.
class WeightCopier {
 public:
  WeightCopier(Variables& vars, model::Parameters& params) : vars_(vars), params_(params) {}

  void set(const std::string& heed_name, const Tensor& value) {
    const Tensor* t = params_.find(heed_name);
    HEED_ASSERT(t != nullptr, "no tensor {}", heed_name);
    t->copy_from(value);
  }
  // A matrix (rows, cols), or rows [first, first + count) of it into one heed tensor each.
  void matrix(const std::string& heed_name, const std::string& ct2_name, int64_t rows, int64_t cols) {
    set(heed_name, vars_.take(ct2_name, {rows, cols}));
  }
  void split(const std::vector<std::string>& heed_names, const std::string& ct2_name, int64_t d, bool bias) {
    const auto n = static_cast<int64_t>(heed_names.size());
    const Tensor whole = bias ? vars_.take(ct2_name, {n * d}) : vars_.take(ct2_name, {n * d, d});
    const int64_t part = bias ? d : d * d;
    const Tensor flat = whole.view({whole.numel()});
    for (int64_t i = 0; i < n; ++i) set(heed_names[i], flat.rows(i * part, (i + 1) * part).view(bias ? Shape{d} : Shape{d, d}));
  }
  // A bias heed has and the model may not: zeros when it has none (the same products).
  void bias(const std::string& heed_name, const std::string& ct2_name, int64_t size) {
    if (vars_.has(ct2_name)) set(heed_name, vars_.take(ct2_name, {size}));
    else set(heed_name, Tensor::zeros({size}));
  }
  void norm(const std::string& heed_name, const std::string& ct2_name, int64_t d) {
    set(heed_name + ".weight", vars_.take(ct2_name + "/gamma", {d}));
    set(heed_name + ".bias", vars_.take(ct2_name + "/beta", {d}));
  }
  void linear(const std::string& heed_name, const std::string& ct2_name, int64_t out, int64_t in) {
    matrix(heed_name + ".weight", ct2_name + "/weight", out, in);
    bias(heed_name + ".bias", ct2_name + "/bias", out);
  }
  // Q, K, V (self-attention: one fused linear_0; cross-attention: linear_0 Q, linear_1 K and V),
  // then the output projection.
  void attention(const std::string& heed, const std::string& ct2, int64_t d, bool self, bool with_bias) {
    const std::string q = heed + ".q_proj", k = heed + ".k_proj", v = heed + ".v_proj";
    if (self) {
      split({q + ".weight", k + ".weight", v + ".weight"}, ct2 + "/linear_0/weight", d, false);
      if (with_bias) fused_bias({q + ".bias", k + ".bias", v + ".bias"}, ct2 + "/linear_0/bias", d);
    } else {
      matrix(q + ".weight", ct2 + "/linear_0/weight", d, d);
      split({k + ".weight", v + ".weight"}, ct2 + "/linear_1/weight", d, false);
      if (with_bias) {
        bias(q + ".bias", ct2 + "/linear_0/bias", d);
        fused_bias({k + ".bias", v + ".bias"}, ct2 + "/linear_1/bias", d);
      }
    }
    linear(heed + ".out_proj", ct2 + (self ? "/linear_1" : "/linear_2"), d, d);
  }

 private:
  void fused_bias(const std::vector<std::string>& heed_names, const std::string& ct2_name, int64_t d) {
    if (vars_.has(ct2_name)) split(heed_names, ct2_name, d, true);
    else
      for (const auto& n : heed_names) set(n, Tensor::zeros({d}));
  }
  Variables& vars_;
  model::Parameters& params_;
};

// The position table of a stack: stored, or CTranslate2's sinusoids; the first max_positions rows.
Tensor positions_of(Variables& vars, const std::string& stack, const ModelConfig& c) {
  const std::string name = stack + "/position_encodings/encodings";
  if (!vars.has(name)) return ct2_sinusoids(c.max_positions, c.d_model);
  const Ct2Variable* table = vars.find(name);
  const Tensor all = vars.take(name, {table->shape.at(0), c.d_model});
  return all.rows(0, c.max_positions).clone();
}

void copy_weights(Variables& vars, model::Parameters& params) {
  const ModelConfig& c = params.config();
  const int64_t d = c.d_model, f = c.ffn_dim;
  WeightCopier w(vars, params);
  w.matrix("embed.weight", "decoder/embeddings/weight", c.vocab_size, d);
  if (c.share_embeddings) vars.take("encoder/embeddings_0/weight", {c.vocab_size, d});  // the same values
  else w.matrix("src_embed.weight", "encoder/embeddings_0/weight", c.source_vocab_size, d);
  if (c.tie_embeddings) vars.take("decoder/projection/weight", {c.vocab_size, d});
  else w.matrix("out.weight", "decoder/projection/weight", c.vocab_size, d);
  if (c.output_bias) w.set("out.bias", vars.take("decoder/projection/bias", {c.vocab_size}));
  if (c.positions == model::Positions::learned) {
    w.set("enc.pos.weight", positions_of(vars, "encoder", c));
    w.set("dec.pos.weight", positions_of(vars, "decoder", c));
  } else {  // heed's sinusoids, written out by heed export: computed again
    positions_of(vars, "encoder", c);
    positions_of(vars, "decoder", c);
  }
  for (int64_t i = 0; i < c.encoder_layers; ++i) {
    const std::string h = "enc.layers." + std::to_string(i), t = "encoder/layer_" + std::to_string(i);
    w.attention(h + ".self_attn", t + "/self_attention", d, true, c.attention_bias);
    w.norm(h + ".self_attn_norm", t + "/self_attention/layer_norm", d);
    w.linear(h + ".ffn.fc1", t + "/ffn/linear_0", f, d);
    w.linear(h + ".ffn.fc2", t + "/ffn/linear_1", d, f);
    w.norm(h + ".ffn_norm", t + "/ffn/layer_norm", d);
  }
  for (int64_t i = 0; i < c.decoder_layers; ++i) {
    const std::string h = "dec.layers." + std::to_string(i), t = "decoder/layer_" + std::to_string(i);
    w.attention(h + ".self_attn", t + "/self_attention", d, true, c.attention_bias);
    w.norm(h + ".self_attn_norm", t + "/self_attention/layer_norm", d);
    w.attention(h + ".cross_attn", t + "/attention", d, false, c.attention_bias);
    w.norm(h + ".cross_attn_norm", t + "/attention/layer_norm", d);
    w.linear(h + ".ffn.fc1", t + "/ffn/linear_0", f, d);
    w.linear(h + ".ffn.fc2", t + "/ffn/linear_1", d, f);
    w.norm(h + ".ffn_norm", t + "/ffn/layer_norm", d);
  }
  if (c.has_final_norm()) {
    w.norm("enc.final_norm", "encoder/layer_norm", d);
    w.norm("dec.final_norm", "decoder/layer_norm", d);
  }
}

// Scalars that only CTranslate2's own features read (alignment heads for its attention output,
// the merge of source factors, which one embedding makes moot) or that must be off; read here so
// that every other unread variable is a variant heed does not know.
void read_harmless(Variables& vars) {
  for (const char* name : {"decoder/alignment_layer", "decoder/alignment_heads", "encoder/embeddings_merge",
                           "decoder/alibi", "decoder/alibi_use_positive_positions", "decoder/scale_alibi",
                           "encoder/multi_query_attention", "decoder/multi_query_attention"})
    vars.scalar(name, 0);
}

// Both stacks store exactly heed's own sinusoid table (a heed model exported by heed export).
bool stores_heed_sinusoids(const Variables& vars, const ModelConfig& c) {
  const Tensor heed = model::sinusoidal_positions(c.max_positions, c.d_model);
  for (const char* stack : {"encoder", "decoder"}) {
    const Ct2Variable* v = vars.find(std::string(stack) + "/position_encodings/encodings");
    if (v == nullptr || v->type != Ct2Type::float32 || v->shape != std::vector<int64_t>{c.max_positions, c.d_model} ||
        v->bytes.compare(0, v->bytes.size(), reinterpret_cast<const char*>(heed.data()), v->bytes.size()) != 0)
      return false;
  }
  return true;
}

// The SentencePiece model: the option's, or the directory's.
std::string find_sentencepiece(const std::string& dir, const Ct2ImportOptions& o) {
  if (!o.sentencepiece.empty()) return o.sentencepiece;
  for (const char* name : {"sentencepiece.model", "spm.model", "source.spm"})
    if (file_exists(dir + "/" + name)) return dir + "/" + name;
  fail("{} holds no SentencePiece model (sentencepiece.model, spm.model or source.spm): give one with --sentencepiece", dir);
}

// The stored vocabularies are the SentencePiece model's own pieces with heed's ids (a heed model
// exported and imported again): the model is then an ordinary heed model.
bool is_plain_heed(const ModelConfig& c, const model::StoredVocabularies& v, const std::string& spm, const std::string& origin) {
  if (!c.share_embeddings || c.ids != model::TokenIds{} || v.source != v.target) return false;
  try {
    const auto tok = text::Tokenizer::from_bytes(spm, origin);
    if (tok.vocab_size() != static_cast<int>(v.target.size())) return false;
    for (int32_t i = 0; i < tok.vocab_size(); ++i)
      if (tok.piece(i) != v.target[i]) return false;
    return true;
  } catch (const Error&) {
    return false;  // not heed's special ids
  }
}

}  // namespace

ImportedModel import_ctranslate2(const std::string& dir, const Ct2ImportOptions& options) {
  HEED_CHECK(fs::is_directory(dir), "{} is not a directory (a CTranslate2 model directory holds model.bin)", dir);
  const std::string bin = dir + "/model.bin";
  HEED_CHECK(file_exists(bin), "{} has no model.bin: not a CTranslate2 model directory", dir);
  const Ct2Model ct2 = read_ct2_model(bin);
  refuse_unsupported(ct2, bin);
  const Ct2Config config = read_config(dir);
  ImportedModel out;
  out.vocabularies = read_vocabularies(dir);
  Variables vars(ct2, bin);
  read_harmless(vars);
  ModelConfig c = infer_config(vars, config, out.vocabularies, dir);
  if (stores_heed_sinusoids(vars, c)) c.positions = model::Positions::sinusoidal;
  const std::string spm_path = find_sentencepiece(dir, options);
  out.tokenizer = read_file(spm_path);
  text::Tokenizer::with_vocabularies(out.tokenizer, spm_path, {out.vocabularies.source, out.vocabularies.target,
                                                               c.ids.source_unk, c.ids.target_unk});  // a check
  if (is_plain_heed(c, out.vocabularies, out.tokenizer, spm_path)) {
    c.stored_vocabularies = false;
    out.vocabularies = {};
  }
  out.params = std::make_unique<model::Parameters>(c);
  copy_weights(vars, *out.params);
  const std::string unread = vars.unread();
  HEED_CHECK(unread.empty(), "{}: variable '{}' belongs to a variant heed does not support", bin, unread);
  for (const auto& [name, v] : ct2.variables)
    if (v.shape.size() == 2) ++out.source_types[ct2_type_name(v.type)];
  out.metadata["imported_from"] = "ctranslate2";
  if (config.raw.contains("heed_metadata") && config.raw["heed_metadata"].is_object())
    for (const auto& [key, value] : config.raw["heed_metadata"].items())
      if (value.is_string() && key != "config" && key != "format" && key != "format_version")
        out.metadata[key] = value.get<std::string>();
  return out;
}

}  // namespace heed::convert

namespace heed::convert {

namespace {

int8_t ct2_activation(ops::Activation a) {
  switch (a) {
    case ops::Activation::relu: return 0;
    case ops::Activation::gelu_tanh: return 1;
    case ops::Activation::silu: return 2;
    case ops::Activation::gelu: return 3;
    case ops::Activation::gelu_sigmoid: return 4;
  }
  return 0;
}

// Adds CTranslate2's variables from heed's tensors.
class VariableWriter {
 public:
  explicit VariableWriter(Ct2Model& m) : m_(m) {}
  void put(const std::string& name, const Tensor& t) { m_.variables[name] = ct2_floats(t); }
  void norm(const std::string& name, const model::NormWeights& w) {
    put(name + "/gamma", w.gamma);
    put(name + "/beta", w.beta);
  }
  void linear(const std::string& name, const Tensor& w, const Tensor& b) {
    put(name + "/weight", w);
    if (b.defined()) put(name + "/bias", b);
  }
  void attention(const std::string& name, const model::AttentionWeights& a, bool self) {
    if (self) {
      linear(name + "/linear_0", a.qkv, a.qkv_b);
    } else {
      linear(name + "/linear_0", a.q, a.q_b);
      linear(name + "/linear_1", a.kv, a.kv_b);
    }
    linear(name + (self ? "/linear_1" : "/linear_2"), a.out.w, a.out.b);
  }
  void stack_scalars(const std::string& stack, const ModelConfig& c) {
    m_.variables[stack + "/num_heads"] = ct2_int16(static_cast<int16_t>(c.heads));
    m_.variables[stack + "/pre_norm"] = ct2_int8_flag(c.norm == model::NormPlacement::pre);
    Ct2Variable act = ct2_int8_flag(false);
    act.bytes[0] = static_cast<char>(ct2_activation(c.activation));
    m_.variables[stack + "/activation"] = act;
    m_.variables[stack + "/scale_embeddings"] = ct2_int8_flag(c.scale_embeddings);
  }

 private:
  Ct2Model& m_;
};

Ct2Model to_ct2(const model::Parameters& p) {
  const ModelConfig& c = p.config();
  const auto& w = p.weights();
  Ct2Model m;
  VariableWriter out(m);
  out.stack_scalars("encoder", c);
  out.stack_scalars("decoder", c);
  m.variables["encoder/embeddings_merge"] = ct2_int8_flag(false);
  m.variables["decoder/alignment_layer"] = ct2_int16(-1);
  m.variables["decoder/alignment_heads"] = ct2_int16(1);
  m.variables["decoder/start_from_zero_embedding"] = ct2_int8_flag(c.zero_start_embedding);
  for (const char* off : {"decoder/alibi", "decoder/alibi_use_positive_positions", "decoder/scale_alibi",
                          "encoder/multi_query_attention"})
    m.variables[off] = ct2_int8_flag(false);
  // One stored table, the other names aliases to it, as CTranslate2's own converters store tied
  // weights (the alphabetically first name keeps the values).
  out.put("decoder/embeddings/weight", w.embed);
  if (c.share_embeddings) m.aliases["encoder/embeddings_0/weight"] = "decoder/embeddings/weight";
  else out.put("encoder/embeddings_0/weight", w.src_embed);
  if (c.tie_embeddings) m.aliases["decoder/projection/weight"] = "decoder/embeddings/weight";
  else out.put("decoder/projection/weight", w.out);
  if (c.output_bias) out.put("decoder/projection/bias", w.out_b);
  // heed's sinusoids are interleaved, CTranslate2's built-in ones are not: the table is stored.
  out.put("decoder/position_encodings/encodings", p.decoder_positions());
  if (p.encoder_positions().to_vector() == p.decoder_positions().to_vector())  // sinusoids: one table
    m.aliases["encoder/position_encodings/encodings"] = "decoder/position_encodings/encodings";
  else
    out.put("encoder/position_encodings/encodings", p.encoder_positions());
  for (int64_t i = 0; i < c.encoder_layers; ++i) {
    const std::string t = "encoder/layer_" + std::to_string(i);
    out.attention(t + "/self_attention", w.enc[i].self_attn, true);
    out.norm(t + "/self_attention/layer_norm", w.enc[i].self_attn_norm);
    out.linear(t + "/ffn/linear_0", w.enc[i].fc1.w, w.enc[i].fc1.b);
    out.linear(t + "/ffn/linear_1", w.enc[i].fc2.w, w.enc[i].fc2.b);
    out.norm(t + "/ffn/layer_norm", w.enc[i].ffn_norm);
  }
  for (int64_t i = 0; i < c.decoder_layers; ++i) {
    const std::string t = "decoder/layer_" + std::to_string(i);
    const auto& l = w.dec[i];
    out.attention(t + "/self_attention", l.self_attn, true);
    out.norm(t + "/self_attention/layer_norm", l.self_attn_norm);
    out.attention(t + "/attention", l.cross_attn, false);
    out.norm(t + "/attention/layer_norm", l.cross_attn_norm);
    out.linear(t + "/ffn/linear_0", l.fc1.w, l.fc1.b);
    out.linear(t + "/ffn/linear_1", l.fc2.w, l.fc2.b);
    out.norm(t + "/ffn/layer_norm", l.ffn_norm);
  }
  if (c.has_final_norm()) {
    out.norm("encoder/layer_norm", w.enc_final);
    out.norm("decoder/layer_norm", w.dec_final);
  }
  return m;
}

// config.json: CTranslate2 names its special tokens once for both sides, so each must be the same
// piece on both.
nlohmann::ordered_json ct2_config(const model::ModelFile& file, const model::StoredVocabularies& v) {
  const ModelConfig& c = file.params->config();
  const auto& ids = c.ids;
  auto same = [&](int32_t source, int32_t target, const char* what) {
    HEED_CHECK(source < 0 || v.source.at(source) == v.target.at(target),
               "the model's source and target {} tokens differ ('{}' and '{}'); CTranslate2 has one for both", what,
               v.source.at(source), v.target.at(target));
    return v.target.at(target);
  };
  nlohmann::ordered_json j;
  j["add_source_bos"] = ids.source_bos >= 0;
  j["add_source_eos"] = ids.source_eos >= 0;
  j["bos_token"] = ids.source_bos >= 0 ? v.source.at(ids.source_bos) : ids.target_start != ids.target_eos
                                                                          ? v.target.at(ids.target_start)
                                                                          : std::string("<s>");
  j["decoder_start_token"] = v.target.at(ids.target_start);
  j["eos_token"] = same(ids.source_eos, ids.target_eos, "eos");
  j["layer_norm_epsilon"] = c.layer_norm_eps;
  j["multi_query_attention"] = false;
  j["unk_token"] = same(ids.source_unk, ids.target_unk, "unknown");
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  for (const auto& [key, value] : file.metadata) meta[key] = value;
  j["heed_metadata"] = meta;
  return j;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  HEED_CHECK(out.good(), "cannot write {}", path);
}

}  // namespace

model::StoredVocabularies vocabularies_of(const model::ModelFile& model) {
  if (model.params->config().stored_vocabularies) return model.vocabularies;
  const auto tok = text::Tokenizer::from_bytes(model.tokenizer, "tokenizer.spm");
  std::vector<std::string> pieces;
  for (int32_t i = 0; i < tok.vocab_size(); ++i) pieces.push_back(tok.piece(i));
  return {pieces, pieces};
}

void export_ctranslate2(const model::ModelFile& model, const std::string& dir, const Ct2ExportOptions& options) {
  std::error_code ec;
  HEED_CHECK(options.force || !fs::exists(dir, ec), "{} exists; give --force to replace it", dir);
  const model::StoredVocabularies v = vocabularies_of(model);
  const auto config = ct2_config(model, v);
  const std::string temporary = dir + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(temporary, ec);
  fs::create_directories(temporary);
  try {
    write_ct2_model(temporary + "/model.bin", to_ct2(*model.params));
    write_text(temporary + "/config.json", config.dump(2) + "\n");
    auto json_list = [](const std::vector<std::string>& tokens) { return nlohmann::json(tokens).dump(2) + "\n"; };
    if (v.source == v.target) {
      write_text(temporary + "/shared_vocabulary.json", json_list(v.target));
    } else {
      write_text(temporary + "/source_vocabulary.json", json_list(v.source));
      write_text(temporary + "/target_vocabulary.json", json_list(v.target));
    }
    if (!options.sentencepiece.empty()) write_text(temporary + "/" + options.sentencepiece, model.tokenizer);
    if (fs::exists(dir, ec)) fs::remove_all(dir);
    fs::rename(temporary, dir);
  } catch (...) {
    fs::remove_all(temporary, ec);
    throw;
  }
}

}  // namespace heed::convert
