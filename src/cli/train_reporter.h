#pragma once
// What `heed train` shows while it trains, on stderr: the setup lines, a live status line on a
// terminal (else a log line every --log-every steps), each validation, skipped steps and the
// end; and OUT.curve.svg, the learning curve redrawn at every validation.
#include <string>

#include "heed/train/reporter.h"

namespace heed::cli {

class TrainReporter final : public train::Reporter {
 public:
  // `model`: OUT.heed, named in the curve's title; the curve is OUT.curve.svg.
  explicit TrainReporter(std::string model);

  void note(const std::string& line) override;
  void tokenizing(const train::TokenizingReport& report) override;
  void step(const train::StepReport& report) override;
  void validated(const train::ValidationReport& report) override;
  void skipped(int64_t step) override;
  void stopped(const train::StopReport& report) override;

 private:
  // Lines that follow a status line start on a line of their own.
  const char* after_status() const { return terminal_ ? "\n" : ""; }

  std::string model_, curve_path_;
  bool terminal_;                       // stderr is a terminal: live lines redrawn with \r
  double tokenizing_printed_ = 0;       // TokenizingReport::seconds of the last line printed
};

}  // namespace heed::cli
