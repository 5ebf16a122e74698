// tests/iptables_kernel/harness/ruleset_file.hpp
#pragma once

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

// One test ruleset: an iptables-save (or ip6tables-save) file with `# fwk:` header lines:
//   # fwk: family=ipv6 paths=input,forward,output packets=100 established=8 related=4
//   # fwk-about: what the ruleset is for
// family defaults to ipv4, paths to all three, packets to 100, established and related to 0.
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
  std::vector<SavedTable> tables;  // the file itself, parsed: rule positions and lines
  RuleValues values;
};

// Throws std::runtime_error with the file name and line on a malformed file or header.
RulesetFile load_ruleset(const std::string& path);
RulesetFile parse_ruleset(const std::string& path, std::string text);

// Protocol numbers and ICMP type names as iptables spells them; -1 when unknown.
int protocol_number(const std::string& name);
std::pair<int, int> icmp_type_code(const std::string& spec, bool v6);

}  // namespace fwk
