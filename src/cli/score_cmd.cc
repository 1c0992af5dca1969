// heed score: forced-decoding scores, one natural-log probability per sentence pair.
#include <fmt/format.h>

#include "command.h"
#include "streams.h"
#include "heed/app/compute_type.h"
#include "heed/decode/scorer.h"
#include "heed/text/lines.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed score -m MODEL.heed --src SRC --tgt TGT [-o OUT] [--batch-tokens N]\n\n"
    "Prints, for each line pair, log p(target | source): the sum over the target's pieces and eos\n"
    "of the natural-log probability, with no length normalization. --compute-type (default f32, the\n"
    "reference's arithmetic) scores as heed translate computes with that type.";

}  // namespace

int run_score(const std::vector<std::string>& args) {
  std::string model_path, src_path, tgt_path, output, compute;
  int64_t batch_tokens = 4096;
  po::options_description options("score");
  options.add_options()
      ("model,m", po::value(&model_path)->required(), "model file")
      ("src", po::value(&src_path)->required(), "source sentences, one a line")
      ("tgt", po::value(&tgt_path)->required(), "target sentences, one a line")
      ("output,o", po::value(&output)->default_value("-"), "scores (- for stdout)")
      ("batch-tokens", po::value(&batch_tokens)->default_value(4096), "padded tokens per batch")
      ("compute-type", po::value(&compute)->default_value("f32"), "products in f32, bf16, int8 or auto (as heed translate)");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  if (batch_tokens < 1) throw UsageError{"--batch-tokens must be positive", kUsage};

  const decode::LoadedModel loaded = decode::load_model_with_tokenizer(model_path, {app::choose_compute_type(compute), /*inference_only=*/true});
  decode::ScoreOptions o;
  o.batch_tokens = batch_tokens;
  o.source_name = src_path;
  o.target_name = tgt_path;
  const auto sources = text::read_text_lines(src_path, print_line_warning);
  const auto targets = text::read_text_lines(tgt_path, print_line_warning);
  const auto scores = decode::Scorer(loaded).score(sources, targets, o);
  LineOutput out(output);
  for (double score : scores) out.write_line(fmt::format("{:.6f}", score));
  out.close();
  return 0;
}

}  // namespace heed::cli
