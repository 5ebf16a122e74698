// analyzer/model/rule.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/packet_set.hpp"
#include "analyzer/source_location.hpp"

namespace fwaudit {

using PolicyId = int;
inline constexpr PolicyId kNoPolicy = -1;

enum class RuleAction {
  permit,     // ends the stage: the packet goes on to the next stage
  deny,       // ends the path: dropped silently
  reject,     // ends the path: dropped with an error sent back
  call,       // evaluate `target`; when it returns, continue after this rule (iptables -j CHAIN)
  go_to,      // evaluate `target`; when it returns, return from this policy too (iptables -g)
  return_,    // leave this policy and continue in the caller (the fallthrough at top level)
  next,       // no verdict, evaluation continues (LOG, MARK, pf `match` without translation)
  translate,  // rewrite the header per `translation` and end the (translation) stage
  unknown,    // the verdict cannot be known offline (QUEUE, NFQUEUE)
};

const char* to_string(RuleAction a);
bool is_terminal_verdict(RuleAction a);  // permit, deny, reject, unknown

// NAT applied by a `translate` rule. An empty rewrite with `exempt` is a NAT exemption.
struct Translation {
  HeaderRewrite rewrite;
  bool exempt = false;
  // Set when the new address cannot be known offline (MASQUERADE, pf `(if)` with no address).
  std::string unknown_reason;
  std::string description;  // in the vendor's words, e.g. "DNAT to 10.0.0.5:25"
};

// One rule of a policy, after vendor lowering. `sure` is what the rule certainly matches, `may`
// what it possibly matches (sure ⊆ may); they differ when a match depends on things fwaudit
// cannot know offline, named in `unknowns`.
struct Rule {
  PacketSet sure;
  PacketSet may;
  RuleAction action = RuleAction::next;
  PolicyId target = kNoPolicy;  // for call / go_to
  std::optional<Translation> translation;
  bool keeps_state = true;  // for vendors with implicit state (pf `no state` clears it)
  bool rejects_with_reset = false;
  SourceLocation location;
  std::vector<std::string> unknowns;

  bool certain() const { return unknowns.empty(); }
};

}  // namespace fwaudit
