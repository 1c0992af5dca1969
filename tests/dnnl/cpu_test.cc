#include <doctest/doctest.h>

#include <dnnl.hpp>
#include <string>

#include "heed/core/cpu.h"
#include "heed/dnnl/cpu.h"

using namespace heed;

namespace {

// oneDNN's name for a level (dnnl::cpu_isa::all where the CPU has less than SSE 4.1).
dnnl::cpu_isa onednn_level(cpu::Level level) {
  using cpu::Level;
  switch (level) {
    case Level::sse41: return dnnl::cpu_isa::sse41;
    case Level::avx: return dnnl::cpu_isa::avx;
    case Level::avx2: return dnnl::cpu_isa::avx2;
    case Level::avx2_vnni: return dnnl::cpu_isa::avx2_vnni;
    case Level::avx512_core: return dnnl::cpu_isa::avx512_core;
    case Level::avx512_core_vnni: return dnnl::cpu_isa::avx512_core_vnni;
    case Level::avx512_core_bf16: return dnnl::cpu_isa::avx512_core_bf16;
    case Level::avx512_core_amx: return dnnl::cpu_isa::avx512_core_amx;
    case Level::baseline:
    case Level::all: break;
  }
  return dnnl::cpu_isa::all;
}

}  // namespace

// tests/CMakeLists.txt runs this case again under several values of ONEDNN_MAX_CPU_ISA (both read
// it once per process), and scripts/test.sh under AVX2.
TEST_CASE("cpu: core's effective level is the one oneDNN dispatches, under ONEDNN_MAX_CPU_ISA if set") {
  CAPTURE(cpu::level_name(cpu::effective_level()));
  CAPTURE(cpu::level_name(cpu::limit()));
  CAPTURE(onednn::isa_name());
  CHECK(onednn_level(cpu::effective_level()) == dnnl::get_effective_cpu_isa());
  if (cpu::effective_level() != cpu::Level::baseline)
    CHECK(std::string(cpu::level_name(cpu::effective_level())) == onednn::isa_name());
}
