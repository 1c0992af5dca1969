// heed translate: files, pipes and people at a terminal.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "heed/cli/command.h"
#include "heed/cli/loaded_model.h"
#include "heed/cli/streams.h"
#include "heed/core/error.h"
#include "heed/decode/attention_svg.h"
#include "heed/decode/translator.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed translate [-m MODEL.heed] [-i IN] [-o OUT] [options]\n\n"
    "Translates one sentence per line, stdin to stdout by default. Without -m it uses the shipped\n"
    "model, models/bible-es-en.heed (or $HEED_MODEL). Through a pipe, each line's translation is\n"
    "written as soon as it is done; at a terminal, each line is translated when Enter is pressed.";

constexpr const char* kShippedModel = "models/bible-es-en.heed";

std::string default_model() {
  if (const char* env = std::getenv("HEED_MODEL")) return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      const auto candidate = dir / kShippedModel;
      if (std::filesystem::exists(candidate)) return candidate.string();
    }
  }
  if (std::filesystem::exists(kShippedModel)) return kShippedModel;
  fail("no model given (-m) and no shipped model found ({} beside heed, or $HEED_MODEL)", kShippedModel);
}

void progress(size_t done, double seconds) {
  fmt::print(stderr, "\r{} sentences, {:.1f} s, {:.1f} sentences/s   ", done, seconds, done / std::max(seconds, 1e-9));
}

}  // namespace

int run_translate(const std::vector<std::string>& args) {
  std::string model_path, input, output, svg_dir;
  decode::TranslatorOptions t;
  po::options_description options("translate");
  options.add_options()
      ("model,m", po::value(&model_path), "model file (default: the shipped model)")
      ("input,i", po::value(&input)->default_value("-"), "input (- for stdin)")
      ("output,o", po::value(&output)->default_value("-"), "output (- for stdout)")
      ("beam-size,b", po::value(&t.search.beam_size)->default_value(4), "beam size (1: greedy search)")
      ("length-penalty", po::value(&t.search.length_penalty)->default_value(0.6f), "GNMT length penalty alpha")
      ("max-length-a", po::value(&t.search.max_length_a)->default_value(1.5f), "at most a * source + b target pieces")
      ("max-length-b", po::value(&t.search.max_length_b)->default_value(10), "at most a * source + b target pieces")
      ("n-best", po::value(&t.search.n_best)->default_value(1), "print the K best as 'i ||| translation ||| log p'")
      ("batch-tokens", po::value(&t.batch_tokens)->default_value(1024), "source tokens per batch (memory grows with it and the beam)")
      ("max-sentences", po::value(&t.max_sentences)->default_value(256), "sentences per batch")
      ("alignment", "append ' ||| ' and a word alignment (Pharaoh src-tgt pairs)")
      ("attention-svg", po::value(&svg_dir), "write DIR/K.svg, a picture of the cross-attention of line K, and DIR/index.html")
      ("attention-layer", po::value(&t.search.attention_layer)->default_value(-1), "decoder layer of the pictures (-1: the last)")
      ("attention-head", po::value(&t.search.attention_head)->default_value(-1), "head of the pictures (-1: the mean of all heads)")
      ("quiet,q", "no summary line");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  if (t.search.beam_size < 1) throw UsageError{"--beam-size must be at least 1", kUsage};
  if (t.search.n_best < 1 || t.search.n_best > t.search.beam_size)
    throw UsageError{"--n-best must be between 1 and the beam size", kUsage};
  if (t.batch_tokens < 1 || t.max_sentences < 1) throw UsageError{"batch sizes must be positive", kUsage};
  const bool alignment = vm.count("alignment") > 0, quiet = vm.count("quiet") > 0;
  const bool pictures = !svg_dir.empty();
  t.search.attention = alignment || pictures;
  if (pictures) {
    std::error_code ec;
    std::filesystem::create_directories(svg_dir, ec);
    if (ec) fail("cannot create the attention picture folder {}: {}", svg_dir, ec.message());
  }
  std::vector<decode::IndexEntry> index;
  if (model_path.empty()) model_path = default_model();

  const LoadedModel loaded = load_model_with_tokenizer(model_path);
  decode::Translator translator(*loaded.file.params, loaded.tokenizer, t);
  LineReader in(input);
  LineOutput out(output);
  const bool interactive = in.is_terminal();
  const bool show_progress = !interactive && ::isatty(STDERR_FILENO) && !quiet;
  if (interactive) fmt::print(stderr, "heed: translating with {}; type a sentence and press Enter (Ctrl-D ends)\n> ", model_path);

  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  size_t done = 0;
  int64_t target_pieces = 0;
  // Lines are gathered while more input is waiting (a whole file, a burst through a pipe), up to a
  // window that keeps memory bounded; then translated in length-sorted batches and written in order.
  constexpr size_t kWindow = 8192;
  std::vector<std::string> window;
  std::string line;
  while (in.next(line)) {  // waits for the first line of a window
    window.clear();
    const int64_t first_line = in.line_number();
    window.push_back(checked_utf8(std::move(line), in));
    while (window.size() < kWindow && in.ready() && in.next(line)) window.push_back(checked_utf8(std::move(line), in));
    const auto translations = translator.translate(window, [&](size_t i, const std::string& message) {
      fmt::print(stderr, "warning: {}:{}: {}\n", in.name(), first_line + static_cast<int64_t>(i), message);
    });
    for (size_t i = 0; i < translations.size(); ++i) {
      const auto& tr = translations[i];
      target_pieces += tr.target_pieces;
      if (pictures) {
        const auto& best = tr.candidates.front();
        const auto line_number = static_cast<int64_t>(done + i + 1);
        decode::IndexEntry entry{line_number, "", window[i], best.text};
        if (!best.attention.empty()) {
          entry.file = fmt::format("{}.svg", line_number);
          decode::AttentionPicture picture{window[i], best.text, best.source_pieces, best.target_pieces, best.attention,
                                           fmt::format("cross-attention, decoder layer {}, {}",
                                                       t.search.attention_layer < 0 ? loaded.config().decoder_layers : t.search.attention_layer + 1,
                                                       t.search.attention_head < 0 ? "mean of all heads" : fmt::format("head {}", t.search.attention_head + 1))};
          AtomicFile file((std::filesystem::path(svg_dir) / entry.file).string());
          file.stream() << decode::attention_svg(picture);
          file.commit();
        }
        index.push_back(std::move(entry));
      }
      if (t.search.n_best > 1) {
        for (const auto& c : tr.candidates) {
          std::string row = fmt::format("{} ||| {} ||| {:.6f}", done + i, c.text, c.log_prob);
          if (alignment) row += " ||| " + c.alignment;
          out.write_line(row);
        }
      } else {
        const auto& best = tr.candidates.front();
        out.write_line(alignment ? best.text + " ||| " + best.alignment : best.text);
      }
    }
    done += translations.size();
    if (interactive) {
      out.flush();
      fmt::print(stderr, "> ");
    } else {
      out.flush_if_input_idle(in);
    }
    if (show_progress) progress(done, seconds());
  }
  out.close();
  if (pictures) {
    AtomicFile file((std::filesystem::path(svg_dir) / "index.html").string());
    file.stream() << decode::attention_index_html(index, "heed: attention of " + (input == "-" ? std::string("stdin") : input));
    file.commit();
  }
  if (interactive) fmt::print(stderr, "\n");
  if (!quiet) {
    const double s = seconds();
    fmt::print(stderr, "{}translated {} sentences, {} target pieces in {:.2f} s: {:.2f} sentences/s, {:.1f} pieces/s\n",
               show_progress ? "\n" : "", done, target_pieces, s, done / std::max(s, 1e-9), target_pieces / std::max(s, 1e-9));
  }
  return 0;
}

}  // namespace heed::cli
