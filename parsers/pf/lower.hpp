// parsers/pf/lower.hpp
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"
#include "parsers/pf/expand.hpp"
#include "parsers/pf/interface_modifiers.hpp"

// Lowering of expanded pf rules to the vendor-neutral model (see docs/semantics/pf.md).
namespace fwaudit::pf {

enum class Side { in, out };  // the pf direction a policy evaluates

// What a rule matches: surely and possibly, with the reasons they differ.
struct Match {
  PacketSet sure = PacketSet::all();
  PacketSet may = PacketSet::all();
  std::vector<std::string> unknowns;

  void restrict(const PacketSet& s) {
    sure &= s;
    may &= s;
  }
  void restrict(const Match& m);
  void unknown(std::string reason);  // sure becomes empty, may unchanged
};

class MatchBuilder {
 public:
  MatchBuilder(const Expansion& expansion, const ParseOptions& options, const SourceMap& map,
               Diagnostics& diagnostics)
      : expansion_(expansion), options_(options), map_(map), diagnostics_(diagnostics) {}

  // Everything an expanded rule matches on the given side (interface per side).
  Match rule(const ExpandedRule& r, Side side);
  Match interface(const InterfaceRef& i, Side side);
  Match host(const Host& h, bool source);
  PacketSet ports(const PortMatch& p, bool source);
  // Addresses of an interface, an interface group's members or every interface ("self") that
  // the modifiers select (`dynamic`: written in parentheses); nullopt when unknown.
  std::optional<std::vector<IpPrefix>> addresses(const std::string& name,
                                                 const InterfaceModifiers& modifiers = {},
                                                 bool dynamic = true) const;
  // A table's contents as a set of addresses, source or destination side.
  Match table(const std::string& name, bool source, std::uint32_t pos);
  // Warns once per statement about each reason its rules only "may" match.
  void warn_unknowns(const ExpandedRule& r, const std::vector<std::string>& unknowns);
  // Adds the collected warnings in file order (rules are lowered out of file order).
  void flush_warnings(const std::vector<std::string>& files);

 private:
  const Expansion& expansion_;
  const ParseOptions& options_;
  const SourceMap& map_;
  Diagnostics& diagnostics_;
  std::set<std::string> warned_;  // "file:line reason": once per statement
  std::set<std::string> warned_tables_;
  std::vector<Diagnostic> pending_;
  // PacketSet construction is the cost of lowering: equal elements are built once.
  std::unordered_map<const ExpandedRule*, Match> rule_cache_;
  std::unordered_map<std::string, Match> host_cache_;
  std::unordered_map<std::string, PacketSet> port_cache_;

  Match rule_without_interface(const ExpandedRule& r);
  Match host_uncached(const Host& h, bool source);
  PacketSet ports_uncached(const PortMatch& p, bool source);
};

struct LowerResult {
  Ruleset ruleset;
};

// Builds the ruleset's policies and paths. `openbsd`: translation after filtering (nat-to,
// rdr-to on match/pass rules); otherwise nat/rdr/binat rules translate before filtering.
void lower(const Expansion& expansion, const ParseOptions& options, const SourceMap& map,
           bool openbsd, Ruleset& rs);

// The translation of one expanded rule for the given side; nullopt when it has none there.
std::optional<Translation> lower_translation(const ExpandedRule& r, Side side,
                                             MatchBuilder& builder);

}  // namespace fwaudit::pf
