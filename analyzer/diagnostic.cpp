// analyzer/diagnostic.cpp
#include "analyzer/diagnostic.hpp"

#include <algorithm>

namespace fwaudit {

std::string SourceLocation::to_string() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line != 0) {
    out += ':' + std::to_string(line);
    if (column != 0) out += ':' + std::to_string(column);
  }
  return out;
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::unsupported:
      return "unsupported";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string Diagnostic::to_string() const {
  return location.to_string() + ": " + fwaudit::to_string(severity) + ": " + message;
}

void Diagnostics::error(std::string code, std::string message, SourceLocation where) {
  add({Severity::error, std::move(code), std::move(message), std::move(where), {}});
}
void Diagnostics::warning(std::string code, std::string message, SourceLocation where) {
  add({Severity::warning, std::move(code), std::move(message), std::move(where), {}});
}
void Diagnostics::unsupported(std::string code, std::string message, SourceLocation where) {
  add({Severity::unsupported, std::move(code), std::move(message), std::move(where), {}});
}

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

InputError::InputError(Diagnostic d)
    : std::runtime_error(d.to_string()), diagnostic_(std::move(d)) {}

}  // namespace fwaudit
