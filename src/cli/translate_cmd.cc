// heed translate: files, pipes and people at a terminal.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <filesystem>
#include <memory>
#include <optional>

#include "command.h"
#include "streams.h"
#include "heed/app/compute_type.h"
#include "heed/app/models.h"
#include "heed/core/error.h"
#include "heed/report/attention_svg.h"
#include "heed/decode/language_router.h"
#include "heed/decode/loaded_model.h"
#include "heed/decode/stream.h"
#include "heed/core/parallel.h"
#include "heed/doc/document.h"

namespace heed::cli {
namespace {

std::string usage() {
  std::string names;
  for (const auto& m : app::installed_models()) names += fmt::format("\n  {:<14} {}", m.name, m.path);
  if (names.empty()) names = fmt::format("\n  (none found; set {} to the folder of your models)", app::kModelsVariable);
  return fmt::format(
             "usage: heed translate [-m MODEL] [-i IN] [-o OUT] [options]\n\n"
             "Translates text line by line, stdin to stdout by default: each line's sentences are translated\n"
             "and put back in the line's layout, one output line per input line. MODEL is an installed model's\n"
             "name or a model file; without -m, {} (or, until it is installed, {}, or\n"
             "${}). Through a pipe, each line's translation is written as soon as it is done; at a\n"
             "terminal, each line is translated when Enter is pressed.\n\nInstalled models:",
             app::kDefaultModel, app::kFallbackModel, app::kModelVariable) +
         names;
}

void progress(int64_t done, double seconds) {
  fmt::print(stderr, "\r{} sentences, {:.1f} s, {:.1f} sentences/s   ", done, seconds, done / std::max(seconds, 1e-9));
}

// One line of output per translation, or the n-best list in Moses format.
void write_translation(LineOutput& out, int64_t index, const decode::Translation& tr, bool n_best, bool alignment) {
  if (!n_best) {
    const auto& best = tr.candidates.front();
    out.write_line(alignment ? best.text + " ||| " + best.alignment : best.text);
    return;
  }
  for (const auto& c : tr.candidates) {
    std::string row = fmt::format("{} ||| {} ||| {:.6f}", index, c.text, c.log_prob);
    if (alignment) row += " ||| " + c.alignment;
    out.write_line(row);
  }
}

// --source auto: every installed model into `target` (named SOURCE-TARGET), a translator each,
// and a router that sends each line to the model of its language.
struct AutoSource {
  std::vector<std::unique_ptr<decode::LoadedModel>> models;
  std::vector<std::unique_ptr<decode::Translator>> translators;
  std::unique_ptr<text::LanguageIdentifier> identifier;
  std::unique_ptr<decode::LanguageRouter> router;
  std::string description;
};

AutoSource load_auto_source(const std::string& target, const decode::TranslatorOptions& t, ops::ComputeType compute) {
  AutoSource a;
  std::vector<std::pair<std::string, app::InstalledModel>> into;  // (source, model)
  for (const auto& m : app::installed_models()) {
    std::string source, to;
    if (app::language_pair(m.name, source, to) && to == target && m.name == source + "-" + target)
      into.emplace_back(source, m);
  }
  HEED_CHECK(!into.empty(), "--source auto: no installed model translates into '{}' (models named LANG-{})", target, target);
  const std::string profile = app::language_profile();
  HEED_CHECK(!profile.empty(), "--source auto needs the language profile languages.lid beside the models ({})",
             app::models_folder_or_none());
  a.identifier = std::make_unique<text::LanguageIdentifier>(text::LanguageIdentifier::load(profile));
  a.router = std::make_unique<decode::LanguageRouter>(*a.identifier, target);
  for (const auto& [source, m] : into) {
    a.models.push_back(std::make_unique<decode::LoadedModel>(
        decode::load_model_with_tokenizer(m.path, {compute, /*inference_only=*/true})));
    decode::TranslatorOptions own = t;
    own.source_language = source;
    own.target_language = target;
    a.translators.push_back(std::make_unique<decode::Translator>(a.models.back()->params(), a.models.back()->tokenizer, own));
    a.router->add(source, *a.translators.back());
    a.description += (a.description.empty() ? "" : ", ") + m.name;
  }
  return a;
}

// The command line of heed translate, checked.
struct TranslateArgs {
  std::string model_name, input, output, svg_dir, compute, source, target;
  decode::TranslatorOptions t;
  bool alignment = false, quiet = false;
  std::optional<doc::DocumentFormat> document;  // a document read whole, not lines
  doc::DocumentOptions document_options;
};

// --format: a name, or auto (by the extension of -i; stdin and unknown extensions are text).
std::optional<doc::DocumentFormat> document_format(const std::string& format, const std::string& input,
                                                   const std::string& help) {
  std::optional<doc::DocumentFormat> f;
  if (format == "auto") f = input == "-" ? std::nullopt : doc::format_of_file_name(input);
  else if (!(f = doc::parse_document_format(format)))
    throw UsageError{fmt::format("unknown --format '{}' (auto, text, html, srt, vtt, docx, odt)", format), help};
  if (f == doc::DocumentFormat::text) f.reset();
  return f;
}

// False when --help was asked for (and printed).
bool parse_translate_args(const std::vector<std::string>& args, const std::string& help, TranslateArgs& a) {
  std::string split, format;
  auto& t = a.t;
  po::options_description options("translate");
  options.add_options()
      ("model,m", po::value(&a.model_name), "installed model name (es-en, en-es) or model file")
      ("source", po::value(&a.source), "auto: detect each line's language and use the installed model from it into --target")
      ("target", po::value(&a.target)->default_value("en"), "with --source auto: the language to translate into")
      ("input,i", po::value(&a.input)->default_value("-"), "input (- for stdin)")
      ("output,o", po::value(&a.output)->default_value("-"), "output (- for stdout)")
      ("beam-size,b", po::value(&t.search.beam_size)->default_value(4), "beam size (1: greedy search)")
      ("length-penalty", po::value(&t.search.length_penalty)->default_value(0.6f), "GNMT length penalty alpha")
      ("max-length-a", po::value(&t.search.max_length_a)->default_value(1.5f), "at most a * source + b target pieces")
      ("max-length-b", po::value(&t.search.max_length_b)->default_value(10), "at most a * source + b target pieces")
      ("n-best", po::value(&t.search.n_best)->default_value(1), "print the K best as 'i ||| translation ||| log p'")
      ("batch-tokens", po::value(&t.batch_tokens)->default_value(1024), "source tokens per batch (memory grows with it and the beam)")
      ("max-sentences", po::value(&t.max_sentences)->default_value(256), "sentences per batch")
      ("workers", po::value(&t.workers), "batches translated at once, sharing the threads (default: one per thread)")
      ("alignment", "append ' ||| ' and a word alignment (Pharaoh src-tgt pairs)")
      ("attention-svg", po::value(&a.svg_dir), "write DIR/K.svg, a picture of the cross-attention of line K, and DIR/index.html")
      ("attention-layer", po::value(&t.search.attention_layer)->default_value(-1), "decoder layer of the pictures and alignments (-1: the last, -2: the middle one, which aligns best; documents use -2)")
      ("attention-head", po::value(&t.search.attention_head)->default_value(-1), "head of the pictures (-1: the mean of all heads)")
      ("compute-type", po::value(&a.compute)->default_value("auto"), "products in auto, f32, bf16 or int8 (auto: the fastest that keeps quality on this CPU)")
      ("split", po::value(&split)->default_value("sentences"), "sentences: translate each sentence of a line on its own and keep the white space between them; none: each line whole")
      ("keep-case", "translate capitals and Title Case as they are (by default they are translated in ordinary case and the case is carried over)")
      ("no-repetition-guard", "let the search repeat itself (by default a piece trigram may occur twice, a run of characters four times)")
      ("format", po::value(&format)->default_value("auto"), "text (line by line), html, srt, vtt, docx or odt (a document, translated whole with its markup and layout); auto: by the extension of -i")
      ("max-document-bytes", po::value(&a.document_options.max_bytes)->default_value(20 << 20), "larger documents are refused")
      ("quiet,q", "no summary line");
  po::variables_map vm;
  if (!parse_options(args, help, options, vm)) return false;
  if (t.search.beam_size < 1) throw UsageError{"--beam-size must be at least 1", help};
  if (t.search.n_best < 1 || t.search.n_best > t.search.beam_size)
    throw UsageError{"--n-best must be between 1 and the beam size", help};
  if (t.batch_tokens < 1 || t.max_sentences < 1) throw UsageError{"batch sizes must be positive", help};
  if (split != "sentences" && split != "none") throw UsageError{"--split must be sentences or none", help};
  if (!a.source.empty() && a.source != "auto") throw UsageError{"--source takes auto (otherwise -m names the model)", help};
  if (a.source == "auto" && (!a.model_name.empty() || !a.svg_dir.empty()))
    throw UsageError{"--source auto chooses the models itself: no -m, no --attention-svg", help};
  t.split_sentences = split == "sentences";
  t.restore_case = vm.count("keep-case") == 0;
  t.guard_repetitions = vm.count("no-repetition-guard") == 0;
  t.threads = thread_count();
  if (!vm.count("workers")) t.workers = t.threads;
  if (t.workers < 1) throw UsageError{"--workers must be at least 1", help};
  a.alignment = vm.count("alignment") > 0;
  a.quiet = vm.count("quiet") > 0;
  a.document = document_format(format, a.input, help);
  if (a.document && (a.alignment || !a.svg_dir.empty() || t.search.n_best > 1))
    throw UsageError{"--alignment, --attention-svg and --n-best are for text, not documents", help};
  // Documents place their markup by the word alignment, which comes from the attention.
  t.search.attention = a.alignment || !a.svg_dir.empty() || a.document;
  if (a.document && vm["attention-layer"].defaulted()) t.search.attention_layer = decode::SearchOptions::kMiddleLayer;
  return true;
}

// What translates: one model, or (--source auto) the installed models into the target.
struct Engine {
  std::optional<decode::LoadedModel> loaded;
  std::optional<decode::Translator> translator;
  std::optional<AutoSource> automatic;
  std::string description;  // the model's path, or the models of --source auto

  decode::WindowTranslator window() {
    return [this](const std::vector<std::string>& lines, const std::function<void(size_t, const std::string&)>& warn) {
      return automatic ? automatic->router->translate(lines, warn) : translator->translate(lines, warn);
    };
  }
};

void load_engine(TranslateArgs& a, ops::ComputeType compute, Engine& e) {
  if (a.source == "auto") {
    e.automatic.emplace(load_auto_source(a.target, a.t, compute));
    e.description = e.automatic->description + " (--source auto)";
    return;
  }
  e.description = a.model_name.empty() ? app::default_model() : app::resolve_model(a.model_name);
  // The model's languages, when its name ends in them (es-en): abbreviations, small title words.
  app::language_pair(std::filesystem::path(e.description).stem().string(), a.t.source_language, a.t.target_language);
  e.loaded.emplace(decode::load_model_with_tokenizer(e.description, {compute, /*inference_only=*/true}));
  e.translator.emplace(e.loaded->params(), e.loaded->tokenizer, a.t);
}

// The whole input, refused beyond `max_bytes` rather than read without bound.
std::string read_document(const std::string& path, size_t max_bytes) {
  const std::string name = path == "-" ? "<stdin>" : path;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    HEED_CHECK(file, "cannot read {}", path);
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::string content(max_bytes + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<size_t>(in.gcount()));
  HEED_CHECK(!in.bad(), "cannot read {}", name);
  HEED_CHECK(content.size() <= max_bytes, "{}: larger than {} bytes; documents may have at most that (--max-document-bytes)",
             name, max_bytes);
  return content;
}

// A document: read whole, translated with its markup, written at once (never half a file).
void translate_document_file(const TranslateArgs& a, Engine& engine) {
  const auto start = std::chrono::steady_clock::now();
  const std::string name = a.input == "-" ? "<stdin>" : a.input;
  const std::string content = read_document(a.input, a.document_options.max_bytes);
  auto window = engine.window();
  int64_t sentences = 0, pieces = 0;
  const doc::AlignedTranslate translate = [&](const std::vector<std::string>& texts) {
    const auto warn = [&](size_t, const std::string& message) { fmt::print(stderr, "heed: {}: {}\n", name, message); };
    std::vector<doc::AlignedTranslation> out;
    for (const auto& tr : window(texts, warn)) {
      sentences += tr.sentences;
      pieces += tr.target_pieces;
      out.push_back(doc::aligned(tr));
    }
    return out;
  };
  const std::string result = doc::translate_document(content, *a.document, translate, name, a.document_options);
  if (a.output == "-" || a.output.empty()) {
    std::cout << result << std::flush;
    HEED_CHECK(std::cout.good(), "cannot write the translation to stdout");
  } else {
    AtomicFile out(a.output);
    out.stream() << result;
    out.commit();
  }
  if (a.quiet) return;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "translated {} ({}, {} bytes): {} sentences, {} target pieces in {:.2f} s\n", name,
             doc::to_string(*a.document), content.size(), sentences, pieces, s);
}

}  // namespace

int run_translate(const std::vector<std::string>& args) {
  TranslateArgs a;
  const std::string help = usage();
  if (!parse_translate_args(args, help, a)) return 0;
  const auto& t = a.t;
  const std::string& input = a.input;
  const bool alignment = a.alignment, quiet = a.quiet;
  const ops::ComputeType compute_type = app::choose_compute_type(a.compute);
  Engine engine;
  load_engine(a, compute_type, engine);
  if (a.document) {
    translate_document_file(a, engine);
    return 0;
  }
  const std::string& model_path = engine.description;
  std::optional<report::AttentionPictureWriter> pictures;
  if (!a.svg_dir.empty()) pictures.emplace(a.svg_dir, report::attention_caption(t.search, engine.loaded->config().decoder_layers));
  LineReader in(input);
  LineOutput out(a.output);
  const bool interactive = in.is_terminal();
  const bool show_progress = !interactive && ::isatty(STDERR_FILENO) && !quiet;
  if (interactive) fmt::print(stderr, "heed: translating with {}; type a sentence and press Enter (Ctrl-D ends)\n> ", model_path);

  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  int64_t done = 0;
  decode::StreamEvents events;
  events.warning = print_line_warning;
  events.translated = [&](int64_t line, const std::string& source, const decode::Translation& tr) {
    if (pictures) pictures->add(line, source, tr.candidates.front());
    write_translation(out, done++, tr, t.search.n_best > 1, alignment);
  };
  events.window_done = [&] {
    if (interactive) {
      out.flush();
      fmt::print(stderr, "> ");
    } else {
      out.flush_if_input_idle(in);
    }
    if (show_progress) progress(done, seconds());
  };
  const decode::StreamTotals totals = decode::translate_stream(engine.window(), in, events);
  out.close();
  if (pictures) pictures->write_index("heed: attention of " + (input == "-" ? std::string("stdin") : input));
  if (interactive) fmt::print(stderr, "\n");
  if (!quiet) {
    const double s = seconds();
    fmt::print(stderr, "{}translated {} sentences, {} target pieces in {:.2f} s: {:.2f} sentences/s, {:.1f} pieces/s; {}\n",
               show_progress ? "\n" : "", totals.sentences, totals.target_pieces, s,
               totals.sentences / std::max(s, 1e-9), totals.target_pieces / std::max(s, 1e-9),
               ops::compute_type_name(compute_type));
  }
  return 0;
}

}  // namespace heed::cli
