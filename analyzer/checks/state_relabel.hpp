// analyzer/checks/state_relabel.hpp
#pragma once

#include "analyzer/packet_set.hpp"

namespace fwaudit::checks {

// The packets of `s` with their connection state replaced by `state` (every other field kept).
// Built from the set's cubes: exact for flow-shaped sets; a set with more than `limit` cubes or
// an interface constraint that cubes cannot name is over-approximated (`*exact` says so).
PacketSet with_state(const PacketSet& s, ConnState state, bool* exact = nullptr,
                     std::size_t limit = 512);

}  // namespace fwaudit::checks
