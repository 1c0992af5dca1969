#include "heed/app/compute_type.h"

#include <fmt/format.h>

#include "heed/core/error.h"

namespace heed::app {

namespace {

ops::ComputeType auto_compute_type() {
  return ops::compute_type_unavailable(ops::ComputeType::int8).empty() ? ops::ComputeType::int8 : ops::ComputeType::f32;
}

}  // namespace

ops::ComputeType choose_compute_type(const std::string& name) {
  if (name == "auto") return auto_compute_type();
  const ops::ComputeType type = ops::parse_compute_type(name);
  const std::string unavailable = ops::compute_type_unavailable(type);
  HEED_CHECK(unavailable.empty(), "--compute-type {}: {}", name, unavailable);
  return type;
}

std::string available_compute_types() {
  const ops::ComputeType chosen = auto_compute_type();
  std::string out = fmt::format("{} (auto)", ops::compute_type_name(chosen));
  for (auto t : {ops::ComputeType::f32, ops::ComputeType::bf16, ops::ComputeType::int8})
    if (t != chosen && ops::compute_type_unavailable(t).empty()) out += fmt::format(", {}", ops::compute_type_name(t));
  return out;
}

}  // namespace heed::app
