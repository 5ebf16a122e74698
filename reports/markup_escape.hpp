// reports/markup_escape.hpp
#pragma once

#include <string>
#include <string_view>

namespace fwaudit::reports {

// Text for XML (JUnit) and HTML: & < > " ' as character references, control characters other
// than tab, newline and carriage return dropped (XML 1.0 does not allow them; HTML shows none).
std::string escape_markup(std::string_view s);

}  // namespace fwaudit::reports
