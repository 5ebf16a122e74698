// analyzer/checks/zone_matrix.hpp
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/path_folds.hpp"
#include "analyzer/checks/required_flow.hpp"

namespace fwaudit::checks {

// What one zone can open toward another through the firewall: NEW packets, read from the shared
// per-path folds.
struct ZoneCell {
  std::size_t from = 0;  // indexes into the zones given to zone_matrix()
  std::size_t to = 0;
  PathKind path = PathKind::forward;  // input: toward the firewall zone, output: from it
  PacketSet permitted;                // surely permitted
  PacketSet uncertain;                // possibly permitted, not surely (rules that may match)
  // The permits of both parts, surely-deciding first; then the rules that may match which leave
  // the uncertain part open (whatever their verdict).
  std::vector<Responsible> rules;
};

// Every ordered pair of distinct zones, row by row: `from` in the zones' order, then `to`.
// Each cell reads the fold of its path from `folds` (nothing is folded per cell).
std::vector<ZoneCell> zone_matrix(const PathFolds& folds, const std::vector<FlowEnd>& zones);

// A cell's services for people: "" for nothing, "any" for every protocol on every port, else
// per protocol: "tcp 25, 443; icmp". With `besides`, only the services of `s` (protocol and
// destination port, whatever the addresses) that `besides` has nowhere: the uncertain part of a
// cell beyond its surely permitted services.
std::string cell_services(const PacketSet& s, const PacketSet& besides = PacketSet::none());

}  // namespace fwaudit::checks
