// analyzer/diagnostic.hpp
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/source_location.hpp"

namespace fwaudit {

enum class Severity { note, warning, unsupported, error };

const char* to_string(Severity s);

// A message about the input, kept as a value (like nftables' error records) and printed later.
// `code` is a short stable tag ("undefined-macro", "unknown-module") that tests and JSON consumers
// can rely on; `related` holds further locations (the other end of a cycle, a definition).
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  SourceLocation location;
  std::vector<SourceLocation> related;

  // "file:line:col: severity: message"
  std::string to_string() const;
};

// Collects diagnostics in the order they were found.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, std::string message, SourceLocation where);
  void warning(std::string code, std::string message, SourceLocation where);
  void unsupported(std::string code, std::string message, SourceLocation where);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::error) > 0; }
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

// Thrown only when input cannot be used at all (unreadable file, fatal syntax error). Carries the
// diagnostic so the CLI prints `file:line:col: message` and exits 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostic d);
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

}  // namespace fwaudit
