// parsers/iptables/restore.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "parsers/iptables/syntax_tree.hpp"

// What the kernel holds after iptables-restore applied a file: the tables, their chains and the
// rules in each chain, after -A, -I, -D, -R, -N, -P, -F, -X, -E and COMMIT did their work.
namespace fwaudit::iptables {

struct RestoredChain {
  std::string name;
  bool builtin = false;
  std::string policy = "ACCEPT";      // built-in chains only
  const Line* declaration = nullptr;  // ":CHAIN ..." / "-N CHAIN"; null for an implicit built-in
  const Line* policy_line = nullptr;  // where the policy was set (":INPUT DROP", "-P INPUT DROP")
  std::vector<const Line*> rules;
  std::vector<std::string> former_names;  // names it had before -E renamed it

  bool named(std::string_view n) const;
};

struct RestoredTable {
  std::string name;  // filter, nat, mangle, raw, security
  const Line* header = nullptr;
  std::vector<RestoredChain> chains;  // built-ins first, then user chains in declaration order

  RestoredChain* find(std::string_view chain);
  const RestoredChain* find(std::string_view chain) const;
};

struct RestoredRuleset {
  std::vector<RestoredTable> tables;  // in order of first appearance

  const RestoredTable* find(std::string_view table) const;
};

// The built-in chains of a table, in hook order; empty for an unknown table.
std::vector<std::string_view> builtin_chains(std::string_view table);

// Applies the file's commands table by table. Errors (rule in an undeclared chain, missing
// COMMIT...) are reported with their line and the offending command is skipped.
RestoredRuleset restore(const SyntaxFile& syntax, Diagnostics& diags);

}  // namespace fwaudit::iptables
