// reports/audit_suggest.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/packet_set.hpp"

namespace fwaudit::reports {

// A permit rule to propose for a blocked required flow, in neutral terms; suggest_rule() writes
// it in the configuration's own syntax.
struct RuleProposal {
  std::string vendor;  // "iptables", "pf", "asa"
  // Where it goes: an iptables chain ("FORWARD"), an ASA ACL name, ignored for pf (quick rules).
  std::string container;
  int position = 0;              // 1-based position to insert at; 0: append at the end
  bool container_exists = true;  // ASA: false when no ACL is bound to the ingress interface
  std::vector<std::uint8_t> protocols;
  std::vector<PortRange> dports;
  std::vector<IpPrefix> src;  // empty: any
  std::vector<IpPrefix> dst;
  std::string in_if;  // empty: any (or the firewall itself)
  std::string out_if;
  bool to_firewall = false;    // input path
  bool from_firewall = false;  // output path
};

// One line (or a few, for ASA when an access-group is needed) of configuration.
std::string suggest_rule(const RuleProposal& p);

// The command that removes a rule given by its configuration line: iptables `-D` with the rule's
// specification (and the table of `container`, "CHAIN -t TABLE"), ASA `no access-list ...`; pf
// has no such command, so the line commented out.
std::string suggest_removal(const std::string& vendor, const std::string& container,
                            const std::string& rule_text);

// A comment line in the configuration's syntax (`# ...`, ASA `! ...`).
std::string comment_line(const std::string& vendor, const std::string& text);

// What lets the replies of permitted connections back: for iptables an ESTABLISHED,RELATED
// accept at the top of `container` (the chain that dropped them); for pf the `stateless_rule` that
// permitted the connection, keeping state. Empty when there is nothing to propose.
std::string suggest_reply_rule(const std::string& vendor, const std::string& container,
                               const std::string& stateless_rule);

}  // namespace fwaudit::reports
