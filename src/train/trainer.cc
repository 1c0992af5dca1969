#include "heed/train/trainer.h"

#include <fmt/format.h>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/core/parallel.h"
#include "heed/core/random.h"
#include "heed/train/training_data.h"

namespace heed::train {
namespace {

// The first rank trains a missing vocabulary; the others wait for it (a shared file system).
void prepare_vocabulary(const TrainOptions& o, Communicator& comm, Reporter& reporter) {
  if (comm.is_root() && !file_exists(o.vocab)) {
    HEED_CHECK(!o.resume, "cannot resume: the vocabulary {} is missing", o.vocab);
    std::string prefix = o.vocab;
    if (prefix.size() > 6 && prefix.compare(prefix.size() - 6, 6, ".model") == 0) prefix.resize(prefix.size() - 6);
    HEED_CHECK(prefix + ".model" == o.vocab, "--vocab must name a .model file, not {}", o.vocab);
    reporter.note(fmt::format("training a vocabulary of {} pieces: {}", o.vocab_size, o.vocab));
    text::TokenizerTrainOptions t;
    t.inputs = {o.train_src, o.train_tgt};
    t.model_prefix = prefix;
    t.vocab_size = o.vocab_size;
    t.seed = static_cast<uint32_t>(o.seed);
    t.threads = thread_count();
    text::train_tokenizer(t);
  }
  comm.barrier();
}

void report_data(const TrainOptions& o, const TrainingData& data, Reporter& reporter) {
  const auto& st = data.train.stats;
  reporter.note(fmt::format(
      "training data: {} pairs read, {} kept; dropped {} with an empty side, {} longer than {} pieces, {} with a "
      "length ratio over {}",
      st.read, st.kept, st.empty, st.too_long, o.filter.max_length, st.bad_ratio, o.filter.max_ratio));
  HEED_CHECK(st.kept > 0, "no training pair is left after filtering {} and {}", o.train_src, o.train_tgt);
  HEED_CHECK(data.dev.pairs.size() > 0, "the validation data ({}) has no usable pair", o.valid_src);
  if (data.dev.stats.kept < data.dev.stats.read)
    reporter.note(fmt::format(
        "validation data: {} of {} pairs kept (the others are empty on a side or longer than the model's positions)",
        data.dev.stats.kept, data.dev.stats.read));
}

// The weights, the optimizer and the state a run starts from.
struct Start {
  std::unique_ptr<model::Parameters> params;
  std::unique_ptr<Adam> adam;
  TrainingState state;
};

Start resume(const TrainOptions& o, Checkpoints& checkpoints, Reporter& reporter) {
  Resumed r = checkpoints.resume(o.vocab);
  const std::string warning = r.warning;
  Start s{std::move(r.params), nullptr, std::move(r.state)};
  s.adam = std::make_unique<Adam>(s.params->flat().numel(), AdamOptions{});
  s.adam->restore(s.state.adam_m, s.state.adam_v, s.state.step);
  reporter.note(fmt::format("resuming {}.last.heed at step {}, epoch {}, batch {} ({} trained)", checkpoints.base(),
                            s.state.step, s.state.epoch, s.state.batch, format_duration(s.state.elapsed_seconds)));
  if (s.state.packed)
    reporter.note("the run was packed (heed pack): Adam's first moment starts again from zero, its second from the "
                  "packed estimate; the weights are those of the F16 checkpoint");
  if (!warning.empty()) reporter.note(warning);
  return s;
}

Start initialize(const TrainOptions& o, const text::Tokenizer& tokenizer) {
  model::ModelConfig config = o.config;
  config.vocab_size = tokenizer.vocab_size();
  Start s;
  s.params = std::make_unique<model::Parameters>(config);
  Rng init(o.seed);
  s.params->initialize(init);
  s.adam = std::make_unique<Adam>(s.params->flat().numel(), AdamOptions{});
  s.state.seed = o.seed;
  s.state.config = config.to_json();
  return s;
}

void report_model(const TrainOptions& o, const model::Parameters& params, const Communicator& comm, Reporter& reporter) {
  const double millions = static_cast<double>(params.count()) / 1e6;
  if (comm.distributed())
    reporter.note(fmt::format("model: {:.2f}M parameters; {} ranks of {} threads; {} products", millions, comm.size(),
                              thread_count(), ops::compute_type_name(o.loop.precision)));
  else
    reporter.note(fmt::format("model: {:.2f}M parameters, {} threads, {} products", millions, thread_count(),
                              ops::compute_type_name(o.loop.precision)));
}

}  // namespace

int train(const TrainOptions& o, Reporter& reporter) {
  HEED_CHECK(o.loop.accumulate >= 1, "--accumulate must be at least 1");
  HEED_CHECK(o.valid_beam >= 1, "--valid-beam must be at least 1");
  HEED_CHECK(o.loop.precision != ops::ComputeType::int8, "training runs its products in f32 or bf16, not int8");
  Communicator& comm = Communicator::world();
  Reporter& say = comm.is_root() ? reporter : silent_reporter();  // a distributed run reports once
  check_inputs(o);
  prepare_vocabulary(o, comm, say);
  const auto tokenizer = text::Tokenizer::from_file(o.vocab);
  const TrainingData data = load_training_data(o, tokenizer, comm, say);
  report_data(o, data, say);
  if (o.prepare_only) {
    say.note("data prepared; stopping before training (--prepare-only)");
    return 0;
  }
  Checkpoints checkpoints(o.output, tokenizer.serialized(), data.text_checksum);
  Start start = o.resume ? resume(o, checkpoints, say) : initialize(o, tokenizer);
  report_model(o, *start.params, comm, say);
  DevSetValidator validator(data.dev, tokenizer, {o.loop.batch_tokens, o.valid_beam});
  TrainingLoop loop(o.loop, {*start.params, *start.adam, start.state, data.train.pairs, validator, checkpoints, reporter,
                             comm, {}, {}});
  const LoopResult result = loop.run();
  // Interrupted runs exit as the shell expects of a signal (128 + its number), after the
  // checkpoint is safely written, so that scripts do not mistake them for finished ones.
  return result.signal > 0 ? 128 + result.signal : 0;
}

}  // namespace heed::train
