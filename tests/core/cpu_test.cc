#include <doctest/doctest.h>

#include "heed/core/cpu.h"

using namespace heed;
using cpu::Level;

namespace {

// A Zen 5: AVX-512 with VNNI and BF16, AVX-VNNI too, no AMX.
cpu::Features zen5() {
  cpu::Features f;
  f.sse41 = f.avx = f.fma = f.avx2 = f.avx_vnni = true;
  f.avx512f = f.avx512bw = f.avx512vl = f.avx512dq = f.avx512_vnni = f.avx512_bf16 = true;
  return f;
}

// A Zen 3: AVX2 and FMA, nothing of AVX-512.
cpu::Features zen3() {
  cpu::Features f;
  f.sse41 = f.avx = f.fma = f.avx2 = true;
  return f;
}

}  // namespace

TEST_CASE("cpu: ONEDNN_MAX_CPU_ISA's values are oneDNN 2.6's names in any case; others are no limit") {
  CHECK(cpu::parse_limit("AVX2") == Level::avx2);
  CHECK(cpu::parse_limit("avx2") == Level::avx2);
  CHECK(cpu::parse_limit("Avx512_Core_Bf16") == Level::avx512_core_bf16);
  CHECK(cpu::parse_limit("SSE41") == Level::sse41);
  CHECK(cpu::parse_limit("AVX2_VNNI") == Level::avx2_vnni);
  CHECK(cpu::parse_limit("AVX512_CORE_AMX") == Level::avx512_core_amx);
  CHECK(cpu::parse_limit("ALL") == Level::all);
  // oneDNN 2.7's name, a misspelling, the names of oneDNN 1.x's Xeon Phi levels, nothing.
  CHECK(cpu::parse_limit("AVX512_CORE_FP16") == Level::all);
  CHECK(cpu::parse_limit("AVX-2") == Level::all);
  CHECK(cpu::parse_limit("AVX512_MIC") == Level::all);
  CHECK(cpu::parse_limit("") == Level::all);
  CHECK(cpu::parse_limit("baseline") == Level::all);
  for (Level level : {Level::sse41, Level::avx, Level::avx2, Level::avx2_vnni, Level::avx512_core,
                      Level::avx512_core_vnni, Level::avx512_core_bf16, Level::avx512_core_amx, Level::all})
    CHECK(cpu::parse_limit(cpu::level_name(level)) == level);
}

TEST_CASE("cpu: the effective level is oneDNN's: the first its order allows, under the limit's features") {
  CHECK(cpu::effective_level(zen5(), Level::all) == Level::avx512_core_bf16);
  CHECK(cpu::effective_level(zen5(), Level::avx512_core_amx) == Level::avx512_core_bf16);
  CHECK(cpu::effective_level(zen5(), Level::avx512_core_vnni) == Level::avx512_core_vnni);
  CHECK(cpu::effective_level(zen5(), Level::avx2) == Level::avx2);
  CHECK(cpu::effective_level(zen5(), Level::avx2_vnni) == Level::avx2_vnni);
  // AVX-VNNI is not among the avx512_core levels' features: a limit of avx512_core admits neither.
  CHECK(cpu::effective_level(zen5(), Level::avx512_core) == Level::avx512_core);
  CHECK_FALSE(cpu::admits(zen5(), Level::avx512_core, Level::avx2_vnni));
  CHECK(cpu::admits(zen5(), Level::avx512_core, Level::avx2));
  CHECK(cpu::effective_level(zen5(), Level::sse41) == Level::sse41);
  // A limit above the CPU changes nothing.
  CHECK(cpu::effective_level(zen3(), Level::all) == Level::avx2);
  CHECK(cpu::effective_level(zen3(), Level::avx512_core_bf16) == Level::avx2);
  CHECK(cpu::effective_level(zen3(), Level::avx2_vnni) == Level::avx2);
  CHECK(cpu::effective_level(zen3(), Level::avx) == Level::avx);
  // AVX-512 F without BW, VL and DQ (a Xeon Phi) is not avx512_core.
  cpu::Features phi = zen3();
  phi.avx512f = true;
  CHECK(cpu::effective_level(phi, Level::all) == Level::avx2);
  CHECK(cpu::effective_level(cpu::Features{}, Level::all) == Level::baseline);
}

TEST_CASE("cpu: the kernels' build is the widest allowed, and within the effective level") {
  const cpu::Isa isa = cpu::kernel_isa();
  CHECK(cpu::allows(isa));
  CHECK(cpu::allows(cpu::Isa::generic));
  if (isa != cpu::Isa::avx512) CHECK_FALSE(cpu::allows(cpu::Isa::avx512));
  if (isa == cpu::Isa::generic) CHECK_FALSE(cpu::allows(cpu::Isa::avx2));
  CHECK(cpu::allows(cpu::Isa::avx512) == (cpu::has(Level::avx512_core) && cpu::detected().fma));
  CHECK(cpu::allows(cpu::Isa::avx2) == (cpu::has(Level::avx2) && cpu::detected().fma));
  CHECK(cpu::effective_level() == cpu::effective_level(cpu::detected(), cpu::limit()));
  CHECK(cpu::widest(3, 2, 1) == (isa == cpu::Isa::avx512 ? 3 : isa == cpu::Isa::avx2 ? 2 : 1));
}
