// parsers/asa/lower.hpp
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/ruleset.hpp"
#include "parsers/asa/syntax_tree.hpp"
#include "parsers/parse_options.hpp"

// Lowering of the ASA syntax tree to the vendor-neutral model. The pass is split by topic:
// lower_objects.cpp (objects and groups to packet sets), lower_acl.cpp (ACEs and ACL policies),
// lower_nat.cpp (translate policies), lower_paths.cpp (interfaces, security levels, the stages of
// each path, to-the-box access) and lower.cpp (the whole pass, statistics, reference checks).
namespace fwaudit::asa {

// One element of an expanded network operand, as `show access-list` would list it.
struct AddressElement {
  enum class Kind { any, family, prefix, range, unknown };
  Kind kind = Kind::any;
  Family family = Family::ipv4;
  IpPrefix prefix;
  IpAddress lo, hi;
  std::string unknown;  // why the addresses cannot be known offline (fqdn, dhcp interface)
  std::string to_string() const;
};

// What a match surely / possibly covers, and why the two differ.
struct Match {
  PacketSet sure;
  PacketSet may;
  std::vector<std::string> unknowns;

  static Match exact(PacketSet s) { return {s, s, {}}; }
  static Match nothing() { return {PacketSet::none(), PacketSet::none(), {}}; }
  Match& operator&=(const Match& o);
  Match& operator|=(const Match& o);
};

class Lowering {
 public:
  Lowering(const Config& config, const ParseOptions& options, Ruleset& out);
  void run();

  // ---- objects (lower_objects.cpp) ----
  // The elements of a network operand, objects and nested groups resolved.
  std::vector<AddressElement> expand(const Address& a);
  std::vector<AddressElement> expand_network_group(std::string_view name, Where used_at);
  std::vector<AddressElement> expand_network_object(std::string_view name, Where used_at);
  std::vector<AddressElement> interface_addresses(std::string_view nameif, Where used_at);
  Match address_match(const std::vector<AddressElement>& elements, bool source) const;
  // The match of an ACE operand; named objects and groups are computed once per side.
  // `count` receives the number of elements (for the expanded-ACE statistic).
  Match operand_match(const Address& a, bool source, std::size_t* count);
  // Protocol and ports of a service (object service, service-object, ACE protocol position).
  Match service_match(const ServiceSpec& s);
  Match protocol_match(const Protocol& p);
  PacketSet port_match(const PortMatch& m, bool source);
  PacketSet icmp_match(const IcmpMatch& m, std::uint8_t protocol);
  // Elements of a service group after nesting (each a set of protocol+ports), for statistics.
  std::size_t service_element_count(const Protocol& p);
  // Adds an error for every cycle of object-group nesting; true when there is none.
  bool check_group_cycles();

  // ---- ACLs (lower_acl.cpp) ----
  std::vector<Rule> lower_acl(const AccessList& acl);
  Rule lower_ace(const Ace& ace);
  PolicyId acl_policy(std::string_view acl, const std::string& policy_name, RuleAction fallthrough,
                      const std::string& fallthrough_label, Where bound_at);

  // ---- NAT (lower_nat.cpp) ----
  // Policies of the translate stages: destination untranslation and source translation.
  void lower_nat(PolicyId& untranslate, PolicyId& translate);

  // ---- paths (lower_paths.cpp) ----
  void lower_interfaces();
  void lower_paths();

  const Config& config() const { return config_; }

 private:
  friend struct LoweringAccess;
  const Config& config_;
  const ParseOptions& options_;
  Ruleset& rs_;

  std::map<std::string_view, std::vector<AddressElement>> group_cache_;
  std::map<std::string_view, bool> group_busy_;
  std::map<std::string_view, std::vector<Rule>> acl_cache_;
  struct CachedOperand {
    Match match;
    std::size_t count = 0;
  };
  std::map<std::pair<std::string_view, int>, CachedOperand> operand_cache_;
  std::map<std::string_view, std::pair<Match, std::size_t>> service_group_cache_;
  std::size_t expanded_aces_ = 0;
  int nesting_ = 0;  // current object-group nesting depth while expanding

  SourceLocation loc(Where w) const { return config_.location(w); }
  void error(std::string code, std::string message, Where at, std::vector<Where> related = {});
  void warning(std::string code, std::string message, Where at);
  const ObjectGroup* group_of_kind(std::string_view name, ObjectGroup::Kind kind, Where used_at,
                                   const char* expected);
  Match protocol_group_match(const ObjectGroup& g, std::size_t* count);
  PacketSet port_group_match(const ObjectGroup& g, bool source, int depth);
  PacketSet icmp_group_match(const ObjectGroup& g, std::uint8_t protocol, int depth);
  Match service_object_match(std::string_view name, Where used_at);
  std::vector<AddressElement> expand_group_members(const ObjectGroup& g);
  int security_level(const Interface& i) const;
  void lower_management();
};

const char* to_string(ObjectGroup::Kind k);

}  // namespace fwaudit::asa
