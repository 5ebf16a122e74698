// analyzer/evaluate.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/model/ruleset.hpp"

namespace fwaudit {

enum class Verdict { permit, deny };
const char* to_string(Verdict v);

// One step of an evaluation, in the spirit of ASA's packet-tracer: which policy, which rule, what
// happened there.
struct TraceStep {
  std::string policy;
  int rule_index = -1;  // -1: the policy's fallthrough, or a step that is not a rule
  SourceLocation location;
  std::string event;  // "match: jump to LOGDROP", "uncertain match (...)", "fallthrough: DROP"
};

struct Evaluation {
  Verdict verdict = Verdict::deny;
  // False when some rule on the way may or may not match (ipset, -m limit, pf probability...):
  // `verdict` is then the one obtained when every uncertain match is taken as not matching.
  bool certain = true;
  std::optional<SourceLocation> rule;   // the deciding rule; nullopt: a fallthrough decided
  std::string decided_by;               // the rule's text or "policy DROP of filter/INPUT"
  SourceLocation fallthrough_location;  // set when a fallthrough decided
  Packet translated;                    // the packet as it leaves, after NAT
  std::vector<TraceStep> trace;
  std::vector<std::string> unknowns;
};

// The fate of one packet. The path (input / output / forward) follows from its interfaces. For a
// ruleset with implicit state, a packet of state ESTABLISHED is taken as the reply of a connection
// and passes when its first packet would have been permitted by state-keeping rules.
Evaluation evaluate(const Ruleset& rs, const Packet& p);

}  // namespace fwaudit
