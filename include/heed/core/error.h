#pragma once
// Errors that reach the user. Every message names what is wrong and, where there is one, the file
// and line; the command line turns an Error into a message on stderr and a non-zero exit, the
// server into a 4xx answer. An InternalError is a broken invariant: a bug in heed, never the
// user's input; the command line says so, and the server answers 500.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace heed {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

template <class... Args>
[[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
  throw Error(fmt::format(format, std::forward<Args>(args)...));
}

template <class... Args>
[[noreturn]] void fail_internal(fmt::format_string<Args...> format, Args&&... args) {
  throw InternalError(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace heed

// Checks a condition that bad input or a misuse of the API can break; never compiled out.
#define HEED_CHECK(condition, ...)  \
  do {                              \
    if (!(condition)) {             \
      ::heed::fail(__VA_ARGS__);    \
    }                               \
  } while (false)

// Checks an invariant of heed's own code (shapes agreeing inside an op, a cache used as it was
// built): only a bug breaks it. Never compiled out.
#define HEED_ASSERT(condition, ...)      \
  do {                                   \
    if (!(condition)) {                  \
      ::heed::fail_internal(__VA_ARGS__); \
    }                                    \
  } while (false)
