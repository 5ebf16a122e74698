// analyzer/checks/wide_rules.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/checks/path_folds.hpp"
#include "analyzer/fold.hpp"

namespace fwaudit::checks {

// A permit that is wide on its own, whatever the requirements: it lets a service through from any
// source to any destination, or opens many ports (or every protocol) to the internet.
struct WideRule {
  enum class Kind { any_to_any, internet_wide };
  Kind kind = Kind::any_to_any;
  RuleRef by;
  PacketSet permitted;  // what the rule lets through on this path (in its context)
  Packet witness;
};

// The permits of `path`, in context (what reaches each rule there), over the NEW packets of
// `entering`; `internet` = packets from the internet zone. A rule opens "many ports" at
// `port_threshold` tcp/udp ports or more.
std::vector<WideRule> wide_permits(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                   const PacketSet& internet, const PathFolds* folds = nullptr,
                                   std::size_t port_threshold = 1000);

}  // namespace fwaudit::checks
