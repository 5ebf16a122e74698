// tests/iptables/helpers.hpp
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "analyzer/evaluate.hpp"
#include "parsers/iptables/parse_iptables.hpp"

namespace fwaudit::iptables::test {

inline Ruleset parse_text(std::string_view text, const ParseOptions& options = {}) {
  return iptables::parse("rules.v4", text, options);
}

// A packet in Packet::parse's form ("tcp 10.0.0.1:40000 -> 10.0.0.2:22 in eth0 out self").
inline Packet packet(std::string_view text) {
  std::string error;
  auto p = Packet::parse(text, &error);
  INFO(error);
  REQUIRE(p.has_value());
  return *p;
}

inline const Rule& rule_of(const Ruleset& rs, std::string_view policy, std::size_t index) {
  PolicyId id = rs.find_policy(policy);
  REQUIRE(id != kNoPolicy);
  REQUIRE(index < rs.policy(id).rules.size());
  return rs.policy(id).rules[index];
}

// All diagnostics as "line:col: severity: message [code]", one per line.
inline std::string diagnostics_text(const Ruleset& rs) {
  std::string out;
  for (const auto& d : rs.diagnostics.items()) {
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
           to_string(d.severity) + ": " + d.message + " [" + d.code + "]\n";
  }
  return out;
}

inline std::size_t errors(const Ruleset& rs) {
  return rs.diagnostics.count(Severity::error);
}

}  // namespace fwaudit::iptables::test
