// tests/iptables_kernel/harness/saved_rules.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwk {

// One `-A CHAIN ...` line of iptables-save output (or of a ruleset file in that format).
struct SavedRule {
  std::string target;  // after -j or -g; empty when the rule has none
  bool is_goto = false;
  std::uint64_t packets = 0;  // from a leading "[packets:bytes]", 0 without
  int line = 0;               // 1-based line in the text parsed
  std::string text;           // the line without the counters
};

struct SavedChain {
  std::string name;
  std::string policy;  // ACCEPT / DROP for built-in chains, "-" for user chains
  std::uint64_t policy_packets = 0;
  std::vector<SavedRule> rules;
};

struct SavedTable {
  std::string name;
  std::vector<SavedChain> chains;  // in declaration order
  const SavedChain* find(std::string_view chain) const;
};

// Parses iptables-save / ip6tables-save text, with or without -c counters. Comments and blank
// lines are skipped. Throws std::runtime_error naming the line when the text is not in that
// format (a rule before its table, an undeclared chain, a table without COMMIT).
std::vector<SavedTable> parse_saved(std::string_view text);
const SavedTable* find_table(const std::vector<SavedTable>& tables, std::string_view name);

}  // namespace fwk
