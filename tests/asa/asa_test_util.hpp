// tests/asa/asa_test_util.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "analyzer/evaluate.hpp"
#include "parsers/asa/parse_asa.hpp"

namespace fwaudit::asa::test {

inline Ruleset parse_text(std::string_view text) {
  return parse("test.cfg", text, {});
}

// "permit" / "deny", with " uncertain" appended when the evaluation is not certain.
inline std::string verdict(const Ruleset& rs, std::string_view packet) {
  std::string error;
  auto p = Packet::parse(packet, &error);
  if (!p) return "bad packet: " + error;
  Evaluation e = evaluate(rs, *p);
  return std::string(to_string(e.verdict)) + (e.certain ? "" : " uncertain");
}

inline Evaluation evaluation(const Ruleset& rs, std::string_view packet) {
  auto p = Packet::parse(packet);
  return evaluate(rs, p.value_or(Packet{}));
}

// The diagnostics as "line:col code: message" (severity given when not error).
inline std::vector<std::string> diagnostics(const Ruleset& rs) {
  std::vector<std::string> out;
  for (const auto& d : rs.diagnostics.items()) {
    std::string s = std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " ";
    if (d.severity != Severity::error) s += std::string(to_string(d.severity)) + " ";
    out.push_back(s + d.code + ": " + d.message);
  }
  return out;
}

inline std::vector<std::string> errors(const Ruleset& rs) {
  std::vector<std::string> out;
  for (const auto& d : rs.diagnostics.items())
    if (d.severity == Severity::error)
      out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
                    " " + d.code + ": " + d.message);
  return out;
}

inline std::size_t statistic(const Ruleset& rs, std::string_view name) {
  for (const auto& [k, v] : rs.statistics)
    if (k == name) return v;
  return static_cast<std::size_t>(-1);
}

}  // namespace fwaudit::asa::test

// Readable failures for lists of diagnostics.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (const auto& s : v)
      out += "\n  \"" + s + "\"";
    return (out + "}").c_str();
  }
};
