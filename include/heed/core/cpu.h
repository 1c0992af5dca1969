#pragma once
// The CPU layer: what this CPU offers, read once, and the one override, oneDNN's own
// ONEDNN_MAX_CPU_ISA read as oneDNN 2.6 reads it, so that a run limited to AVX2 limits oneDNN's
// kernels and heed's alike (scripts/test.sh runs the numeric tests so on AVX-512 machines). Every
// choice of a kernel by instruction set asks here: nothing else reads cpuid or calls
// __builtin_cpu_supports, which no override limits. The dnnl layer may still ask oneDNN what oneDNN
// dispatches; tests/dnnl/cpu_test.cc checks that the two agree.
#include <string_view>

namespace heed::cpu {

// oneDNN 2.6's instruction-set levels (dnnl::cpu_isa), spelt as it spells them. They are sets of
// features, not a chain: avx2_vnni's AVX-VNNI belongs to none of the avx512_core levels. `baseline`
// is x86-64 below SSE 4.1; `all`, a limit only, is no limit.
enum class Level {
  baseline,
  sse41,
  avx,
  avx2,
  avx2_vnni,
  avx512_core,
  avx512_core_vnni,
  avx512_core_bf16,
  avx512_core_amx,
  all
};
const char* level_name(Level level);  // "avx512_core_bf16"

// What a CPU has, each AVX feature only where the operating system saves its registers (XCR0), and
// AMX only where Linux grants its tile state: oneDNN's own reading of cpuid (Xbyak's).
struct Features {
  bool sse41 = false, avx = false, fma = false, avx2 = false, avx_vnni = false;
  bool avx512f = false, avx512bw = false, avx512vl = false, avx512dq = false;
  bool avx512_vnni = false, avx512_bf16 = false;
  bool amx_tile = false, amx_int8 = false, amx_bf16 = false;
};

// A value of ONEDNN_MAX_CPU_ISA as oneDNN 2.6 reads it: a level's name in any case; a name it does
// not know (AVX512_CORE_FP16 is oneDNN 2.7's), like no value, is no limit.
Level parse_limit(std::string_view value);
// Whether `cpu` under `limit` may use `level`: it has the level's features and the limit includes
// them all (oneDNN's mayiuse). A limit of avx512_core excludes avx2_vnni, as in oneDNN.
bool admits(const Features& cpu, Level limit, Level level);
// The level oneDNN dispatches: the first in its order (amx, bf16, vnni, avx512_core, avx2_vnni,
// avx2, avx, sse41) that `admits` allows.
Level effective_level(const Features& cpu, Level limit);

// This process's: the CPU read once, and the limit read once from ONEDNN_MAX_CPU_ISA (or its old
// name DNNL_MAX_CPU_ISA, as oneDNN falls back), as oneDNN reads it once.
const Features& detected();
Level limit();
Level effective_level();
bool has(Level level);  // admits(detected(), limit(), level)
// Whether the effective level multiplies bytes in one instruction (VNNI): oneDNN's int8 products
// then take inputs of 8 bits, where without it pairs of products saturate 16-bit sums.
bool vnni();

// heed's own vector kernels come in three builds: baseline x86-64, AVX2 with FMA, and AVX-512 F,
// BW, VL and DQ with FMA (oneDNN's avx512_core). A build is allowed where the CPU has its features
// and the limit admits them.
enum class Isa { generic, avx2, avx512 };
const char* isa_name(Isa isa);  // "avx512"
bool allows(Isa isa);
Isa kernel_isa();  // the widest build allowed

// The build of a kernel that kernel_isa() selects, given its three builds.
template <class Kernel>
Kernel widest(Kernel avx512, Kernel avx2, Kernel generic) {
  switch (kernel_isa()) {
    case Isa::avx512: return avx512;
    case Isa::avx2: return avx2;
    case Isa::generic: break;
  }
  return generic;
}

}  // namespace heed::cpu
