// catalog/json_reader.hpp
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "catalog/json_document.hpp"

namespace fwaudit::catalog {

// Checked reads from a JsonDocument: every failure becomes an error naming the file, the line and
// column and the JSON pointer of the value, and reading goes on so one run reports every error.
class JsonReader {
 public:
  JsonReader(const JsonDocument& doc, Diagnostics& diagnostics)
      : doc_(doc), diagnostics_(diagnostics) {}

  const JsonDocument& document() const { return doc_; }
  void error(const JsonPointer& where, std::string code, const std::string& message) const {
    doc_.error(diagnostics_, where, std::move(code), message);
  }

  // A warning (usable but doubtful value), optionally pointing at a related place.
  void warning(const JsonPointer& where, std::string code, const std::string& message,
               SourceLocation related = {}) const;

  // `v` must be an object holding every `required` key and no key outside required + optional.
  // Reports each missing and each unknown key; false only when `v` is not an object. An optional
  // list of just {"*"} accepts any key (maps keyed by names).
  bool object(const nlohmann::json& v, const JsonPointer& where,
              std::initializer_list<std::string_view> required,
              std::initializer_list<std::string_view> optional) const;
  bool array(const nlohmann::json& v, const JsonPointer& where) const;
  // A string; `non_empty` rejects "".
  bool string(const nlohmann::json& v, const JsonPointer& where, std::string& out,
              bool non_empty = true) const;
  bool integer(const nlohmann::json& v, const JsonPointer& where, std::int64_t min,
               std::int64_t max, std::int64_t& out) const;
  bool boolean(const nlohmann::json& v, const JsonPointer& where, bool& out) const;
  // A string among `names` (index 0 is the enum's `invalid` and never accepted); out = its index.
  bool choice(const nlohmann::json& v, const JsonPointer& where, std::string_view what,
              std::initializer_list<std::string_view> names, int& out) const;
  // An array of non-empty strings with no repeated entry.
  bool string_list(const nlohmann::json& v, const JsonPointer& where,
                   std::vector<std::string>& out) const;

 private:
  const JsonDocument& doc_;
  Diagnostics& diagnostics_;
};

// Short JSON type name for messages: "object", "array", "string", "number", "boolean", "null".
std::string json_type_name(const nlohmann::json& v);

}  // namespace fwaudit::catalog
