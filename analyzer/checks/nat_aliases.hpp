// analyzer/checks/nat_aliases.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/checks/path_folds.hpp"
#include "analyzer/checks/required_flow.hpp"
#include "analyzer/model/ruleset.hpp"

namespace fwaudit::checks {

// A destination address that a translation on the path rewrites onto a real address (DNAT,
// pf rdr-to, ASA static NAT seen from the other side).
struct NatAlias {
  std::vector<IpPrefix> addresses;  // the public (mapped) addresses
  SourceLocation rule;              // the translating rule
  std::string description;          // the translation in the vendor's words
};

// The aliases under which packets `entering` the path (any destination address) reach one of
// `real` after translation. Translations are taken in context, as the fold of the path applies
// them to `entering` (`folds`: the shared folds, else one of its own); translations that would
// map every destination are ignored.
std::vector<NatAlias> nat_aliases(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                  const std::vector<IpPrefix>& real,
                                  const PathFolds* folds = nullptr);

// The flow as peers really send it: when `flow.to` has addresses a translation maps onto, one
// flow per alias toward the public addresses (with `nat_note` set), plus the flow toward the
// real addresses unless `aliases_only` (peers that cannot reach the real address, the internet).
std::vector<RequiredFlow> with_nat_aliases(const Ruleset& rs, const RequiredFlow& flow,
                                           bool aliases_only, const PathFolds* folds = nullptr);

}  // namespace fwaudit::checks
