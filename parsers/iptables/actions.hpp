// parsers/iptables/actions.hpp
#pragma once

#include <string>
#include <vector>

#include <tao/pegtl.hpp>

#include "parsers/iptables/grammar.hpp"
#include "parsers/iptables/syntax_tree.hpp"

// Actions of the line grammar: they record what kind of line it is and slice its words out of
// the input. No string is copied unless it had quotes or escapes to remove.
namespace fwaudit::iptables {

struct LineState {
  Line& line;
  SyntaxFile& file;
  const char* line_begin;
  std::vector<Token> tokens;
  bool significant = false;  // a table, chain, COMMIT or command line (not blank, not a comment)

  template <typename ActionInput>
  std::uint32_t column_of(const ActionInput& in) const {
    return static_cast<std::uint32_t>(in.begin() - line_begin) + 1;
  }
};

// The value of a word with its quotes and escapes removed.
std::string unquote(std::string_view raw);

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

template <>
struct action<grammar::table_header> {
  static void apply0(LineState& s) { s.line.kind = LineKind::table, s.significant = true; }
};

template <>
struct action<grammar::table_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& s) {
    s.line.name = std::string_view(in.begin(), in.size());
    s.line.name_column = s.column_of(in);
  }
};

template <>
struct action<grammar::chain_header> {
  static void apply0(LineState& s) { s.line.kind = LineKind::chain, s.significant = true; }
};

template <>
struct action<grammar::chain_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& s) {
    s.line.name = std::string_view(in.begin(), in.size());
    s.line.name_column = s.column_of(in);
  }
};

template <>
struct action<grammar::policy_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& s) {
    s.line.policy = std::string_view(in.begin(), in.size());
    s.line.policy_column = s.column_of(in);
  }
};

template <>
struct action<grammar::commit> {
  static void apply0(LineState& s) { s.line.kind = LineKind::commit, s.significant = true; }
};

template <>
struct action<grammar::command_line> {
  static void apply0(LineState& s) { s.line.kind = LineKind::command, s.significant = true; }
};

template <>
struct action<grammar::token> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& s) {
    std::string_view raw(in.begin(), in.size());
    Token t;
    t.column = s.column_of(in);
    if (raw.find_first_of("\"\\") == std::string_view::npos) {
      t.value = raw;
    } else {
      t.value = s.file.storage.emplace_back(unquote(raw));
      t.quoted = true;
    }
    s.tokens.push_back(t);
  }
};

}  // namespace fwaudit::iptables
