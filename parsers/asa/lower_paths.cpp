// parsers/asa/lower_paths.cpp
// Interfaces, security levels and the stages each path goes through:
//   forward (8.3+): NAT untranslate destination -> interface checks -> access-group in (interface
//                   ACL, global ACL, or security levels) -> access-group out -> NAT translate
//                   source
//   forward (pre-8.3): the same filters first, then both NAT steps (ACLs see wire addresses)
//   input: to-the-box management access (ssh, telnet, http, icmp commands)
//   output: traffic from the ASA itself is not filtered
#include <map>

#include "parsers/asa/lower.hpp"

namespace fwaudit::asa {

int Lowering::security_level(const Interface& i) const {
  if (i.security_level >= 0) return i.security_level;
  // ASA: naming an interface "inside" gives it level 100 unless set; any other name level 0
  // (command reference, nameif).
  return i.nameif == "inside" ? 100 : 0;
}

void Lowering::lower_interfaces() {
  for (const Interface& i : config_.interfaces) {
    if (i.nameif.empty()) continue;
    fwaudit::Interface out;
    out.name = std::string(i.nameif);
    out.addresses = i.addresses;
    out.security_level = security_level(i);
    out.location = loc(i.nameif_at.line ? i.nameif_at : i.at);
    rs_.interfaces.push_back(std::move(out));
  }
}

namespace {

Rule make_rule(PacketSet match, RuleAction action, SourceLocation where) {
  Rule r;
  r.sure = match;
  r.may = match;
  r.action = action;
  r.location = std::move(where);
  return r;
}

}  // namespace

void Lowering::lower_paths() {
  const Config& c = config_;
  std::vector<const Interface*> named;
  for (const Interface& i : c.interfaces)
    if (!i.nameif.empty()) named.push_back(&i);

  // access-group bindings; a later binding of the same interface and direction replaces the
  // earlier one, as on the ASA.
  std::map<std::string_view, const AccessGroup*> in_acl, out_acl;
  const AccessGroup* global = nullptr;
  for (const AccessGroup& ag : c.access_groups) {
    if (ag.control_plane) {
      ++const_cast<Config&>(c).unsupported_lines;
      rs_.diagnostics.unsupported("control-plane-acl",
                                  "access-group ... control-plane (to-the-box ACL) is not modelled",
                                  loc(ag.at));
      continue;
    }
    if (ag.direction == AccessGroup::Direction::global) {
      global = &ag;
      continue;
    }
    if (c.interface_by_nameif(ag.interface_) == nullptr) {
      warning("undefined-interface",
              "access-group names interface '" + std::string(ag.interface_) +
                  "', which no nameif defines; the binding has no effect",
              ag.at);
      continue;
    }
    (ag.direction == AccessGroup::Direction::in ? in_acl : out_acl)[ag.interface_] = &ag;
  }

  PolicyId untranslate = kNoPolicy, translate = kNoPolicy;
  bool has_nat = false;
  for (const NatRule& n : c.nats)
    if (!n.inactive) has_nat = true;
  if (has_nat) lower_nat(untranslate, translate);

  // Interface checks: shut down and management-only interfaces pass no traffic through; equal
  // security levels need same-security-traffic (ASA command reference, same-security-traffic).
  Policy checks;
  checks.name = "interface checks (shutdown, management-only, same-security-traffic)";
  checks.fallthrough = RuleAction::return_;
  checks.fallthrough_label = "interface checks passed";
  for (const Interface* i : named) {
    PacketSet on = PacketSet::in_interface(i->nameif) | PacketSet::out_interface(i->nameif);
    if (i->shutdown) checks.rules.push_back(make_rule(on, RuleAction::deny, loc(i->at)));
    if (i->management_only) checks.rules.push_back(make_rule(on, RuleAction::deny, loc(i->at)));
  }
  for (const Interface* x : named) {
    PacketSet to;
    for (const Interface* y : named)
      if (y != x && security_level(*y) == security_level(*x) && !c.same_security_inter)
        to |= PacketSet::out_interface(y->nameif);
    if (!c.same_security_intra) to |= PacketSet::out_interface(x->nameif);
    if (!to.empty())
      checks.rules.push_back(make_rule(PacketSet::in_interface(x->nameif) & to, RuleAction::deny,
                                       loc(x->security_level_at.line ? x->security_level_at
                                           : x->nameif_at.line       ? x->nameif_at
                                                                     : x->at)));
  }
  PolicyId checks_id = rs_.add_policy(std::move(checks));

  // Ingress: the interface's `in` ACL, then the global ACL, then the implicit deny; interfaces
  // without an ACL use security levels unless a global ACL exists.
  PolicyId global_id = kNoPolicy;
  if (global != nullptr)
    global_id =
        acl_policy(global->acl, "global ACL " + std::string(global->acl), RuleAction::deny,
                   "implicit deny at end of global ACL " + std::string(global->acl), global->at);
  Policy dispatch;
  dispatch.name = "access-group in";
  dispatch.fallthrough = RuleAction::deny;
  dispatch.fallthrough_label = "no access rule applies";
  for (const auto& [itf, ag] : in_acl) {
    const std::string acl(ag->acl);
    PolicyId id = global
                      ? acl_policy(ag->acl, "ACL " + acl + " (in, " + std::string(itf) + ")",
                                   RuleAction::return_,
                                   "end of ACL " + acl + ": on to the global ACL", ag->at)
                      : acl_policy(ag->acl, "ACL " + acl + " (in, " + std::string(itf) + ")",
                                   RuleAction::deny, "implicit deny at end of ACL " + acl, ag->at);
    Rule r = make_rule(PacketSet::in_interface(itf), RuleAction::call, loc(ag->at));
    r.target = id;
    dispatch.rules.push_back(std::move(r));
  }
  if (global != nullptr) {
    Rule r = make_rule(PacketSet::all(), RuleAction::go_to, loc(global->at));
    r.target = global_id;
    dispatch.rules.push_back(std::move(r));
  } else {
    Policy levels;
    levels.name = "security-level";
    levels.fallthrough = RuleAction::deny;
    levels.fallthrough_label =
        "security-level: no access-group on the ingress interface, and the egress interface's "
        "level is not lower";
    for (const Interface* x : named) {
      if (in_acl.count(x->nameif)) continue;
      PacketSet lower;
      for (const Interface* y : named) {
        int lx = security_level(*x), ly = security_level(*y);
        if ((y != x && ly < lx) || (y != x && ly == lx && c.same_security_inter) ||
            (y == x && c.same_security_intra))
          lower |= PacketSet::out_interface(y->nameif);
      }
      Where at = x->security_level_at.line ? x->security_level_at
                 : x->nameif_at.line       ? x->nameif_at
                                           : x->at;
      if (!lower.empty())
        levels.rules.push_back(
            make_rule(PacketSet::in_interface(x->nameif) & lower, RuleAction::permit, loc(at)));
    }
    PolicyId levels_id = rs_.add_policy(std::move(levels));
    Rule r = make_rule(PacketSet::all(), RuleAction::go_to,
                       SourceLocation{c.file, 0, 0, "(no access-group on the ingress interface)"});
    r.target = levels_id;
    dispatch.rules.push_back(std::move(r));
  }
  PolicyId dispatch_id = rs_.add_policy(std::move(dispatch));

  PolicyId egress_id = kNoPolicy;
  if (!out_acl.empty()) {
    Policy egress;
    egress.name = "access-group out";
    egress.fallthrough = RuleAction::return_;
    egress.fallthrough_label = "no out ACL on the egress interface";
    for (const auto& [itf, ag] : out_acl) {
      const std::string acl(ag->acl);
      PolicyId id = acl_policy(ag->acl, "ACL " + acl + " (out, " + std::string(itf) + ")",
                               RuleAction::deny, "implicit deny at end of ACL " + acl, ag->at);
      Rule r = make_rule(PacketSet::out_interface(itf), RuleAction::call, loc(ag->at));
      r.target = id;
      egress.rules.push_back(std::move(r));
    }
    egress_id = rs_.add_policy(std::move(egress));
  }

  auto& forward = rs_.path(PathKind::forward);
  const bool pre = c.pre_8_3();
  if (has_nat && !pre) forward.push_back({Stage::Kind::translate, untranslate});
  forward.push_back({Stage::Kind::filter, checks_id});
  forward.push_back({Stage::Kind::filter, dispatch_id});
  if (egress_id != kNoPolicy) forward.push_back({Stage::Kind::filter, egress_id});
  if (has_nat && pre) forward.push_back({Stage::Kind::translate, untranslate});
  if (has_nat) forward.push_back({Stage::Kind::translate, translate});

  lower_management();

  Policy from_box;
  from_box.name = "from the ASA itself";
  from_box.fallthrough = RuleAction::permit;
  from_box.fallthrough_label = "traffic the ASA sends itself is not subject to access rules";
  rs_.path(PathKind::output).push_back({Stage::Kind::filter, rs_.add_policy(std::move(from_box))});
}

void Lowering::lower_management() {
  const Config& c = config_;
  Policy p;
  p.name = "to-the-box (ssh, telnet, http, icmp)";
  p.fallthrough = RuleAction::deny;
  p.fallthrough_label =
      "to-the-box traffic not allowed by an ssh, telnet, http or icmp command (interface ACLs do "
      "not apply to traffic for the ASA itself)";
  std::map<std::string_view, Where> icmp_last;
  for (const ManagementAccess& m : c.management) {
    if (c.interface_by_nameif(m.interface_) == nullptr) {
      warning("undefined-interface",
              "management access names interface '" + std::string(m.interface_) +
                  "', which no nameif defines; the command has no effect",
              m.at);
      continue;
    }
    PacketSet match =
        PacketSet::in_interface(m.interface_) & address_match(expand(m.source), true).may;
    Rule r;
    r.location = loc(m.at);
    r.action = m.permit ? RuleAction::permit : RuleAction::deny;
    switch (m.kind) {
      case ManagementAccess::Kind::icmp:
        match &= PacketSet::protocol(1) & icmp_match(m.icmp, 1);
        icmp_last[m.interface_] = m.at;
        break;
      case ManagementAccess::Kind::ssh:
        match &= PacketSet::protocol(6) & PacketSet::dst_port(22, 22);
        break;
      case ManagementAccess::Kind::telnet:
        match &= PacketSet::protocol(6) & PacketSet::dst_port(23, 23);
        break;
      case ManagementAccess::Kind::http:
        if (!c.http_server_enabled) {
          warning("http-server-disabled",
                  "http access is configured but 'http server enable' is not; ASDM/HTTPS "
                  "management is not reachable",
                  m.at);
          continue;
        }
        match &=
            PacketSet::protocol(6) & PacketSet::dst_port(c.http_server_port, c.http_server_port);
        break;
    }
    r.sure = match;
    r.may = match;
    p.rules.push_back(std::move(r));
  }
  // An interface named by icmp commands denies the other ICMP to it; ICMP to other interfaces is
  // permitted (ASA command reference, icmp: "If you do not configure ICMP control, the ASA
  // accepts all ICMP traffic that terminates at any interface").
  for (const auto& [itf, at] : icmp_last)
    p.rules.push_back(make_rule(PacketSet::in_interface(itf) & PacketSet::protocol(1),
                                RuleAction::deny, loc(at)));
  p.rules.push_back(make_rule(
      PacketSet::protocol(1) | PacketSet::protocol(58), RuleAction::permit,
      SourceLocation{c.file, 0, 0, "(default) ICMP to an interface without icmp commands"}));
  rs_.path(PathKind::input).push_back({Stage::Kind::filter, rs_.add_policy(std::move(p))});
}

}  // namespace fwaudit::asa
