// analyzer/model/rule.cpp
#include "analyzer/model/rule.hpp"

namespace fwaudit {

const char* to_string(RuleAction a) {
  switch (a) {
    case RuleAction::permit:
      return "permit";
    case RuleAction::deny:
      return "deny";
    case RuleAction::reject:
      return "reject";
    case RuleAction::call:
      return "call";
    case RuleAction::go_to:
      return "goto";
    case RuleAction::return_:
      return "return";
    case RuleAction::next:
      return "next";
    case RuleAction::translate:
      return "translate";
    case RuleAction::unknown:
      return "unknown";
  }
  return "unknown";
}

bool is_terminal_verdict(RuleAction a) {
  return a == RuleAction::permit || a == RuleAction::deny || a == RuleAction::reject ||
         a == RuleAction::unknown;
}

}  // namespace fwaudit
