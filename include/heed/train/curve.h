#pragma once
// The learning curve of a training run as a self-contained SVG: train and dev loss against step
// (left axis) and dev BLEU (right axis), for a person to open in a browser.
#include <string>
#include <vector>

namespace heed::train {

struct CurvePoint {
  double step, train_loss, dev_loss, dev_bleu;
};

std::string learning_curve_svg(const std::vector<CurvePoint>& points, const std::string& title);

}  // namespace heed::train
