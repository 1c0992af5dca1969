#pragma once
// Errors that reach the user. Every message names what is wrong and, where there is one, the file
// and line; the command line turns an Error into a message on stderr and a non-zero exit.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace heed {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <class... Args>
[[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
  throw Error(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace heed

// Checks a condition that bad input or a misuse of the API can break; never compiled out.
#define HEED_CHECK(condition, ...)  \
  do {                              \
    if (!(condition)) {             \
      ::heed::fail(__VA_ARGS__);    \
    }                               \
  } while (false)
