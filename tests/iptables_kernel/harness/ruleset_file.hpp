// tests/iptables_kernel/harness/ruleset_file.hpp
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "harness/addr.hpp"
#include "harness/saved_rules.hpp"

namespace fwk {

// The values a ruleset's rules test, from which boundary packets are drawn.
struct RuleValues {
  std::vector<Masked> networks;               // -s, -d, --to-destination
  std::vector<std::pair<Addr, Addr>> ranges;  // --src-range, --dst-range
  std::vector<std::pair<int, int>> ports;     // --sport/--dport/--ports..., single = {p, p}
  std::set<int> protocols;                    // -p, as numbers
  std::vector<std::pair<int, int>> icmp;      // --icmp-type / --icmpv6-type: {type, code or -1}
};

// What one rule asks of a packet, for drawing packets that match it. Negated matches and the
// ones the harness does not read leave their field free.
struct RuleSketch {
  std::string table, chain;
  int line = 0;
  int proto = -1;  // -1: any
  std::optional<Masked> src, dst;
  std::optional<std::pair<Addr, Addr>> src_range, dst_range;
  std::vector<std::pair<int, int>> sports, dports;  // alternatives; empty: any
  std::vector<std::pair<int, int>> either_ports;    // multiport --ports
  std::optional<std::pair<int, int>> icmp;          // {type, code or -1}
  std::string in_if, out_if;                        // may end in '+'
};

// One test ruleset: an iptables-save (or ip6tables-save) file with `# fwk:` header lines:
//   # fwk: family=ipv6 paths=input,forward,output packets=100 established=8 related=4
//   # fwk: backends=legacy
//   # fwk-about: what the ruleset is for
// family defaults to ipv4, paths to all three, packets to 100, established and related to 0,
// backends to nft,legacy (a ruleset that one backend loads wrongly names the other only).
struct RulesetFile {
  std::string path;
  std::string name;  // file name without .rules
  std::string text;
  std::string about;
  bool v6 = false;
  std::set<std::string> paths;
  int packets = 100;
  int established = 0;
  int related = 0;
  std::set<std::string> backends = {"nft", "legacy"};  // where the kernel's answer is the reference
  std::vector<SavedTable> tables;  // the file itself, parsed: rule positions and lines
  RuleValues values;
  std::vector<RuleSketch> sketches;  // one per rule, in file order
};

// Throws std::runtime_error with the file name and line on a malformed file or header.
RulesetFile load_ruleset(const std::string& path);
RulesetFile parse_ruleset(const std::string& path, std::string text);

// Protocol numbers and ICMP type names as iptables spells them; -1 when unknown.
int protocol_number(const std::string& name);
std::pair<int, int> icmp_type_code(const std::string& spec, bool v6);

}  // namespace fwk
