#pragma once
// A training run packed small enough to carry to another machine (or keep in a repository): the
// weights in F16 (11 bits of mantissa: BF16's range is not needed by weights, its precision would
// be) and, of Adam's moments, only the second, factored per matrix as Adafactor does
// (Shazeer & Stern, 2018): the mean of each row and of each column, from which V[i][j] is
// estimated as row[i] * col[j] / mean(row). A packed run of a 40M-parameter model is 80 MB
// instead of 480 MB. It resumes close to, not exactly as, the run it came from: the second moment
// starts from its estimate (forgotten in ~50 steps at beta2 0.98), so updates keep their scale,
// and the first from zero, so for ~10 steps (at beta1 0.9) they are damped, never larger.
#include <string>
#include <vector>

#include "heed/model/parameters.h"
#include "heed/model/safetensors.h"
#include "heed/train/state.h"

namespace heed::train {

// The packed second moment: per weight tensor of two dimensions "adam.v.rows/NAME" and
// "adam.v.cols/NAME" (the means of its rows and columns), per other tensor "adam.v/NAME" whole.
// `v` is the flat second moment of `params`.
std::vector<std::pair<std::string, Tensor>> pack_second_moment(const Tensor& v, const model::Parameters& params);
// The flat second moment estimated from those tensors of `file`; an Error names what is missing
// or does not fit.
Tensor unpack_second_moment(const model::SafetensorsFile& file, const model::Parameters& params);

// Packs the run whose last checkpoint is FROM.last.heed (with FROM.last.state) into TO.last.heed
// (F16) and TO.last.state (packed), from which `heed train --model TO.heed --resume` continues.
// FROM and TO are output bases (OUT for OUT.heed). Returns the step packed.
int64_t pack_run(const std::string& from, const std::string& to);

}  // namespace heed::train
