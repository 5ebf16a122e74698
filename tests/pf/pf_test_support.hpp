// tests/pf/pf_test_support.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/evaluate.hpp"
#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"
#include "parsers/pf/expand.hpp"
#include "parsers/pf/parse_pf.hpp"
#include "parsers/pf/parse_statements.hpp"
#include "parsers/pf/source_text.hpp"

namespace fwaudit::pf::test {

inline Ruleset parse_text(const std::string& text, const ParseOptions& options = {}) {
  return pf::parse("test.conf", text, options);
}

// "line:col: code: message" of every diagnostic of a severity, in order.
inline std::vector<std::string> diagnostics(const Ruleset& rs, Severity s = Severity::error) {
  std::vector<std::string> out;
  for (const Diagnostic& d : rs.diagnostics.items()) {
    if (d.severity != s) continue;
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
                  d.code + ": " + d.message);
  }
  return out;
}

// The normalized expansion listing of a text (and its diagnostics, appended as "! ..." lines).
inline std::string expand_text(const std::string& text, const ParseOptions& options = {}) {
  Preprocessed source = preprocess("test.conf", text, options);
  Diagnostics diags;
  diags.append(source.diagnostics);
  std::vector<Statement> statements = parse_statements(source, diags);
  Expansion ex = expand(statements, source.map, options, diags);
  std::string out = listing(ex);
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::error) {
      out += "! " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
             ": " + d.message + "\n";
    }
  }
  return out;
}

inline Packet packet(const std::string& text) {
  std::string error;
  auto p = Packet::parse(text, &error);
  if (!p) throw std::runtime_error("bad test packet '" + text + "': " + error);
  return *p;
}

// "permit" / "deny", with " (uncertain)" when the evaluation is not certain.
inline std::string verdict(const Ruleset& rs, const std::string& packet_text) {
  Evaluation e = evaluate(rs, packet(packet_text));
  std::string v = e.verdict == Verdict::permit ? "permit" : "deny";
  if (!e.certain) v += " (uncertain)";
  return v;
}

// The line of the rule that decided, 0 for a default.
inline unsigned deciding_line(const Ruleset& rs, const std::string& packet_text) {
  Evaluation e = evaluate(rs, packet(packet_text));
  return e.rule ? e.rule->line : 0;
}

inline std::size_t statistic(const Ruleset& rs, const std::string& name) {
  for (const auto& [k, v] : rs.statistics) {
    if (k == name) return v;
  }
  return static_cast<std::size_t>(-1);
}

}  // namespace fwaudit::pf::test
