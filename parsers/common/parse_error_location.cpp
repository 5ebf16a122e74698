// parsers/common/parse_error_location.cpp
#include "parsers/common/parse_error_location.hpp"

namespace fwaudit {

std::string_view line_of(std::string_view text, std::size_t line) {
  std::size_t pos = 0;
  for (std::size_t n = 1; n < line; ++n) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  std::size_t end = text.find('\n', pos);
  std::string_view out =
      text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

Diagnostic diagnostic_from(const tao::pegtl::parse_error& e, std::string_view text,
                           std::string code) {
  Diagnostic d;
  d.severity = Severity::error;
  d.code = std::move(code);
  d.message = std::string(e.message());
  if (!e.positions().empty()) {
    const auto& p = e.positions().front();
    d.location.file = p.source;
    d.location.line = static_cast<std::uint32_t>(p.line);
    d.location.column = static_cast<std::uint32_t>(p.column);
    d.location.text = std::string(line_of(text, p.line));
  }
  return d;
}

}  // namespace fwaudit
