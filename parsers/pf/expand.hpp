// parsers/pf/expand.hpp
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "parsers/parse_options.hpp"
#include "parsers/pf/source_text.hpp"
#include "parsers/pf/syntax_tree.hpp"

// List expansion as pfctl does it when loading (expand_rule() in pfctl's parse.y): one rule per
// combination of interface, protocol, ICMP type, source host, source port, destination host,
// destination port, user and group, skipping combinations whose address families differ.
// Interface names used as hosts become the interface's addresses when the site profile gives
// them. Checks pfctl makes while expanding are reported here with their locations.
namespace fwaudit::pf {

struct ExpandedRule {
  const RuleSpec* spec = nullptr;
  // One element of each list (null: not given). They point into `spec` or into
  // Expansion::resolved, so expanding a rule copies no strings.
  const InterfaceRef* interface = nullptr;
  std::optional<Family> family;
  std::optional<std::uint8_t> protocol;
  const IcmpMatch* icmp = nullptr;
  const Host* src = nullptr;  // null: any
  const PortMatch* src_port = nullptr;
  const Host* dst = nullptr;
  const PortMatch* dst_port = nullptr;
  const PortMatch* user = nullptr;
  const PortMatch* group = nullptr;
  std::vector<ExpandedRule> body;  // inline anchor rules, expanded
};

// A table as declared (or as first used, when never declared).
struct TableInfo {
  const TableDef* def = nullptr;  // null: used but never declared
  std::vector<Host> entries;      // inline entries, then entries read from --table files
  bool contents_known = true;
  std::string unknown_reason;
  std::uint32_t first_use = 0;
};

struct Expansion {
  std::vector<ExpandedRule> rules;  // in file order, anchors holding their bodies
  std::map<std::string, TableInfo> tables;
  std::vector<const OptionSet*> options;
  std::vector<const LoadAnchor*> loads;
  std::size_t rule_count = 0;    // every expanded rule, anchors and their bodies included
  std::size_t anchor_count = 0;  // anchor rules (inline and named)
  std::size_t queue_count = 0;
  bool old_translation_syntax = false;  // nat / rdr / binat with '->', scrub rules
  bool new_translation_syntax = false;  // nat-to / rdr-to / binat-to / match
  std::deque<RuleSpec> synthetic;       // rules written by fwaudit (antispoof expansion)
  std::deque<Host> resolved;            // interface addresses standing for an interface name
};

Expansion expand(const std::vector<Statement>& statements, const SourceMap& map,
                 const ParseOptions& options, Diagnostics& diagnostics);

// One line per expanded rule in fwaudit's normalized pf syntax, nested anchor bodies indented
// by two spaces (the golden listing of tests and of `fwaudit parse` debugging).
std::string listing(const Expansion& expansion);
std::string format_rule(const ExpandedRule& rule);

// An address as written in pf ("10/8", "10.1/8", "fe80::1%lo0" included); nullopt when it is
// not one. `mask` (-1 when absent) is applied; a mask wider than the family is an error.
std::optional<IpPrefix> parse_pf_address(const std::string& text, int mask);

}  // namespace fwaudit::pf
