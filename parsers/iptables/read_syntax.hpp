// parsers/iptables/read_syntax.hpp
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/diagnostic.hpp"
#include "parsers/iptables/syntax_tree.hpp"

namespace fwaudit::iptables {

// Reads iptables-save / iptables-restore text into its syntax tree. Syntax errors become error
// diagnostics and the line is skipped; reading goes on with the next line. Throws InputError only
// for text that is not a configuration at all (binary data).
SyntaxFile read_syntax(const std::string& file, std::string_view text, Diagnostics& diags);

// The line being read, to locate diagnostics at one of its columns.
struct LocateFn {
  const std::string* file = nullptr;
  std::uint32_t line = 0;
  std::string_view text;

  SourceLocation operator()(std::uint32_t column) const {
    return {*file, line, column, std::string(text)};
  }
};

// The words of a command (which must outlive the result: options keep slices of them), grouped into
// the command's parts (chain, number) and its rule spec. Exposed for tests.
Command build_command(std::span<const Token> tokens, const LocateFn& locate, Diagnostics& diags);

// Groups rule-spec words into base options, match modules and the target.
RuleSpec build_rule_spec(std::span<const Token> tokens, const LocateFn& locate, Diagnostics& diags);

}  // namespace fwaudit::iptables
