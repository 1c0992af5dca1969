#pragma once
// The compute type a user names (--compute-type): a type, or "auto", the fastest one on this CPU
// whose translations keep their quality (the rule and its measurements: docs/compute-types.md).
#include <string>

#include "heed/ops/compute_type.h"

namespace heed::app {

// "f32", "bf16", "int8" or "auto". A type this CPU cannot run is an Error naming the CPU's
// instruction set.
ops::ComputeType choose_compute_type(const std::string& name);
// The types this CPU runs, "auto"'s choice first: "int8 (auto), f32".
std::string available_compute_types();

}  // namespace heed::app
