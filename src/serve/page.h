#pragma once
// The web page served at /: one file, no external assets.
#include <string>

namespace heed::serve {

const std::string& page_html();

}  // namespace heed::serve
