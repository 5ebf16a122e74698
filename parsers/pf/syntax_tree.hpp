// parsers/pf/syntax_tree.hpp
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/ip_address.hpp"
#include "analyzer/source_location.hpp"

// The pf.conf syntax tree: what each statement says, in pf's own terms, before list expansion
// and before any meaning is given to it. Every element keeps `pos`, its byte offset in the
// preprocessed text (SourceMap turns it into file:line:col).
namespace fwaudit::pf {

enum class HostKind {
  any,          // any (or no address given)
  address,      // 10.0.0.1, 10/8, fe80::1%lo0 (with optional /mask in `mask`)
  range,        // a - b
  table,        // <name>
  interface,    // em0, em0:network (the interface's addresses when the rules load)
  dynamic,      // (em0), (em0:network) (follows address changes)
  self,         // self: every address of the firewall
  no_route,     // no-route
  urpf_failed,  // urpf-failed
  hostname,     // a name pfctl resolves through DNS when it loads the rules
};

struct Host {
  HostKind kind = HostKind::any;
  bool negated = false;
  std::string name;      // address text, table/interface/host name
  std::string name2;     // the upper end of a range
  int mask = -1;         // "/n" after the address or interface; -1 when absent
  std::string modifier;  // interface modifier: network, broadcast, peer, 0
  std::uint32_t pos = 0;
};

enum class PortOp { eq, ne, lt, le, gt, ge, range, inside, outside };  // ':' '><' '<>'

// A port (or user/group id) match: `op a` or `a op b`, values as written (numbers or names).
struct PortMatch {
  PortOp op = PortOp::eq;
  std::string a;
  std::string b;
  std::uint32_t pos = 0;
};

struct Endpoint {
  std::vector<Host> hosts;  // empty: any
  std::vector<PortMatch> ports;
};

struct InterfaceRef {
  std::string name;
  bool negated = false;
  std::uint32_t pos = 0;
};

struct IcmpMatch {
  bool v6 = false;
  std::string type;
  std::string code;  // empty: any code
  std::uint32_t pos = 0;
};

// A translation target: nat-to / rdr-to / binat-to, or the old `-> ...` of nat/rdr/binat.
struct Redirection {
  std::vector<Host> hosts;
  std::vector<PortMatch> ports;  // `port 8080`, `port 8000:*` (one at most)
  std::string pool;              // round-robin, random, source-hash, bitmask, least-states
  bool static_port = false;
  std::uint32_t pos = 0;
};

// route-to / reply-to / dup-to / fastroute with their targets as written.
struct RouteOption {
  std::string kind;
  std::vector<std::string> targets;
  std::uint32_t pos = 0;
};

enum class Action {
  pass,
  block,
  match,
  scrub,
  no_scrub,
  antispoof,
  nat,
  no_nat,
  rdr,
  no_rdr,
  binat,
  no_binat,
  anchor,
  nat_anchor,
  rdr_anchor,
  binat_anchor,
  scrub_anchor,
  ether,  // FreeBSD layer-2 rules: parsed, not modelled
};

enum class BlockMode { policy, drop, return_, return_rst, return_icmp };
enum class Direction { both, in, out };
enum class StateMode { default_, none, keep, modulate, synproxy };

struct Statement;

struct RuleSpec {
  Action action = Action::pass;
  BlockMode block = BlockMode::policy;
  std::string block_detail;  // return-icmp(...) / return-rst(...) arguments
  Direction direction = Direction::both;
  bool log = false;
  bool quick = false;
  bool pass_translated = false;  // nat pass / rdr pass / binat pass
  std::vector<InterfaceRef> interfaces;
  std::optional<Family> family;
  std::vector<std::pair<std::string, std::uint32_t>> protocols;
  bool all = false;
  Endpoint from;
  Endpoint to;
  std::vector<std::string> os;
  std::vector<RouteOption> routes;

  // Filter options.
  std::string flags;  // "S/SA", "/SA", "any"; empty when not given
  std::uint32_t flags_pos = 0;
  std::vector<IcmpMatch> icmp;
  StateMode state = StateMode::default_;
  std::string state_options;  // text inside keep state (...)
  std::uint32_t state_pos = 0;
  std::vector<PortMatch> users;
  std::vector<PortMatch> groups;
  std::string tag;
  std::uint32_t tag_pos = 0;
  std::string tagged;
  bool tagged_negated = false;
  std::uint32_t tagged_pos = 0;
  std::string probability;
  std::string label;
  bool allow_opts = false;
  std::vector<std::string> scrub_options;  // each scrub option as written, for checks
  std::vector<std::uint32_t> scrub_option_pos;
  std::vector<std::string> other_options;  // accepted options with no meaning for filtering

  // Translation: nat-to / rdr-to / binat-to, or `->` on nat / rdr / binat rules.
  std::unique_ptr<Redirection> nat_to;
  std::unique_ptr<Redirection> rdr_to;
  std::unique_ptr<Redirection> binat_to;
  std::unique_ptr<Redirection> arrow;

  // Anchors: name (may be empty), inline body.
  std::string anchor_name;
  bool has_body = false;
  std::vector<Statement> body;

  SourceLocation location;
  std::uint32_t pos = 0;
};

struct TableDef {
  std::string name;
  bool persist = false;
  bool constant = false;
  std::vector<Host> entries;
  std::vector<std::pair<std::string, std::uint32_t>> files;
  SourceLocation location;
  std::uint32_t pos = 0;
};

// `set name values...`
struct OptionSet {
  std::string name;
  std::vector<std::string> values;       // words after the name, braces and commas removed
  std::vector<InterfaceRef> interfaces;  // set skip on ...
  SourceLocation location;
  std::uint32_t pos = 0;
};

// altq on ... / queue name ...: kept for the checks pfctl makes, without meaning for filtering.
struct QueueDef {
  bool altq = false;
  std::string name;
  std::vector<std::string> words;  // the rest of the statement, tokenised
  SourceLocation location;
  std::uint32_t pos = 0;
};

struct LoadAnchor {
  std::string name;
  std::string file;
  SourceLocation location;
  std::uint32_t pos = 0;
};

// One statement; only the member of its kind is set (the others stay null), which keeps a
// parsed ruleset small.
struct Statement {
  enum class Kind { rule, table, option, queue, load_anchor };
  Kind kind = Kind::rule;
  RuleSpec rule;
  std::unique_ptr<TableDef> table;
  std::unique_ptr<OptionSet> option;
  std::unique_ptr<QueueDef> queue;
  std::unique_ptr<LoadAnchor> load;
};

}  // namespace fwaudit::pf
