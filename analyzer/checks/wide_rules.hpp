// analyzer/checks/wide_rules.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/checks/path_folds.hpp"
#include "analyzer/fold.hpp"

namespace fwaudit::checks {

// A permit that is wide on its own, whatever the requirements: it lets a service through from any
// source to any destination, opens many ports (or every protocol) to the internet, or opens a
// port range far wider than any requirement needs.
struct WideRule {
  enum class Kind { any_to_any, internet_wide, wide_range };
  Kind kind = Kind::any_to_any;
  RuleRef by;
  PacketSet permitted;  // what the rule lets through on this path (in its context)
  Packet witness;
};

// When a permit is wide (tcp/udp destination ports summed over both protocols).
struct WideLimits {
  std::size_t internet_ports = 1000;  // open to the internet zone
  // An explicit range (not every port of the protocol) from anywhere; 0: not checked.
  std::size_t range_ports = 0;
};

// The permits of `path`, in context (what reaches each rule there), over the NEW packets of
// `entering`; `internet` = packets from the internet zone. Each rule is reported once, under the
// first kind it has in the order of WideRule::Kind. An any-to-any witness is taken from the
// internet toward `preferred` (the appliance's traffic) when the rule permits such a packet.
std::vector<WideRule> wide_permits(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                   const PacketSet& internet, const PathFolds* folds = nullptr,
                                   const WideLimits& limits = {},
                                   const PacketSet& preferred = PacketSet::none());

}  // namespace fwaudit::checks
