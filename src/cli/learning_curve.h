#pragma once
// The learning curve of a training run as a self-contained SVG: train and dev loss against step
// (left axis) and dev BLEU (right axis), for a person to open in a browser. Drawn by `heed train`'s
// reporter: a picture is presentation, which the training library leaves to its caller.
#include <string>
#include <vector>

#include "heed/train/state.h"

namespace heed::cli {

std::string learning_curve_svg(const std::vector<train::CurvePoint>& points, const std::string& title);

}  // namespace heed::cli
