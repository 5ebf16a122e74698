// analyzer/checks/compliance.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/checks/path_folds.hpp"
#include "analyzer/checks/required_flow.hpp"
#include "analyzer/fold.hpp"

namespace fwaudit::checks {

// How much of a required flow a ruleset lets through (docs/audit.md).
enum class Status {
  satisfied,       // every NEW packet surely permitted, replies too
  partial,         // some surely permitted, the rest surely blocked
  missing,         // nothing permitted
  uncertain,       // depends on rules that may or may not match
  unverifiable,    // a role is not bound in the site profile
  not_applicable,  // feature off, or both ends on the same side of the firewall
};

inline const char* to_string(Status s) {
  switch (s) {
    case Status::satisfied:
      return "satisfied";
    case Status::partial:
      return "partial";
    case Status::missing:
      return "missing";
    case Status::uncertain:
      return "uncertain";
    case Status::unverifiable:
      return "unverifiable";
    case Status::not_applicable:
      return "not_applicable";
  }
  return "invalid";
}

// A rule (or default policy) that decided part of a flow, with what it decided.
struct Responsible {
  RuleRef ref;
  Verdict verdict = Verdict::deny;
  bool certain = true;  // false: it only may match (its rule's unknowns say why)
};

// The reply direction of the surely permitted part.
struct ReturnPath {
  bool checked = false;  // false when replies could not be computed (see `note`)
  bool ok = true;        // false: some replies surely do not pass
  PacketSet blocked;     // replies (as they travel back) that surely do not pass
  // Otherwise (ok): replies that pass only if rules that may match decide so (ipset, -m limit);
  // `responsible` names those rules and `unknowns` why.
  PacketSet unsure;
  std::optional<Packet> witness;
  std::vector<Responsible> responsible;
  std::vector<std::string> unknowns;
  std::string note;

  bool uncertain() const { return ok && !unsure.empty(); }
};

struct Compliance {
  Status status = Status::missing;
  PacketSet required;   // the flow's NEW packets
  PacketSet permitted;  // surely permitted
  PacketSet blocked;    // surely not permitted
  PacketSet unsure;     // possibly permitted
  std::string summary;  // "udp permitted, tcp blocked"
  // A blocked (or unsure) packet when not satisfied, else a permitted one.
  std::optional<Packet> witness;
  // Who blocked the blocked part (or left the unsure part open); for satisfied, who permitted.
  std::vector<Responsible> responsible;
  std::vector<std::string> unknowns;  // why the unsure part is unsure
  ReturnPath replies;
};

// Folds the flow along its path and classifies it; then checks the replies of what passes:
// with implicit state (pf, ASA) the permitting rules must keep state; otherwise (iptables) the
// replies, as ESTABLISHED packets, are folded along the reverse path.
// With `folds`, the shared per-path folds are read instead of folding the flow on its own.
Compliance check_compliance(const Ruleset& rs, const RequiredFlow& flow,
                            const PathFolds* folds = nullptr);

// The rules that let `part` through a path: a packet passes every filter stage, so each is
// attributed to the permit rules of the last filter stage that has one for it (a chain's ACCEPT
// rather than the raw table's policy); what no rule permits, to the default policies of the last
// stage that filters, then of stages that let everything through; surely-deciding first.
std::vector<Responsible> permitting_rules(const Ruleset& rs, PathKind path, const PathFold& fold,
                                          const PacketSet& part);

// The path replies take: input <-> output, forward stays.
PathKind reverse_path(PathKind k);

}  // namespace fwaudit::checks
