// parsers/asa/lower_acl.cpp
// Access control entries to model rules, and ACLs to first-match policies with an implicit deny.
#include "parsers/asa/lower.hpp"

namespace fwaudit::asa {

Rule Lowering::lower_ace(const Ace& ace) {
  Rule r;
  r.location = loc(ace.at);
  r.action = ace.permit ? RuleAction::permit : RuleAction::deny;
  r.keeps_state = true;
  Match m = Match::exact(PacketSet::all());
  std::size_t src_count = 1, dst_count = 1;
  if (ace.kind == Ace::Kind::standard) {
    // A standard ACL matches destination addresses only (ASA command reference, access-list
    // standard); it is meant for route maps and VPN filters, not access-group.
    m &= operand_match(ace.destination, false, &dst_count);
  } else {
    m = protocol_match(ace.protocol);
    m &= operand_match(ace.source, true, &src_count);
    m &= Match::exact(port_match(ace.source_port, true));
    m &= operand_match(ace.destination, false, &dst_count);
    m &= Match::exact(port_match(ace.destination_port, false));
    if (!ace.icmp.any) {
      std::uint8_t proto = ace.protocol.kind == Protocol::Kind::number ? ace.protocol.number : 1;
      m &= Match::exact(icmp_match(ace.icmp, proto));
    }
  }
  expanded_aces_ += std::max<std::size_t>(src_count, 1) * std::max<std::size_t>(dst_count, 1) *
                    service_element_count(ace.protocol);
  if (!ace.time_range.empty()) {
    m.sure = PacketSet::none();
    m.unknowns.push_back("time-range '" + std::string(ace.time_range) +
                         "' (the rule applies only while the time range is active)");
  }
  if (!ace.unsupported.empty()) {
    m.sure = PacketSet::none();
    m.unknowns.push_back(ace.unsupported + " cannot be evaluated offline");
  }
  if (ace.inactive) {
    // ASA: "inactive" disables the ACE; it never matches (access-list extended, inactive keyword).
    m = Match::nothing();
  }
  for (const std::string& u : m.unknowns)
    warning("may-match", "this rule may match: " + u, ace.at);
  r.sure = m.sure;
  r.may = m.may;
  r.unknowns = m.unknowns;
  return r;
}

std::vector<Rule> Lowering::lower_acl(const AccessList& acl) {
  if (auto it = acl_cache_.find(acl.name); it != acl_cache_.end()) return it->second;
  std::vector<Rule> rules;
  for (const Ace& ace : acl.entries)
    if (ace.kind != Ace::Kind::remark) rules.push_back(lower_ace(ace));
  acl_cache_[acl.name] = rules;
  return rules;
}

PolicyId Lowering::acl_policy(std::string_view name, const std::string& policy_name,
                              RuleAction fallthrough, const std::string& fallthrough_label,
                              Where bound_at) {
  Policy p;
  p.name = policy_name;
  p.fallthrough = fallthrough;
  p.fallthrough_label = fallthrough_label;
  auto it = config_.acl_index.find(name);
  if (it == config_.acl_index.end()) {
    error("undefined-acl",
          "access-group binds access-list '" + std::string(name) + "', which is not defined",
          bound_at);
    p.location = loc(bound_at);
    p.fallthrough_location = loc(bound_at);
    return rs_.add_policy(std::move(p));
  }
  const AccessList& acl = config_.acls[it->second];
  bool has_extended = false;
  for (const Ace& a : acl.entries) {
    if (a.kind == Ace::Kind::extended) has_extended = true;
    if (a.kind == Ace::Kind::standard) {
      error("standard-acl-bound",
            "access-group needs an extended access-list; '" + std::string(name) +
                "' has standard entries",
            a.at, {bound_at});
      break;
    }
  }
  (void)has_extended;
  p.rules = lower_acl(acl);
  p.location = loc(acl.first);
  p.fallthrough_location = loc(acl.last);
  return rs_.add_policy(std::move(p));
}

}  // namespace fwaudit::asa
