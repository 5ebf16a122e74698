// parsers/common/parse_error_location.hpp
#pragma once

#include <string>
#include <string_view>

#include <tao/pegtl/parse_error.hpp>

#include "analyzer/diagnostic.hpp"

namespace fwaudit {

// The text of line `line` (1-based) of `text`, without its end of line.
std::string_view line_of(std::string_view text, std::size_t line);

// A PEGTL parse error as a diagnostic: `file:line:col: expected ...` with the offending line.
Diagnostic diagnostic_from(const tao::pegtl::parse_error& e, std::string_view text,
                           std::string code = "syntax");

}  // namespace fwaudit
