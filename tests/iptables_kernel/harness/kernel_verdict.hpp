// tests/iptables_kernel/harness/kernel_verdict.hpp
#pragma once

#include <string>
#include <string_view>

#include "harness/saved_rules.hpp"

namespace fwk {

// What the kernel did with one packet in one built-in chain of the filter table, read from the
// counters of two `iptables-save -c` snapshots taken before and after the packet.
struct KernelVerdict {
  enum class Kind {
    permit,        // ACCEPT rule or ACCEPT policy
    deny,          // DROP / REJECT rule or DROP policy
    unknown,       // QUEUE / NFQUEUE or a target the harness does not know
    unobserved,    // no counter of the chain moved: the packet never got there (yet)
    inconsistent,  // counters moved that one traversal cannot explain
  };
  Kind kind = Kind::unobserved;
  std::string chain;    // chain of the deciding rule, or the built-in chain for its policy
  int rule_index = -1;  // 0-based index in `chain`; -1 when the policy decided
  std::string detail;   // the deciding target / policy, or what was inconsistent
};

const char* to_string(KernelVerdict::Kind k);

// Replays the traversal of `hook_chain` (INPUT, FORWARD or OUTPUT) that the counter increments
// between `before` and `after` prove: matched rules are those whose counter moved; jumps enter
// user chains, -g replaces the caller, RETURN and the end of a user chain go back, ACCEPT / DROP /
// REJECT decide, other targets (LOG, MARK...) continue, and the end of the built-in chain falls
// to its policy. Every counter increment in the chains it can reach must be used up by that
// replay; otherwise the answer is `inconsistent`.
KernelVerdict decide(const SavedTable& before, const SavedTable& after,
                     std::string_view hook_chain);

}  // namespace fwk
