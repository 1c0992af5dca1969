// heed train: trains a model on parallel text.
#include <fmt/format.h>

#include <fstream>

#include "command.h"
#include "heed/core/error.h"
#include "heed/core/signals.h"
#include "heed/model/model_file.h"
#include "heed/train/communicator.h"
#include "heed/train/trainer.h"
#include "train_reporter.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed train --train SRC TGT --valid SRC TGT --vocab V.model --model OUT.heed [options]\n\n"
    "Trains an encoder-decoder transformer. The best model by dev BLEU goes to OUT.heed, the latest\n"
    "state to OUT.last.heed and OUT.last.state (--resume continues it exactly); every validation\n"
    "appends to OUT.log.tsv and redraws OUT.curve.svg. Options may also come from an INI file\n"
    "(--config FILE, one 'option = value' a line); the command line wins.\n\n"
    "Under mpirun (heed built with MPI), each rank trains on its share of every step's batches and\n"
    "the gradients are summed: 'mpirun -np K heed train ...' takes the steps of --accumulate K.";

// The model's shape as the command line gives it: a preset, then single values over it.
struct ModelChoices {
  std::string preset, norm, positions, activation, tie;
  int64_t d_model = 0, heads = 0, ffn_dim = 0, encoder_layers = 0, decoder_layers = 0, max_positions = 0;
};

void add_model_options(po::options_description& options, ModelChoices& m) {
  options.add_options()
      ("preset", po::value(&m.preset)->default_value("small"), "tiny, small or base")
      ("d-model", po::value(&m.d_model), "model width")
      ("heads", po::value(&m.heads), "attention heads")
      ("ffn-dim", po::value(&m.ffn_dim), "feed-forward width")
      ("encoder-layers", po::value(&m.encoder_layers), "encoder blocks")
      ("decoder-layers", po::value(&m.decoder_layers), "decoder blocks")
      ("norm", po::value(&m.norm)->default_value("pre"), "pre or post")
      ("positions", po::value(&m.positions)->default_value("sinusoidal"), "sinusoidal or learned")
      ("max-positions", po::value(&m.max_positions), "longest sequence (default 1024)")
      ("activation", po::value(&m.activation)->default_value("relu"), "relu or gelu")
      ("tie-embeddings", po::value(&m.tie)->default_value("true"), "true or false");
}

model::ModelConfig model_config(const ModelChoices& m, const po::variables_map& vm) {
  model::ModelConfig c = model::preset(m.preset, 8000);  // the vocabulary sets vocab_size later
  if (vm.count("d-model")) c.d_model = m.d_model;
  if (vm.count("heads")) c.heads = m.heads;
  if (vm.count("ffn-dim")) c.ffn_dim = m.ffn_dim;
  if (vm.count("encoder-layers")) c.encoder_layers = m.encoder_layers;
  if (vm.count("decoder-layers")) c.decoder_layers = m.decoder_layers;
  if (vm.count("max-positions")) c.max_positions = m.max_positions;
  if (m.tie != "true" && m.tie != "false") throw UsageError{"--tie-embeddings must be true or false", kUsage};
  try {
    c.norm = model::parse_norm(m.norm);
    c.positions = model::parse_positions(m.positions);
    c.activation = model::parse_activation(m.activation);
  } catch (const Error& e) {
    throw UsageError{fmt::format("--{}", e.what()), kUsage};
  }
  c.tie_embeddings = m.tie == "true";
  c.validate();
  return c;
}

// Training options that are parsed from text after the command line is read.
struct TextChoices {
  std::string time_limit, dtype, precision;
};

void add_training_options(po::options_description& options, train::TrainOptions& o, TextChoices& text) {
  options.add_options()
      ("max-length", po::value(&o.filter.max_length)->default_value(256), "drop pairs with a side longer than this (pieces)")
      ("max-length-ratio", po::value(&o.filter.max_ratio)->default_value(3.0), "drop pairs whose length ratio exceeds this")
      ("batch-tokens", po::value(&o.loop.batch_tokens)->default_value(4096), "padded tokens per batch")
      ("seed", po::value(&o.seed)->default_value(1), "seed of initialization, batch order and dropout")
      ("lr", po::value(&o.loop.lr)->default_value(7e-4f), "peak learning rate")
      ("warmup-steps", po::value(&o.loop.warmup_steps)->default_value(800), "linear warm-up, then inverse square root decay")
      ("label-smoothing", po::value(&o.loop.label_smoothing)->default_value(0.1f), "label smoothing")
      ("dropout", po::value(&o.loop.dropout)->default_value(0.1f), "dropout of embeddings, sublayer outputs, FFN activations")
      ("attention-dropout", po::value(&o.loop.attention_dropout)->default_value(0.0f), "dropout of attention weights")
      ("clip-norm", po::value(&o.loop.clip_norm)->default_value(1.0f), "clip gradients to this global norm (0: off)")
      ("accumulate", po::value(&o.loop.accumulate)->default_value(1), "batches per optimizer step")
      ("time-limit", po::value(&text.time_limit), "stop after this much training (45s, 90m, 2h), resumed runs included")
      ("max-steps", po::value(&o.loop.max_steps)->default_value(0), "stop after this many steps (0: no limit)")
      ("max-epochs", po::value(&o.loop.max_epochs)->default_value(0), "stop after this many epochs (0: no limit)")
      ("patience", po::value(&o.loop.patience)->default_value(0), "stop after this many validations without a better BLEU (0: never)")
      ("valid-every", po::value(&o.loop.valid_every)->default_value(1000), "steps between validations")
      ("keep-snapshots", po::value(&o.output.keep_snapshots)->default_value(0), "write OUT.stepS.heed at each validation and keep the newest N (for heed average)")
      ("valid-beam", po::value(&o.valid_beam)->default_value(4), "beam size of validation translations (1: greedy)")
      ("log-every", po::value(&o.loop.log_every)->default_value(100), "steps between log lines (when stderr is not a terminal)")
      ("dtype", po::value(&text.dtype)->default_value("f32"), "weight type of OUT.heed: f32, f16, bf16 or int8")
      ("precision", po::value(&text.precision)->default_value("f32"),
       "type of the products in forward and backward: f32, or bf16 (bfloat16 operands, fp32 accumulation; "
       "weights, gradients and optimizer state stay fp32; needs AVX-512 BF16)")
      ("resume", "continue from OUT.last.heed and OUT.last.state");
}

// Options from an INI file; those already on the command line are kept.
void read_config_file(const std::string& path, const po::options_description& options, po::variables_map& vm) {
  std::ifstream ini(path);
  if (!ini) fail("cannot read the configuration file {}", path);
  try {
    po::store(po::parse_config_file(ini, options), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{fmt::format("{}: {}", path, e.what()), kUsage};
  }
}

}  // namespace

int run_train(const std::vector<std::string>& args) {
  train::TrainOptions o;
  std::vector<std::string> train_files, valid_files;
  std::string config_file;
  TextChoices text;
  ModelChoices model_choices;
  po::options_description options("train");
  options.add_options()
      ("train", po::value(&train_files)->multitoken()->required(), "training source and target files")
      ("valid", po::value(&valid_files)->multitoken()->required(), "validation source and target files")
      ("vocab", po::value(&o.vocab)->required(), "SentencePiece model (trained from --train if missing)")
      ("vocab-size", po::value(&o.vocab_size)->default_value(8000), "pieces of a vocabulary trained here")
      ("model", po::value(&o.output.model)->required(), "output model OUT.heed")
      ("data-cache", po::value(&o.data_cache), "folder of the tokenized training data (default: the model's folder)")
      ("prepare-only", "tokenize the training data into its cache, then stop (for a cluster's shared disk)")
      ("config", po::value(&config_file), "INI file of options");
  add_model_options(options, model_choices);
  add_training_options(options, o, text);
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  if (vm.count("config")) read_config_file(config_file, options, vm);
  if (train_files.size() != 2) throw UsageError{"--train takes two files: source and target", kUsage};
  if (valid_files.size() != 2) throw UsageError{"--valid takes two files: source and target", kUsage};
  o.train_src = train_files[0];
  o.train_tgt = train_files[1];
  o.valid_src = valid_files[0];
  o.valid_tgt = valid_files[1];
  o.resume = vm.count("resume") > 0;
  o.prepare_only = vm.count("prepare-only") > 0;
  if (o.output.keep_snapshots < 0) throw UsageError{"--keep-snapshots must be 0 or more", kUsage};
  if (!text.time_limit.empty()) o.loop.time_limit_seconds = train::parse_duration(text.time_limit);
  o.output.dtype = model::parse_weight_dtype(text.dtype);
  o.loop.precision = ops::parse_compute_type(text.precision);
  if (o.loop.precision == ops::ComputeType::int8) throw UsageError{"--precision is f32 or bf16 (int8 is for translation)", kUsage};
  if (const std::string why = ops::compute_type_unavailable(o.loop.precision); !why.empty()) fail("--precision {}: {}", text.precision, why);
  o.config = model_config(model_choices, vm);
  HEED_CHECK(o.filter.max_length + 1 <= o.config.max_positions,
             "--max-length {} does not fit the model's {} positions", o.filter.max_length, o.config.max_positions);
  o.output.command_line = "heed train";
  for (const auto& a : args) o.output.command_line += " " + a;
  // SIGINT and SIGTERM stop training after its step, with a checkpoint; they are waited for by a
  // thread of their own, started before MPI's and OpenMP's threads so that those block them.
  SignalWatcher signals([](int signal) { train::request_stop(signal); });
  // Under mpirun, every rank runs this same command; they train as one (data parallelism).
  auto& comm = train::Communicator::world();
  comm.init();
  TrainReporter reporter(o.output.model);
  const int code = train::train(o, reporter);
  comm.finalize();
  return code;
}

}  // namespace heed::cli
