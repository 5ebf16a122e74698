// analyzer/model/ruleset.hpp
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/diagnostic.hpp"
#include "analyzer/model/policy.hpp"

namespace fwaudit {

// The three ways a packet crosses a firewall host.
enum class PathKind { input = 0, output = 1, forward = 2 };  // to it / from it / through it
inline constexpr int kPathKindCount = 3;
const char* to_string(PathKind k);
// input when out_if is the firewall itself, output when in_if is, forward otherwise.
PathKind path_of(const Packet& p);

// One step of a path: a policy that filters, or one that translates (NAT).
struct Stage {
  enum class Kind { filter, translate };
  Kind kind = Kind::filter;
  PolicyId policy = kNoPolicy;
};

// An interface as the configuration declares it (ASA nameif, pf interface with addresses).
struct Interface {
  std::string name;
  std::vector<IpPrefix> addresses;
  int security_level = -1;  // ASA only
  SourceLocation location;
};

// One configuration in vendor-neutral form: policies, the stages of each path, diagnostics.
struct Ruleset {
  std::string vendor;   // "iptables", "pf", "asa"
  std::string dialect;  // e.g. "openbsd", "freebsd", "asa 9.x"
  std::vector<std::string> files;
  std::vector<Policy> policies;
  std::array<std::vector<Stage>, kPathKindCount> paths;
  // Replies of a connection pass without rule evaluation when the rules that let its first
  // packet through kept state (pf, ASA). With false (iptables) replies meet the rules as usual.
  bool implicit_state = false;
  std::vector<Interface> interfaces;
  Diagnostics diagnostics;
  // Vendor counts shown by `fwaudit parse` ("rules", "chains", "object-groups", "macros"...).
  std::vector<std::pair<std::string, std::size_t>> statistics;

  PolicyId add_policy(Policy p);
  PolicyId find_policy(std::string_view name) const;  // kNoPolicy when absent
  const Policy& policy(PolicyId id) const { return policies.at(static_cast<std::size_t>(id)); }
  Policy& policy(PolicyId id) { return policies.at(static_cast<std::size_t>(id)); }
  const std::vector<Stage>& path(PathKind k) const { return paths[static_cast<int>(k)]; }
  std::vector<Stage>& path(PathKind k) { return paths[static_cast<int>(k)]; }
  std::size_t rule_count() const;
};

}  // namespace fwaudit
