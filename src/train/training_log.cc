#include "heed/train/training_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "heed/core/error.h"
#include "heed/core/io.h"

namespace heed::train {
namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) out.push_back(f);
  return out;
}

}  // namespace

void append_log_row(const std::string& path, const LogRow& r) {
  const bool fresh = !file_exists(path);
  std::ofstream log(path, std::ios::app);
  if (fresh) log << "step\tseconds\ttrain_loss\tdev_loss\tdev_perplexity\tdev_bleu\tlr\ttgt_tokens_per_s\n";
  log << fmt::format("{}\t{:.0f}\t{:.4f}\t{:.4f}\t{:.3f}\t{:.2f}\t{:.3e}\t{:.0f}\n", r.step, r.seconds, r.train_loss,
                     r.dev_loss, std::exp(r.dev_loss), r.dev_bleu, r.lr, r.tokens_per_second);
  HEED_CHECK(log.good(), "cannot append to {}", path);
}

std::vector<CurvePoint> read_log_curve(const std::string& path, int64_t last_step) {
  std::ifstream log(path);
  std::string line;
  if (!std::getline(log, line)) return {};
  const auto header = fields(line);
  auto column = [&](const char* name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const size_t step = column("step"), train = column("train_loss"), dev = column("dev_loss"), bleu = column("dev_bleu");
  const size_t needed = std::max({step, train, dev, bleu});
  if (needed >= header.size()) return {};
  std::vector<CurvePoint> curve;
  while (std::getline(log, line)) {
    const auto f = fields(line);
    if (f.size() <= needed) continue;  // a row cut short by a crash
    try {
      const CurvePoint p{std::stod(f[step]), std::stod(f[train]), std::stod(f[dev]), std::stod(f[bleu])};
      if (p.step <= static_cast<double>(last_step)) curve.push_back(p);
    } catch (const std::exception&) {
      continue;  // as above: what cannot be read is not part of the curve
    }
  }
  return curve;
}

}  // namespace heed::train
