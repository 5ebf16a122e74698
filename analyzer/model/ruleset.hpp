// analyzer/model/ruleset.hpp
#pragma once

#include <array>
#include <optional>
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
  Stage() = default;
  Stage(Kind k, PolicyId p, std::optional<Family> f = std::nullopt)
      : kind(k), policy(p), family(f) {}

  Kind kind = Kind::filter;
  PolicyId policy = kNoPolicy;
  // Set: only packets of this family meet the stage, the others pass it untouched (an iptables
  // table never sees IPv6 packets, an ip6tables one never IPv4).
  std::optional<Family> family;

  bool applies_to(Family f) const { return !family || *family == f; }
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
  // Whether path k has no stage at all (nothing filters it) or some stage handles packets of
  // family f. A configuration says nothing about a family only its other stages are limited to
  // (an ip6tables-save file about IPv4).
  bool covers(PathKind k, Family f) const;
};

// One firewall from several configurations that each filter other address families (the
// iptables-save and ip6tables-save files of one host): the policies side by side, each path the
// stages of both, every stage limited to its configuration's family. Diagnostics, files,
// interfaces and statistics are joined. Throws InputError when the configurations are of
// different vendors or their families overlap.
Ruleset combine_families(std::vector<Ruleset> parts);

}  // namespace fwaudit
