# ctest's build.isa_objects (tests/CMakeLists.txt): cmake -DNM=nm -DOBJECTS=a.o;b.o -P this file.
# An object compiled with an ISA's flags (*_avx2.cc.o, *_avx512.cc.o) must define no weak (W, V) or
# unique (u) symbol: the linker keeps one copy of such a symbol for the whole program, and if the
# copy it keeps is this file's, another file's callers built for any x86-64 run its AVX-512 code.
set(checked 0)
foreach(object ${OBJECTS})
  if(NOT object MATCHES "_(avx2|avx512)\\.cc\\.o$")
    continue()
  endif()
  math(EXPR checked "${checked} + 1")
  execute_process(COMMAND ${NM} --defined-only ${object} OUTPUT_VARIABLE symbols RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${NM} failed on ${object}")
  endif()
  string(REGEX MATCHALL "[^\n]* [WVu] [^\n]*" shared "${symbols}")
  # DW.ref.__gxx_personality_v0 (a landing pad's pointer to the C++ personality routine, data that
  # is the same in every file) is no code.
  list(FILTER shared EXCLUDE REGEX " V DW\\.ref\\.__gxx_personality_v0$")
  if(shared)
    string(REPLACE ";" "\n" shared "${shared}")
    message(FATAL_ERROR "${object} defines symbols the linker may merge with other files' copies:\n${shared}")
  endif()
endforeach()
if(checked EQUAL 0)
  message(FATAL_ERROR "no *_avx2.cc.o or *_avx512.cc.o among the objects")
endif()
message(STATUS "${checked} objects compiled for one ISA define no shared symbol")
