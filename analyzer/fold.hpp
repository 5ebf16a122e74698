// analyzer/fold.hpp
#pragma once

#include <map>
#include <vector>

#include "analyzer/evaluate.hpp"
#include "analyzer/model/ruleset.hpp"

namespace fwaudit {

// A rule of a ruleset, or (rule == -1) the fallthrough of a policy.
struct RuleRef {
  PolicyId policy = kNoPolicy;
  int rule = -1;
  bool is_fallthrough() const { return rule < 0; }
  auto operator<=>(const RuleRef&) const = default;
};

// The packets one rule decides on a path. `sure`: they surely reach the rule and surely match it;
// `may`: they possibly do. Sets are in terms of packets as they enter the path (before NAT).
struct Decision {
  RuleRef by;
  Verdict verdict = Verdict::deny;
  PacketSet sure;
  PacketSet may;
};

// A path folded over a set of entering packets: what it surely / possibly permits, and the
// partition of the set by deciding rule (attribution and trace for every check).
struct PathFold {
  PacketSet permitted_sure;
  PacketSet permitted_may;
  // Permitted with state kept by every deciding rule: replies pass (implicit-state vendors).
  PacketSet stateful_sure;
  std::vector<Decision> decisions;

  // The decisions that overlap `s`, surely-first.
  std::vector<const Decision*> deciding(const PacketSet& s) const;

  // Packets that moved through the path together up to some point: `packets` as they are there,
  // rewritten by `chain` from the entering packets `origin`.
  struct Moved {
    std::vector<HeaderRewrite> chain;
    PacketSet origin;
    PacketSet packets;
  };

  // Surely permitted entering packets as the path's last filter stage sees them, after the
  // translations before it (iptables DNAT in PREROUTING, not SNAT in POSTROUTING). Replies of a
  // translated connection meet the filter as these packets swapped: conntrack undoes DNAT after
  // the reply's filter and SNAT before it.
  PacketSet as_filtered(const PacketSet& entering) const;
  // What surely left the last filter stage of each family, as that stage saw it.
  std::vector<Moved> filtered;

  // Entering packets that possibly leave the path as one of `leaving`, after every translation
  // (toward the public address, those a rdr-to sends to the appliance and not elsewhere).
  PacketSet entering_toward(const PacketSet& leaving) const;
  // What possibly left the path after some translation, as it leaves.
  std::vector<Moved> delivered;

  // Entering packets a translating rule possibly rewrote (an unknown table before it leaves the
  // translation possible, not sure), in the context of the calls that led to it (a DNAT in a user
  // chain applies only to what the jump sends there), with the rewrites up to and including its
  // own. NAT aliases of an address are read from these.
  struct Translated {
    RuleRef by;
    std::vector<HeaderRewrite> chain;
    PacketSet origin;
  };
  std::vector<Translated> translated;

  // Entering packets that possibly reach the first rule of each policy the fold went through
  // (a stage's policy, a user chain, an interface ACL): the context rules are judged in.
  std::map<PolicyId, PacketSet> reached;
};

PathFold fold_path(const Ruleset& rs, PathKind kind, const PacketSet& entering);

}  // namespace fwaudit
