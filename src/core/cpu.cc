#include "heed/core/cpu.h"

#include <cpuid.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace heed::cpu {

namespace {

// oneDNN 2.6's cpu_isa_t: each level a set of feature bits; a limit admits a level whose bits it
// holds all of.
enum Bit : unsigned {
  sse41_bit = 1u << 0,
  avx_bit = 1u << 1,
  avx2_bit = 1u << 2,
  avx512_core_bit = 1u << 6,
  avx512_vnni_bit = 1u << 7,
  avx512_bf16_bit = 1u << 8,
  amx_tile_bit = 1u << 9,
  amx_int8_bit = 1u << 10,
  amx_bf16_bit = 1u << 11,
  avx_vnni_bit = 1u << 12,
};

unsigned bits(Level level) {
  constexpr unsigned sse41 = sse41_bit, avx = avx_bit | sse41, avx2 = avx2_bit | avx;
  constexpr unsigned core = avx512_core_bit | avx2, vnni = avx512_vnni_bit | core, bf16 = avx512_bf16_bit | vnni;
  switch (level) {
    case Level::baseline: return 0;
    case Level::sse41: return sse41;
    case Level::avx: return avx;
    case Level::avx2: return avx2;
    case Level::avx2_vnni: return avx_vnni_bit | avx2;
    case Level::avx512_core: return core;
    case Level::avx512_core_vnni: return vnni;
    case Level::avx512_core_bf16: return bf16;
    case Level::avx512_core_amx: return bf16 | amx_tile_bit | amx_int8_bit | amx_bf16_bit;
    case Level::all: break;
  }
  return ~0u;
}

// The CPU has the level's features (oneDNN's mayiuse, the limit apart).
bool has_features(const Features& f, Level level) {
  const bool core = f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq;
  switch (level) {
    case Level::baseline: return true;
    case Level::sse41: return f.sse41;
    case Level::avx: return f.avx;
    case Level::avx2: return f.avx2;
    case Level::avx2_vnni: return f.avx2 && f.avx_vnni;
    case Level::avx512_core: return core;
    case Level::avx512_core_vnni: return core && f.avx512_vnni;
    case Level::avx512_core_bf16: return core && f.avx512_vnni && f.avx512_bf16;
    case Level::avx512_core_amx:
      return core && f.avx512_vnni && f.avx512_bf16 && f.amx_tile && f.amx_int8 && f.amx_bf16;
    case Level::all: break;
  }
  return false;
}

constexpr Level kLevels[] = {Level::sse41,       Level::avx,         Level::avx2,
                             Level::avx2_vnni,   Level::avx512_core, Level::avx512_core_vnni,
                             Level::avx512_core_bf16, Level::avx512_core_amx, Level::all};

uint64_t xcr0() {
  uint32_t low = 0, high = 0;
  __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  return (uint64_t{high} << 32) | low;
}

// Linux hands out AMX's tile state on request (arch_prctl); oneDNN asks for it as here.
bool amx_granted() {
#ifdef __linux__
  constexpr int kGetPermission = 0x1022, kRequestPermission = 0x1023, kTileData = 18;
  unsigned long granted = 0;
  if (syscall(SYS_arch_prctl, kGetPermission, &granted) != 0) return false;
  if (granted & (1ul << kTileData)) return true;
  if (syscall(SYS_arch_prctl, kRequestPermission, kTileData) != 0) return false;
  return syscall(SYS_arch_prctl, kGetPermission, &granted) == 0 && (granted & (1ul << kTileData));
#else
  return true;
#endif
}

// cpuid as Xbyak (oneDNN 2.6's copy) reads it: AVX and FMA need the OS to save the YMM state, the
// AVX-512 features the opmask and ZMM state too; AVX2 needs AVX.
Features read_cpuid() {
  Features f;
  unsigned a = 0, b = 0, c = 0, d = 0;
  const unsigned max_leaf = __get_cpuid_max(0, nullptr);
  if (max_leaf < 1) return f;
  __cpuid(1, a, b, c, d);
  f.sse41 = c & (1u << 19);
  const bool os_saves = c & (1u << 27);  // OSXSAVE: XCR0 readable
  const bool avx_bit = c & (1u << 28), fma_bit = c & (1u << 12);
  unsigned b7 = 0, c7 = 0, d7 = 0, a7_1 = 0;
  if (max_leaf >= 7) {
    unsigned subleaves = 0;
    __cpuid_count(7, 0, subleaves, b7, c7, d7);
    if (subleaves >= 1) {
      unsigned ignored_b = 0, ignored_c = 0, ignored_d = 0;
      __cpuid_count(7, 1, a7_1, ignored_b, ignored_c, ignored_d);
    }
  }
  if (os_saves) {
    const uint64_t state = xcr0();
    if ((state & 6) == 6) {
      f.avx = avx_bit;
      f.fma = fma_bit;
      if (((state >> 5) & 7) == 7 && (b7 & (1u << 16))) {
        f.avx512f = true;
        f.avx512dq = b7 & (1u << 17);
        f.avx512bw = b7 & (1u << 30);
        f.avx512vl = b7 & (1u << 31);
        f.avx512_vnni = c7 & (1u << 11);
        f.avx512_bf16 = a7_1 & (1u << 5);
      }
    }
  }
  f.avx2 = f.avx && (b7 & (1u << 5));
  f.avx_vnni = a7_1 & (1u << 4);
  f.amx_tile = (d7 & (1u << 24)) && amx_granted();
  f.amx_int8 = d7 & (1u << 25);
  f.amx_bf16 = d7 & (1u << 22);
  return f;
}

// oneDNN's getenv: a value counts if it is set, not empty and shorter than 32 characters.
const char* limit_value() {
  for (const char* name : {"ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"}) {
    const char* value = std::getenv(name);
    if (value && value[0] != '\0' && std::strlen(value) < 32) return value;
  }
  return "";
}

}  // namespace

const char* level_name(Level level) {
  switch (level) {
    case Level::baseline: return "baseline";
    case Level::sse41: return "sse41";
    case Level::avx: return "avx";
    case Level::avx2: return "avx2";
    case Level::avx2_vnni: return "avx2_vnni";
    case Level::avx512_core: return "avx512_core";
    case Level::avx512_core_vnni: return "avx512_core_vnni";
    case Level::avx512_core_bf16: return "avx512_core_bf16";
    case Level::avx512_core_amx: return "avx512_core_amx";
    case Level::all: return "all";
  }
  return "?";
}

Level parse_limit(std::string_view value) {
  std::string lower(value);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (Level level : kLevels)
    if (lower == level_name(level)) return level;
  return Level::all;
}

bool admits(const Features& cpu, Level limit, Level level) {
  const unsigned needed = bits(level);
  return (bits(limit) & needed) == needed && has_features(cpu, level);
}

Level effective_level(const Features& cpu, Level limit) {
  for (Level level : {Level::avx512_core_amx, Level::avx512_core_bf16, Level::avx512_core_vnni, Level::avx512_core,
                      Level::avx2_vnni, Level::avx2, Level::avx, Level::sse41})
    if (admits(cpu, limit, level)) return level;
  return Level::baseline;
}

const Features& detected() {
  static const Features features = read_cpuid();
  return features;
}

Level limit() {
  static const Level read = parse_limit(limit_value());
  return read;
}

Level effective_level() {
  static const Level level = effective_level(detected(), limit());
  return level;
}

bool has(Level level) { return admits(detected(), limit(), level); }

bool vnni() {
  switch (effective_level()) {
    case Level::avx2_vnni:
    case Level::avx512_core_vnni:
    case Level::avx512_core_bf16:
    case Level::avx512_core_amx: return true;
    default: return false;
  }
}

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::generic: return "generic";
    case Isa::avx2: return "avx2";
    case Isa::avx512: return "avx512";
  }
  return "?";
}

bool allows(Isa isa) {
  switch (isa) {
    case Isa::avx512: return has(Level::avx512_core) && detected().fma;
    case Isa::avx2: return has(Level::avx2) && detected().fma;
    case Isa::generic: break;
  }
  return true;
}

Isa kernel_isa() {
  static const Isa widest = allows(Isa::avx512) ? Isa::avx512 : allows(Isa::avx2) ? Isa::avx2 : Isa::generic;
  return widest;
}

}  // namespace heed::cpu
