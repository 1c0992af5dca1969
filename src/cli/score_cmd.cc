// heed score: forced-decoding scores, one natural-log probability per sentence pair.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "heed/cli/command.h"
#include "heed/cli/loaded_model.h"
#include "heed/cli/streams.h"
#include "heed/core/error.h"
#include "heed/model/transformer.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed score -m MODEL.heed --src SRC --tgt TGT [-o OUT] [--batch-tokens N]\n\n"
    "Prints, for each line pair, log p(target | source): the sum over the target's pieces and eos\n"
    "of the natural-log probability, with no length normalization.";

}  // namespace

int run_score(const std::vector<std::string>& args) {
  std::string model_path, src_path, tgt_path, output;
  int64_t batch_tokens = 4096;
  po::options_description options("score");
  options.add_options()
      ("model,m", po::value(&model_path)->required(), "model file")
      ("src", po::value(&src_path)->required(), "source sentences, one a line")
      ("tgt", po::value(&tgt_path)->required(), "target sentences, one a line")
      ("output,o", po::value(&output)->default_value("-"), "scores (- for stdout)")
      ("batch-tokens", po::value(&batch_tokens)->default_value(4096), "padded tokens per batch");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  if (batch_tokens < 1) throw UsageError{"--batch-tokens must be positive", kUsage};

  const LoadedModel loaded = load_model_with_tokenizer(model_path);
  const auto src = read_text_lines(src_path), tgt = read_text_lines(tgt_path);
  HEED_CHECK(src.size() == tgt.size(), "{} has {} lines but {} has {}", src_path, src.size(),
             tgt_path, tgt.size());
  const int64_t max_len = loaded.config().max_positions;
  std::vector<std::vector<int32_t>> src_ids, tgt_ids;
  for (size_t i = 0; i < src.size(); ++i) {
    src_ids.push_back(loaded.tokenizer.encode_ids(src[i]));
    tgt_ids.push_back(loaded.tokenizer.encode_ids(tgt[i]));
    for (const auto& [ids, path] : {std::pair{&src_ids.back(), &src_path}, std::pair{&tgt_ids.back(), &tgt_path}})
      HEED_CHECK(static_cast<int64_t>(ids->size()) + 1 <= max_len,
                 "{}:{}: {} pieces (with eos) exceed the model's {} positions", *path, i + 1,
                 ids->size() + 1, max_len);
  }

  // Sentences of similar length together; scores go back in input order.
  std::vector<size_t> order(src.size());
  std::iota(order.begin(), order.end(), 0);
  auto cost = [&](size_t i) { return std::max(src_ids[i].size(), tgt_ids[i].size()) + 1; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost(a) < cost(b); });
  std::vector<double> scores(src.size());
  model::Transformer transformer(*loaded.file.params);
  Rng rng(1);
  for (size_t start = 0; start < order.size();) {
    size_t end = start + 1;
    while (end < order.size() && static_cast<int64_t>(cost(order[end]) * (end - start + 1)) <= batch_tokens) ++end;
    std::vector<std::vector<int32_t>> s, t;
    for (size_t k = start; k < end; ++k) {
      s.push_back(src_ids[order[k]]);
      t.push_back(tgt_ids[order[k]]);
    }
    const model::Batch batch = model::make_batch(s, t);
    transformer.forward(batch, {}, rng);
    const auto batch_scores = transformer.sentence_scores(batch);
    for (size_t k = start; k < end; ++k) scores[order[k]] = batch_scores[k - start];
    start = end;
  }
  LineOutput out(output);
  for (double score : scores) out.write_line(fmt::format("{:.6f}", score));
  out.close();
  return 0;
}

}  // namespace heed::cli
