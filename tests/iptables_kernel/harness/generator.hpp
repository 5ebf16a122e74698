// tests/iptables_kernel/harness/generator.hpp
#pragma once

#include <cstdint>
#include <vector>

#include "harness/probe.hpp"
#include "harness/ruleset_file.hpp"

namespace fwk {

// Test packets for one ruleset, the same for the same (ruleset, seed):
//  - boundary packets: each address the rules name (first and last address of a prefix or
//    range and the ones just outside; for a non-contiguous mask, also single flipped bits),
//    each port (first/last of a range and its neighbours) and each ICMP type/code the rules
//    name, once as source and once as destination where that makes sense;
//  - `packets` random NEW packets: protocols, addresses and ports drawn half from the values the
//    rules name, half from the hosts behind each interface;
//  - `established` replies and `related` ICMP errors of connections set up beforehand.
// No two packets share a connection (nor its reply direction), so each one's conntrack state is
// the one it was built for.
std::vector<Probe> generate_probes(const RulesetFile& ruleset, std::uint64_t seed);

}  // namespace fwk
