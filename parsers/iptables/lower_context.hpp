// parsers/iptables/lower_context.hpp
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "analyzer/model/ruleset.hpp"
#include "parsers/iptables/ipset.hpp"
#include "parsers/iptables/restore.hpp"
#include "parsers/iptables/syntax_tree.hpp"
#include "parsers/parse_options.hpp"

// State shared by the lowering passes (lower_*.cpp). Internal to parsers/iptables.
namespace fwaudit::iptables {

// What a rule's matches select: surely (`sure`) and possibly (`may`).
struct MatchSet {
  PacketSet sure = PacketSet::all();
  PacketSet may = PacketSet::all();
  std::vector<std::string> unknowns;

  void exact(const PacketSet& s) {
    sure &= s;
    if (same_)
      may = sure;  // one BDD operation while nothing is uncertain
    else
      may &= s;
  }
  // Surely matches `sure_part`, possibly `may_part` (sure_part ⊆ may_part).
  void partial(const PacketSet& sure_part, const PacketSet& may_part, std::string reason) {
    sure &= sure_part;
    may &= may_part;
    same_ = false;
    unknowns.push_back(std::move(reason));
  }
  // A match that cannot be evaluated offline: surely nothing, possibly `known`.
  void uncertain(const PacketSet& known, std::string reason) {
    partial(PacketSet::none(), known, std::move(reason));
  }

 private:
  bool same_ = true;  // sure == may
};

// The built-in chains (hooks) from which a chain can be reached.
enum Hook : unsigned {
  hook_prerouting = 1,
  hook_input = 2,
  hook_forward = 4,
  hook_output = 8,
  hook_postrouting = 16,
};
unsigned hook_of(std::string_view builtin_chain);
std::string hook_names(unsigned hooks);

struct LowerContext {
  const SyntaxFile& syntax;
  Family family;
  const ParseOptions& options;
  const IpsetStore& ipsets;
  Diagnostics& diags;
  bool has_dnat = false;  // some nat rule rewrites destinations (DNAT, REDIRECT, NETMAP)
  bool has_snat = false;  // some nat rule rewrites sources (SNAT, MASQUERADE, NETMAP)
  std::set<std::string, std::less<>> warned;
  std::map<std::string, SourceLocation, std::less<>> interfaces;  // first use of each name
  // Sets of -s/-d/--sport/--dport arguments already built, by (field, text): rulesets repeat
  // the same hosts and ports many times, and building a set is the costly part of lowering.
  std::map<std::pair<char, std::string_view>, PacketSet> field_sets;

  SourceLocation at(const Line& line, std::uint32_t column) const {
    return {syntax.file, line.number, column, std::string(line.text)};
  }
  // One warning per cause for the whole file, at its first location.
  void warn_once(const std::string& cause, std::string code, std::string message,
                 SourceLocation where) {
    if (warned.insert(cause).second)
      diags.warning(std::move(code), std::move(message), std::move(where));
  }
};

// Everything lowering one rule needs to know about where it is.
struct RuleContext {
  LowerContext& lc;
  const Line& line;
  const RestoredTable& table;
  const RestoredChain& chain;
  unsigned hooks = 0;                    // hooks that reach the chain
  std::optional<std::uint8_t> protocol;  // from a non-negated -p
  bool failed = false;                   // an error was reported: the rule is not kept

  void error(std::string code, std::string message, std::uint32_t column) {
    lc.diags.error(std::move(code), std::move(message), lc.at(line, column));
    failed = true;
  }
  SourceLocation at(std::uint32_t column) const { return lc.at(line, column); }
};

// -s -d -p -i -o -f and the -4/-6 family options.
void lower_base(const RuleSpec& spec, MatchSet& m, RuleContext& rc);
// One -m module with its options.
void lower_match(const MatchBlock& block, MatchSet& m, RuleContext& rc);
// The target: action, jump target, translation. `policy_of` maps a chain of the rule's table to
// its policy id (kNoPolicy when it is not a chain).
void lower_target(const RuleSpec& spec, Rule& rule, MatchSet& m, RuleContext& rc,
                  const std::map<std::string, PolicyId, std::less<>>& chains);

}  // namespace fwaudit::iptables
