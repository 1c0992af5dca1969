// heed info: what a model file holds.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "command.h"
#include "heed/decode/loaded_model.h"
#include "heed/core/error.h"

namespace heed::cli {
namespace {

// The largest absolute difference between two models' weights (of the same configuration): to
// check that two runs or two ranks agree, or how far an averaged or converted model moved.
void print_comparison(const decode::LoadedModel& m, const std::string& other_path) {
  const decode::LoadedModel other = decode::load_model_with_tokenizer(other_path);
  HEED_CHECK(other.config().to_json() == m.config().to_json(),
             "cannot compare with {}: its model configuration differs", other_path);
  const Tensor& a = m.file.params->flat();
  const Tensor& b = other.file.params->flat();
  double largest = 0;
  int64_t differing = 0;
  for (int64_t i = 0; i < a.numel(); ++i) {
    const double d = std::fabs(static_cast<double>(a.data()[i]) - b.data()[i]);
    largest = std::isnan(d) ? d : std::max(largest, d);
    differing += d != 0;
  }
  fmt::print("compare        {}: max |difference| {:.3g}; {} of {} weights differ\n", other_path, largest, differing,
             a.numel());
}

// The variants of an imported model (docs/model-format.md), in one line.
std::string imported_summary(const model::ModelConfig& c) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (c.stored_vocabularies)
    add(fmt::format("own vocabularies ({} source, {} target pieces)", c.source_vocab(), c.vocab_size));
  if (!c.share_embeddings) add("separate source embeddings");
  if (c.attention_bias) add("attention biases");
  if (c.output_bias) add("output bias");
  if (!c.scale_embeddings) add("unscaled embeddings");
  if (!c.final_norm) add("no final norm");
  if (c.zero_start_embedding) add("zero start embedding");
  const auto& i = c.ids;
  add(fmt::format("ids source pad {} unk {} bos {} eos {}, target pad {} unk {} start {} eos {}", i.source_pad,
                  i.source_unk, i.source_bos, i.source_eos, i.target_pad, i.target_unk, i.target_start, i.target_eos));
  return out;
}

}  // namespace

int run_info(const std::vector<std::string>& args) {
  std::string model_path, compare;
  po::options_description options("info");
  options.add_options()("model,m", po::value(&model_path)->required(), "model file")(
      "compare", po::value(&compare), "also print the largest weight difference from this model");
  po::positional_options_description positional;
  positional.add("model", 1);
  po::variables_map vm;
  if (!parse_options(args, "usage: heed info MODEL.heed [--compare OTHER.heed]", options, vm, &positional)) return 0;

  const decode::LoadedModel m = decode::load_model_with_tokenizer(model_path);
  const auto& c = m.config();
  fmt::print("model          {}\n", model_path);
  fmt::print("parameters     {} ({:.2f}M)\n", m.file.params->count(), m.file.params->count() / 1e6);
  fmt::print("vocabulary     {} pieces (embedded SentencePiece model, {} bytes)\n", c.vocab_size,
             m.file.tokenizer.size());
  std::string dtypes;
  for (const auto& [name, count] : m.file.dtype_counts) dtypes += fmt::format("{}{} x{}", dtypes.empty() ? "" : ", ", name, count);
  fmt::print("weights        {}\n", dtypes);
  fmt::print("d_model        {}\nheads          {}\nffn_dim        {}\n", c.d_model, c.heads, c.ffn_dim);
  fmt::print("layers         {} encoder + {} decoder\n", c.encoder_layers, c.decoder_layers);
  fmt::print("norm           {}\npositions      {} (max {})\nactivation     {}\n", to_string(c.norm),
             to_string(c.positions), c.max_positions, model::to_string(c.activation));
  fmt::print("tie_embeddings {}\nlayer_norm_eps {}\n", c.tie_embeddings ? "true" : "false", c.layer_norm_eps);
  if (c.stored_vocabularies || c.attention_bias || c.output_bias || !c.scale_embeddings || !c.final_norm ||
      !c.share_embeddings || c.zero_start_embedding || c.ids != model::TokenIds{})
    fmt::print("imported       {}\n", imported_summary(c));
  for (const auto& [key, value] : m.file.metadata)
    if (key != "config" && key != "format" && key != "format_version")
      fmt::print("meta {:<9} {}\n", key, value);
  if (!compare.empty()) print_comparison(m, compare);
  return 0;
}

}  // namespace heed::cli
