// analyzer/checks/overbroad.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/checks/path_folds.hpp"
#include "analyzer/fold.hpp"

namespace fwaudit::checks {

// What one permitting rule (or a default policy that permits) lets through beyond what the
// requirements need.
struct Excess {
  RuleRef by;
  PacketSet packets;    // possibly permitted NEW packets not in the allowed set
  bool certain = true;  // false when the rule only may match those packets
};

// The permits of path `path` over the NEW packets of `scope` that reach beyond `allowed`, one per
// permitting rule, largest first. Proven on the may side (DESIGN.md): a rule that might match
// counts.
std::vector<Excess> excess_permits(const Ruleset& rs, PathKind path, const PacketSet& scope,
                                   const PacketSet& allowed, const PathFolds* folds = nullptr);

// The services of a set per protocol: "tcp 22, 80-65535; udp any port; icmp".
std::string describe_services(const PacketSet& s);
// How many destination ports (summed over tcp / udp) the set covers, for the severity scale.
std::size_t port_count(const PacketSet& s);

}  // namespace fwaudit::checks
