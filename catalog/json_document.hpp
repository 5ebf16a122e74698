// catalog/json_document.hpp
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/diagnostic.hpp"

namespace fwaudit::catalog {

using JsonPointer = nlohmann::json::json_pointer;

// A parsed JSON file that still knows its text, so errors about a value can name the file, the
// line and column of that value, and its JSON pointer.
struct JsonDocument {
  std::string file;  // as shown in messages
  std::string text;
  nlohmann::json value;

  // Where the value at `pointer` starts (for an object member: where its key starts). Falls back to
  // the nearest enclosing value that exists; line 0 when even that fails.
  SourceLocation locate(const JsonPointer& pointer) const;
  // Adds an error "<pointer>: <message>" located at the value.
  void error(Diagnostics& diagnostics, const JsonPointer& pointer, std::string code,
             const std::string& message) const;
};

// Reads and parses `path`. An unreadable file or a syntax error becomes an error diagnostic (with
// line and column for syntax errors) and the result is empty.
std::optional<JsonDocument> read_json_document(const std::filesystem::path& path,
                                               Diagnostics& diagnostics);
std::optional<JsonDocument> parse_json_document(std::string file, std::string text,
                                                Diagnostics& diagnostics);

// 1-based line and column (in characters) of byte `offset` of `text`.
std::pair<std::uint32_t, std::uint32_t> line_column(std::string_view text, std::size_t offset);

}  // namespace fwaudit::catalog
