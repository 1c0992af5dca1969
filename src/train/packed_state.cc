#include "heed/train/packed_state.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "heed/core/error.h"
#include "heed/model/model_file.h"
#include "heed/train/checkpoints.h"

namespace heed::train {
namespace {

// Where a named weight starts in the flat buffer; every named tensor is a view into it.
int64_t flat_offset(const Tensor& t, const model::Parameters& params, const std::string& name) {
  const int64_t offset = t.data() - params.flat().data();
  HEED_CHECK(offset >= 0 && offset + t.numel() <= params.flat().numel(), "the weight {} is not in the flat buffer",
             name);
  return offset;
}

bool factored(const Tensor& t) { return t.shape().size() == 2 && t.shape()[0] > 1 && t.shape()[1] > 1; }

std::string rows_name(const std::string& name) { return "adam.v.rows/" + name; }
std::string cols_name(const std::string& name) { return "adam.v.cols/" + name; }
std::string whole_name(const std::string& name) { return "adam.v/" + name; }

// The means of the rows and of the columns of the (r, c) block at v.
std::pair<Tensor, Tensor> factor(const float* v, int64_t r, int64_t c) {
  Tensor rows = Tensor::zeros({r}), cols = Tensor::zeros({c});
  std::vector<double> col_sums(c, 0.0);
  for (int64_t i = 0; i < r; ++i) {
    double sum = 0;
    for (int64_t j = 0; j < c; ++j) {
      sum += v[i * c + j];
      col_sums[j] += v[i * c + j];
    }
    rows.mutable_data()[i] = static_cast<float>(sum / c);
  }
  for (int64_t j = 0; j < c; ++j) cols.mutable_data()[j] = static_cast<float>(col_sums[j] / r);
  return {std::move(rows), std::move(cols)};
}

// V[i][j] ~ row[i] * col[j] / mean(row): exact when V is of rank one, and in every case with the
// rows' and the columns' sums of V kept.
void expand(const Tensor& rows, const Tensor& cols, float* v) {
  const int64_t r = rows.numel(), c = cols.numel();
  double total = 0;
  for (int64_t i = 0; i < r; ++i) total += rows.data()[i];
  if (total <= 0) return;  // no gradient reached the weight yet: V stays zero
  const double scale = r / total;
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j)
      v[i * c + j] = static_cast<float>(rows.data()[i] * scale * cols.data()[j]);
}

Tensor stored(const model::SafetensorsFile& file, const std::string& name, int64_t numel) {
  const auto* t = file.find(name);
  HEED_CHECK(t, "{}: the packed training state has no {}", file.origin(), name);
  Tensor values = model::to_float(*t, file.origin());
  HEED_CHECK(values.numel() == numel, "{}: {} has {} values, the model needs {}", file.origin(), name,
             values.numel(), numel);
  for (int64_t i = 0; i < numel; ++i)
    HEED_CHECK(std::isfinite(values.data()[i]) && values.data()[i] >= 0,
               "{}: {} holds a negative or non-finite second moment", file.origin(), name);
  return values;
}

}  // namespace

std::vector<std::pair<std::string, Tensor>> pack_second_moment(const Tensor& v, const model::Parameters& params) {
  HEED_CHECK(v.numel() == params.flat().numel(), "the optimizer state does not fit the model");
  std::vector<std::pair<std::string, Tensor>> packed;
  for (const auto& [name, t] : params.named()) {
    const float* at = v.data() + flat_offset(t, params, name);
    if (factored(t)) {
      auto [rows, cols] = factor(at, t.shape()[0], t.shape()[1]);
      packed.emplace_back(rows_name(name), std::move(rows));
      packed.emplace_back(cols_name(name), std::move(cols));
    } else {
      Tensor whole = Tensor::zeros({t.numel()});
      std::copy(at, at + t.numel(), whole.mutable_data());
      packed.emplace_back(whole_name(name), std::move(whole));
    }
  }
  return packed;
}

Tensor unpack_second_moment(const model::SafetensorsFile& file, const model::Parameters& params) {
  Tensor v = Tensor::zeros({params.flat().numel()});
  for (const auto& [name, t] : params.named()) {
    float* at = v.mutable_data() + flat_offset(t, params, name);
    if (factored(t)) {
      expand(stored(file, rows_name(name), t.shape()[0]), stored(file, cols_name(name), t.shape()[1]), at);
    } else {
      const Tensor whole = stored(file, whole_name(name), t.numel());
      std::copy(whole.data(), whole.data() + t.numel(), at);
    }
  }
  return v;
}

int64_t pack_run(const std::string& from, const std::string& to) {
  const std::string model_path = from + ".last.heed";
  std::error_code ec;
  HEED_CHECK(!std::filesystem::equivalent(model_path, to + ".last.heed", ec),
             "cannot pack {} onto itself: name another output", model_path);
  model::ModelFile m = model::load_model(model_path);
  const auto it = m.metadata.find("train_step");
  HEED_CHECK(it != m.metadata.end(), "cannot pack {}: it is not a training checkpoint (no train_step)", model_path);
  const int64_t step = std::stoll(it->second);
  const TrainingState state = load_state(from + ".last.state", step, m.params.get());
  HEED_CHECK(state.config == m.params->config().to_json(), "cannot pack: the state and {} disagree on the model",
             model_path);
  // F16 holds magnitudes up to 65504; a weight beyond (or not finite) would resume as infinity.
  const float* w = m.params->flat().data();
  for (int64_t i = 0; i < m.params->flat().numel(); ++i)
    HEED_CHECK(std::isfinite(w[i]) && std::fabs(w[i]) <= 65504.0f,
               "cannot pack {}: a weight ({}) is beyond F16's range", model_path, w[i]);
  // The state first, as a training run writes them: a model on disk always has its state.
  save_state(to + ".last.state", state, m.params.get());
  model::save_model(to + ".last.heed", *m.params, m.tokenizer, m.metadata, DType::f16, m.vocabularies);
  return step;
}

}  // namespace heed::train
