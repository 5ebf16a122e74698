// catalog/json_reader.cpp
#include "catalog/json_reader.hpp"

#include <algorithm>

namespace fwaudit::catalog {

namespace {

std::string quoted_list(std::initializer_list<std::string_view> names, std::size_t skip) {
  std::string out;
  std::size_t i = 0;
  for (std::string_view name : names) {
    if (i++ < skip) continue;
    if (!out.empty()) out += ", ";
    out += '"';
    out += name;
    out += '"';
  }
  return out;
}

}  // namespace

std::string json_type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object:
      return "object";
    case nlohmann::json::value_t::array:
      return "array";
    case nlohmann::json::value_t::string:
      return "string";
    case nlohmann::json::value_t::boolean:
      return "boolean";
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "integer";
    case nlohmann::json::value_t::number_float:
      return "number";
    default:
      return "binary";
  }
}

void JsonReader::warning(const JsonPointer& where, std::string code, const std::string& message,
                         SourceLocation related) const {
  Diagnostic d{Severity::warning,
               std::move(code),
               (where.empty() ? std::string("/") : where.to_string()) + ": " + message,
               doc_.locate(where),
               {}};
  if (related.known()) d.related.push_back(std::move(related));
  diagnostics_.add(std::move(d));
}

bool JsonReader::object(const nlohmann::json& v, const JsonPointer& where,
                        std::initializer_list<std::string_view> required,
                        std::initializer_list<std::string_view> optional) const {
  if (!v.is_object()) {
    error(where, "wrong-type", "expected an object, got " + json_type_name(v));
    return false;
  }
  for (std::string_view key : required) {
    if (!v.contains(key))
      error(where, "missing-field", "missing required field \"" + std::string(key) + '"');
  }
  const bool any_key = optional.size() == 1 && *optional.begin() == "*";
  for (const auto& [key, value] : v.items()) {
    if (any_key) break;
    auto known = [&key](std::string_view k) { return k == key; };
    if (std::none_of(required.begin(), required.end(), known) &&
        std::none_of(optional.begin(), optional.end(), known)) {
      std::string allowed = quoted_list(required, 0);
      std::string more = quoted_list(optional, 0);
      if (!allowed.empty() && !more.empty()) allowed += ", ";
      allowed += more;
      error(where / key, "unknown-field",
            "unknown field \"" + key + "\" (expected one of " + allowed + ')');
    }
  }
  return true;
}

bool JsonReader::array(const nlohmann::json& v, const JsonPointer& where) const {
  if (v.is_array()) return true;
  error(where, "wrong-type", "expected an array, got " + json_type_name(v));
  return false;
}

bool JsonReader::string(const nlohmann::json& v, const JsonPointer& where, std::string& out,
                        bool non_empty) const {
  if (!v.is_string()) {
    error(where, "wrong-type", "expected a string, got " + json_type_name(v));
    return false;
  }
  if (non_empty && v.get_ref<const std::string&>().empty()) {
    error(where, "bad-value", "must not be empty");
    return false;
  }
  out = v.get<std::string>();
  return true;
}

bool JsonReader::integer(const nlohmann::json& v, const JsonPointer& where, std::int64_t min,
                         std::int64_t max, std::int64_t& out) const {
  if (!v.is_number_integer()) {
    error(where, "wrong-type", "expected an integer, got " + json_type_name(v));
    return false;
  }
  // Unsigned values above int64 range are out of range for every field here.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    error(where, "out-of-range", "must be " + std::to_string(min) + ".." + std::to_string(max));
    return false;
  }
  std::int64_t value = v.get<std::int64_t>();
  if (value < min || value > max) {
    error(where, "out-of-range",
          std::to_string(value) + " is out of range " + std::to_string(min) + ".." +
              std::to_string(max));
    return false;
  }
  out = value;
  return true;
}

bool JsonReader::boolean(const nlohmann::json& v, const JsonPointer& where, bool& out) const {
  if (!v.is_boolean()) {
    error(where, "wrong-type", "expected true or false, got " + json_type_name(v));
    return false;
  }
  out = v.get<bool>();
  return true;
}

bool JsonReader::choice(const nlohmann::json& v, const JsonPointer& where, std::string_view what,
                        std::initializer_list<std::string_view> names, int& out) const {
  std::string text;
  if (!string(v, where, text, false)) return false;
  int index = 0;
  for (std::string_view name : names) {
    if (index > 0 && name == text) {
      out = index;
      return true;
    }
    ++index;
  }
  error(where, "bad-value",
        "unknown " + std::string(what) + " \"" + text + "\" (expected one of " +
            quoted_list(names, 1) + ')');
  return false;
}

bool JsonReader::string_list(const nlohmann::json& v, const JsonPointer& where,
                             std::vector<std::string>& out) const {
  if (!array(v, where)) return false;
  bool ok = true;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string item;
    if (!string(v[i], where / i, item)) {
      ok = false;
      continue;
    }
    if (std::find(out.begin(), out.end(), item) != out.end()) {
      error(where / i, "duplicate-entry", "\"" + item + "\" is listed twice");
      ok = false;
      continue;
    }
    out.push_back(std::move(item));
  }
  return ok;
}

}  // namespace fwaudit::catalog
