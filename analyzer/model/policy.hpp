// analyzer/model/policy.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/model/rule.hpp"

namespace fwaudit {

// An ordered rule list evaluated first-match: an iptables chain, an ASA ACL, a pf ruleset or
// anchor already put in first-match order by its lowering.
struct Policy {
  std::string name;  // "filter/INPUT", "acl outside_access_in", "pf in"
  std::vector<Rule> rules;
  // What happens to a packet no rule decides: permit, deny, reject or return_ (to the caller;
  // at the top of a stage, return_ means the stage lets the packet go on, like permit).
  RuleAction fallthrough = RuleAction::return_;
  // Where the fallthrough comes from (":INPUT DROP [0:0]", an ASA implicit deny's ACL) and how
  // to name it to a person ("policy DROP of filter/INPUT").
  SourceLocation fallthrough_location;
  std::string fallthrough_label;
  SourceLocation location;  // where the policy is declared
};

}  // namespace fwaudit
