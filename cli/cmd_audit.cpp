// cli/cmd_audit.cpp
// `fwaudit audit CONFIG... --profile SITE.json`: the deployed products' requirements checked
// against each configuration (docs/audit.md).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/describe_set.hpp"
#include "analyzer/checks/nat_aliases.hpp"
#include "analyzer/checks/overbroad.hpp"
#include "analyzer/checks/wide_rules.hpp"
#include "analyzer/checks/zone_matrix.hpp"
#include "analyzer/evaluate.hpp"
#include "catalog/deployed.hpp"
#include "catalog/load_catalog.hpp"
#include "catalog/load_profile.hpp"
#include "catalog/required_flows.hpp"
#include "cli/command_registry.hpp"
#include "cli/config_options.hpp"
#include "cli/version.hpp"
#include "parsers/parse_config.hpp"
#include "reports/atomic_file.hpp"
#include "reports/audit_baseline.hpp"
#include "reports/audit_report.hpp"
#include "reports/audit_suggest.hpp"

namespace fwaudit::cli {

namespace {

namespace cat = fwaudit::catalog;
using checks::Compliance;
using checks::RequiredFlow;
using checks::Status;
using reports::AuditFinding;
using reports::AuditRule;

struct AuditCommand {
  std::vector<std::string> configs;
  std::string profile;
  std::vector<std::string> catalogs;
  std::string format = "text";
  std::string output;
  std::string fail_on = "missing";
  std::string baseline;
  std::string write_baseline;
  ConfigOptions input;
};

void print_diagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics.items())
    std::cerr << d.to_string() << '\n';
}

AuditRule rule_of(const Ruleset& rs, const checks::Responsible& r) {
  const Policy& p = rs.policy(r.ref.policy);
  AuditRule a;
  a.policy = p.name;
  a.verdict = to_string(r.verdict);
  a.certain = r.certain;
  if (r.ref.is_fallthrough()) {
    a.location = p.fallthrough_location;
    a.label = p.fallthrough_label.empty() ? "end of " + p.name : p.fallthrough_label;
    a.is_default = true;
  } else {
    const Rule& rule = p.rules.at(static_cast<std::size_t>(r.ref.rule));
    a.location = rule.location;
    a.label = rule.location.text;
  }
  return a;
}

// The rules, once per source line: rules expanded from one line (pf lists, object-groups)
// are one rule to a reader.
void add_rules(const Ruleset& rs, const std::vector<checks::Responsible>& list,
               std::vector<AuditRule>& out) {
  for (const checks::Responsible& r : list) {
    AuditRule a = rule_of(rs, r);
    bool seen = std::any_of(out.begin(), out.end(), [&](const AuditRule& b) {
      return b.location.file == a.location.file && b.location.line == a.location.line &&
             b.label == a.label && b.verdict == a.verdict;
    });
    if (!seen) out.push_back(std::move(a));
  }
}

// Where rules of policy `name` are written: an iptables chain ("FORWARD", "PREROUTING -t raw"
// outside the filter table), an ASA ACL's name ("ACL outside_in (in on outside)"); pf as it is.
std::string container_of(const Ruleset& rs, const std::string& name) {
  if (rs.vendor == "asa")
    return name.rfind("ACL ", 0) == 0 ? name.substr(4, name.find(' ', 4) - 4) : name;
  if (rs.vendor != "iptables") return name;
  auto slash = name.find('/');
  if (slash == std::string::npos) return name;
  std::string table = name.substr(0, slash), chain = name.substr(slash + 1);
  return table == "filter" ? chain : chain + " -t " + table;
}

// Where a permit for `witness` belongs: the top-level policy of the path that decided it, before
// the rule that did (iptables chains, ASA ACLs), from the packet's trace. Returns whether the
// packet was translated before that policy saw it (it then matches real addresses: iptables
// after DNAT, ASA 8.3+).
bool place(const Ruleset& rs, PathKind path, const Packet& witness, reports::RuleProposal& p) {
  Evaluation e = evaluate(rs, witness);
  bool translated = false, translated_before = false;
  auto note_translation = [&](const TraceStep& s) {
    translated = translated || s.event.find(", translated: ") != std::string::npos;
  };
  if (rs.vendor == "asa") {
    for (const TraceStep& s : e.trace) {
      note_translation(s);
      if (s.policy.rfind("ACL ", 0) != 0) continue;
      p.container = container_of(rs, s.policy);
      p.position =
          s.rule_index >= 0 && s.event.find("deny") != std::string::npos ? s.rule_index + 1 : 0;
      translated_before = translated;
    }
    if (p.container.empty()) p.container_exists = false;
    return translated_before;
  }
  std::vector<std::string> tops;
  for (const Stage& st : rs.path(path))
    if (st.kind == Stage::Kind::filter) tops.push_back(rs.policy(st.policy).name);
  for (const TraceStep& s : e.trace) {
    note_translation(s);
    if (std::find(tops.begin(), tops.end(), s.policy) == tops.end()) continue;
    p.container = container_of(rs, s.policy);
    p.position = s.rule_index >= 0 ? s.rule_index + 1 : 0;
    translated_before = translated;
  }
  return translated_before;
}

bool every_address(const AddressRange& r) {
  return r.lo == IpPrefix::any(r.lo.family).first() && r.hi == IpPrefix::any(r.lo.family).last();
}

// The ranges as CIDR blocks: none for "any", `fallback` when more than 8 are needed.
std::vector<IpPrefix> prefixes_of(const std::vector<AddressRange>& ranges,
                                  const std::vector<IpPrefix>& fallback) {
  std::vector<IpPrefix> out;
  for (const AddressRange& r : ranges) {
    if (every_address(r)) return {};
    for (const IpPrefix& p : range_to_prefixes(r.lo, r.hi))
      out.push_back(p);
  }
  return out.size() > 8 ? fallback : out;
}

// `real_to`: the host's real addresses when `flow` goes to a public address a NAT maps onto them.
std::string suggestion(const Ruleset& rs, const RequiredFlow& flow, const Compliance& c,
                       const std::vector<IpPrefix>& real_to) {
  if (!c.witness || c.blocked.empty()) return {};
  reports::RuleProposal p;
  p.vendor = rs.vendor;
  p.protocols = c.blocked.protocols();
  if (p.protocols.size() > 4) return {};
  p.dports = c.blocked.dst_ports();
  p.src = prefixes_of(c.blocked.src_ranges(), flow.from.addresses);
  p.dst = prefixes_of(c.blocked.dst_ranges(), flow.to.addresses);
  if (flow.from.interfaces.size() == 1) p.in_if = flow.from.interfaces[0];
  if (flow.to.interfaces.size() == 1) p.out_if = flow.to.interfaces[0];
  p.to_firewall = flow.to.is_firewall;
  p.from_firewall = flow.from.is_firewall;
  bool sees_real = place(rs, flow.path, *c.witness, p);
  if (sees_real && !flow.nat_note.empty() && !real_to.empty()) p.dst = real_to;
  return reports::suggest_rule(p);
}

// How to stop a rule letting through more than needed: the narrower permits for the part the
// requirements need (`needed`, in the rule's place), then the rule's removal.
std::string narrowing_suggestion(const Ruleset& rs, RuleRef by, const PacketSet& needed) {
  if (by.is_fallthrough()) return {};
  const Policy& policy = rs.policy(by.policy);
  const Rule& rule = policy.rules.at(static_cast<std::size_t>(by.rule));
  reports::RuleProposal p;
  p.vendor = rs.vendor;
  p.container = container_of(rs, policy.name);
  std::string removal = reports::suggest_removal(rs.vendor, p.container, rule.location.text);
  if (removal.empty() || needed.empty()) return removal;
  p.protocols = needed.protocols();
  p.dports = needed.dst_ports();
  auto any = [](const std::vector<AddressRange>& r) {
    return r.size() == 1 && every_address(r[0]);
  };
  p.src = prefixes_of(needed.src_ranges(), {});
  p.dst = prefixes_of(needed.dst_ranges(), {});
  // Too irregular to write as a few rules: only the removal.
  if (p.protocols.size() > 4 || (p.src.empty() && !any(needed.src_ranges())) ||
      (p.dst.empty() && !any(needed.dst_ranges())))
    return removal;
  p.position = by.rule + 1;
  std::string keep = reports::suggest_rule(p);
  return keep.empty() ? removal : keep + "\n" + removal;
}

// The NEW packets `by` surely or possibly permits on `path`.
PacketSet permitted_by(const checks::PathFolds& folds, PathKind path, RuleRef by) {
  PacketSet out;
  for (const Decision& d : folds.fold(path).decisions)
    if (d.by == by && d.verdict == Verdict::permit) out |= d.may;
  return out & PacketSet::state(ConnState::new_);
}

// What the overbroad checks measure against: the requirements' flows, and all traffic between
// the appliance and the other zones (the part of the site the profile describes).
struct Needs {
  PacketSet allowed;
  PacketSet appliance_traffic;
};

// The fix for a rule that permits too much: keep what the requirements need of everything it
// permits on its path, drop the rest; with a caveat when it also serves traffic the site profile
// does not describe (other hosts than the appliance).
std::string rule_fix(const Ruleset& rs, const checks::PathFolds& folds, PathKind path, RuleRef by,
                     const Needs& needs) {
  PacketSet by_rule = permitted_by(folds, path, by);
  std::string fix = narrowing_suggestion(rs, by, by_rule & needs.allowed);
  if (fix.empty() || (by_rule - needs.appliance_traffic).empty()) return fix;
  return reports::comment_line(rs.vendor,
                               "keeps only what the deployed requirements need; check what other "
                               "hosts need first") +
         "\n" + fix;
}

// What lets the replies back: a state accept in the chain that dropped them (iptables), the
// permitting rule keeping state (pf).
std::string reply_suggestion(const Ruleset& rs, const RequiredFlow& flow,
                             const checks::ReturnPath& replies) {
  if (rs.vendor == "iptables" && replies.witness) {
    reports::RuleProposal p;
    place(rs, checks::reverse_path(flow.path), *replies.witness, p);
    return reports::suggest_reply_rule(rs.vendor, p.container, {});
  }
  for (const checks::Responsible& r : replies.responsible) {
    if (r.ref.is_fallthrough()) continue;
    const Rule& rule = rs.policy(r.ref.policy).rules.at(static_cast<std::size_t>(r.ref.rule));
    std::string s = reports::suggest_reply_rule(rs.vendor, {}, rule.location.text);
    if (!s.empty()) return s;
  }
  return {};
}

std::string severity_of(Status s, bool required) {
  switch (s) {
    case Status::satisfied:
    case Status::not_applicable:
      return "none";
    case Status::missing:
    case Status::partial:
      return required ? "error" : "note";
    case Status::uncertain:
    case Status::unverifiable:
      return required ? "warning" : "note";
  }
  return "none";
}

void identify(AuditFinding& f, const std::string& config, const std::string& prefix) {
  f.fingerprint = reports::fingerprint_of(f.kind + "|" + config + "|" + f.requirement_id + "|" +
                                          f.from + "|" + f.to + "|" + f.service);
  f.id = prefix + "-" + f.fingerprint.substr(0, 10);
}

AuditFinding base_finding(const cat::FlowInstance& inst) {
  const cat::Requirement& r = *inst.deployed->requirement;
  AuditFinding f;
  f.kind = "requirement";
  f.requirement_id = r.id;
  f.requirement_summary = r.summary;
  f.requirement_source = {r.source.file, r.source.line, 0, {}};
  f.necessity =
      inst.deployed->applicability == cat::Applicability::optional ? "optional" : "required";
  f.direction = to_string(r.direction);
  return f;
}

// An internet peer the requirement names only by hostname, permitted to some addresses only.
bool address_limited(const cat::FlowInstance& inst, const RequiredFlow& flow, const Compliance& c) {
  const cat::Requirement& r = *inst.deployed->requirement;
  const checks::FlowEnd& peer = flow.direction == "inbound" ? flow.from : flow.to;
  return c.status == Status::partial && !r.hostnames.empty() && peer.addresses.empty() &&
         peer.zone == cat::kInternetZone && c.permitted.protocols() == c.required.protocols() &&
         c.permitted.dst_ports() == c.required.dst_ports();
}

// The return-path finding of requirement finding `f`: its replies, the rules deciding them.
AuditFinding return_path_finding(const Ruleset& rs, const AuditFinding& f,
                                 const checks::ReturnPath& replies, const std::string& status,
                                 const std::string& severity, const std::string& what) {
  AuditFinding r = f;
  r.kind = "return-path";
  r.status = status;
  r.severity = severity;
  r.suggestion.clear();
  r.witness = replies.witness;
  r.rules.clear();
  add_rules(rs, replies.responsible, r.rules);
  r.message = "NEW " + f.service + " from " + f.from + " to " + f.to + what;
  return r;
}

void audit_flow(const Ruleset& rs, const checks::PathFolds& folds, const std::string& config,
                const cat::FlowInstance& inst, const RequiredFlow& flow,
                std::vector<AuditFinding>& out) {
  Compliance c = checks::check_compliance(rs, flow, &folds);
  AuditFinding f = base_finding(inst);
  f.service = flow.service_label;
  f.path = to_string(flow.path);
  f.from = flow.from.label;
  f.to = flow.to.label;
  f.nat = flow.nat_note;
  f.witness = c.witness;
  f.unknowns = c.unknowns;
  add_rules(rs, c.responsible, f.rules);
  f.status = to_string(c.status);
  f.message = c.summary;
  const cat::Requirement& req = *inst.deployed->requirement;
  bool pinned = false;
  if (address_limited(inst, flow, c)) {
    f.status = to_string(Status::uncertain);
    std::string where = checks::describe_addresses(
        flow.direction == "inbound" ? c.permitted.src_ranges() : c.permitted.dst_ranges());
    f.message = "permitted only to " + where + "; whether " + req.hostnames.front() +
                (req.hostnames.size() > 1 ? " and the other hostnames resolve" : " resolves") +
                " there is unknown (add a \"hostnames\" hint to the site profile)";
    pinned = req.has_flag(cat::Flag::no_ip_pinning);
  } else if (c.status == Status::missing && !f.rules.empty()) {
    f.message += " by " + f.rules.front().label;
  }
  f.severity = severity_of(
      c.status == Status::partial && f.status == "uncertain" ? Status::uncertain : c.status,
      flow.required);
  if (f.status == "missing" || f.status == "partial")
    f.suggestion = suggestion(rs, flow, c, inst.flow->to.addresses);
  identify(f, config, "REQ");
  out.push_back(f);

  if (pinned) {
    AuditFinding w = f;
    w.kind = "pinned-hostname";
    w.status = "pinned";
    w.severity = "warning";
    w.suggestion.clear();
    w.message = "the vendor document advises against pinning " + req.hostnames.front() +
                " to fixed addresses, but the ruleset permits it only to " +
                checks::describe_addresses(c.permitted.dst_ranges());
    w.rules.clear();
    w.witness = c.permitted.witness();
    add_rules(rs, checks::permitting_rules(rs, flow.path, folds.fold(flow.path), c.permitted),
              w.rules);
    identify(w, config, "PIN");
    out.push_back(std::move(w));
  }
  if (c.replies.checked && c.replies.uncertain()) {
    AuditFinding r = return_path_finding(
        rs, f, c.replies, "uncertain", flow.required ? "warning" : "note",
        " is permitted but whether its replies come back depends on rules that may match");
    r.unknowns = c.replies.unknowns;
    identify(r, config, "RET");
    out.push_back(std::move(r));
  }
  if (c.replies.checked && !c.replies.ok) {
    AuditFinding r = return_path_finding(
        rs, f, c.replies, "blocked", flow.required ? "error" : "warning",
        " is permitted but its replies are blocked" +
            (c.replies.note.empty() ? std::string(" on the way back") : ": " + c.replies.note));
    r.suggestion = reply_suggestion(rs, flow, c.replies);
    identify(r, config, "RET");
    out.push_back(std::move(r));
  }
}

// Rules expanded from one statement (pf lists, ASA object-groups) are one rule to a reader: one
// finding per source line, with what they let through together.
const SourceLocation& location_of(const Ruleset& rs, RuleRef by) {
  const Policy& p = rs.policy(by.policy);
  return by.is_fallthrough() ? p.fallthrough_location
                             : p.rules.at(static_cast<std::size_t>(by.rule)).location;
}

int kind_of(const checks::Excess&) {
  return 0;
}
int kind_of(const checks::WideRule& w) {
  return static_cast<int>(w.kind);
}

void merge_into(checks::Excess& into, const checks::Excess& e) {
  into.packets |= e.packets;
  into.certain = into.certain && e.certain;
}

void merge_into(checks::WideRule& into, const checks::WideRule& w) {
  into.permitted |= w.permitted;
}

template <typename Item>
std::vector<Item> by_source_line(const Ruleset& rs, std::vector<Item> items) {
  std::vector<Item> out;
  for (Item& item : items) {
    const SourceLocation& at = location_of(rs, item.by);
    auto same = std::find_if(out.begin(), out.end(), [&](const Item& o) {
      const SourceLocation& other = location_of(rs, o.by);
      return other.file == at.file && other.line == at.line && other.text == at.text &&
             kind_of(o) == kind_of(item);
    });
    if (same == out.end())
      out.push_back(std::move(item));
    else
      merge_into(*same, item);
  }
  return out;
}

// Exposure of traffic permitted beyond the requirements: internet-facing and wide is an error.
std::string overbroad_severity(const RequiredFlow& scope, const PacketSet& excess) {
  bool internet = scope.from.zone == cat::kInternetZone || scope.to.zone == cat::kInternetZone;
  bool wide = checks::port_count(excess) >= 1000 || excess.protocols().size() >= 256;
  auto protocols = excess.protocols();
  bool icmp_only = std::all_of(protocols.begin(), protocols.end(),
                               [](std::uint8_t p) { return p == 1 || p == 58; });
  if (icmp_only) return "note";
  if (internet) return wide ? "error" : "warning";
  return wide ? "warning" : "note";
}

// Who the excess reaches, in the scope's own words when it is the whole zone.
std::string peers_of(const PacketSet& excess, const RequiredFlow& scope) {
  bool inbound = scope.direction == "inbound";
  auto ranges = inbound ? excess.src_ranges() : excess.dst_ranges();
  auto whole = inbound ? scope.packets().src_ranges() : scope.packets().dst_ranges();
  const std::string& zone = inbound ? scope.from.label : scope.to.label;
  if (ranges == whole) return zone;
  if (ranges.size() > 3) {
    // Most of the zone: name what is left out, on the witness's protocol and port.
    if (auto w = excess.witness()) {
      PacketSet slice = PacketSet::protocol(w->proto) & PacketSet::dst_port(w->dport, w->dport);
      PacketSet left_out = (scope.packets() & slice) - excess;
      auto out = inbound ? left_out.src_ranges() : left_out.dst_ranges();
      if (!out.empty() && out.size() <= 3)
        return zone + " except " + checks::describe_addresses(out);
    }
  }
  return checks::describe_addresses(ranges);
}

void audit_overbroad(const Ruleset& rs, const checks::PathFolds& folds, const std::string& config,
                     const std::vector<RequiredFlow>& scopes, const Needs& needs,
                     std::vector<AuditFinding>& out) {
  const PacketSet& allowed = needs.allowed;
  for (const RequiredFlow& base : scopes) {
    std::vector<RequiredFlow> variants{base};
    if (base.direction == "inbound" && !base.to.addresses.empty())
      variants = checks::with_nat_aliases(rs, base, base.from.zone == cat::kInternetZone, &folds);
    for (const RequiredFlow& scope : variants) {
      PacketSet packets = scope.packets();
      if (!scope.nat_note.empty()) {
        // Toward the public address, only what the translation really sends to the appliance
        // (a rdr-to of another port to another host is not the appliance's traffic).
        PacketSet real;
        for (const IpPrefix& a : base.to.addresses)
          real |= PacketSet::dst(a);
        packets &= folds.fold(scope.path).entering_toward(real);
      }
      for (const checks::Excess& e :
           by_source_line(rs, checks::excess_permits(rs, scope.path, packets, allowed, &folds))) {
        AuditFinding f;
        f.kind = "overbroad";
        f.status = "overbroad";
        f.direction = scope.direction;
        f.path = to_string(scope.path);
        f.nat = scope.nat_note;
        AuditRule rule = rule_of(rs, {e.by, Verdict::permit, e.certain});
        f.rules.push_back(rule);
        std::string peers = peers_of(e.packets, scope);
        f.from = scope.direction == "inbound" ? peers : scope.from.label;
        f.to = scope.direction == "inbound" ? scope.to.label : peers;
        f.service = checks::describe_services(e.packets);
        f.message = "permits " + f.service + " from " + f.from + " to " + f.to +
                    " beyond what the deployed requirements need";
        if (std::size_t ports = checks::port_count(e.packets))
          f.message +=
              " (" + std::to_string(ports) + " tcp/udp port" + (ports == 1 ? "" : "s") + ")";
        f.witness = e.packets.witness();
        f.severity = overbroad_severity(scope, e.packets);
        f.suggestion = rule_fix(rs, folds, scope.path, e.by, needs);
        f.fingerprint =
            reports::fingerprint_of(f.kind + "|" + config + "|" + rule.location.file + ":" +
                                    std::to_string(rule.location.line) + "|" + rule.label + "|" +
                                    scope.from.label + "|" + scope.to.label);
        f.id = "OVB-" + f.fingerprint.substr(0, 10);
        out.push_back(std::move(f));
      }
    }
  }
}

// The interfaces of a zone as ingress (or egress); a zone without interfaces is reached through
// any interface but the firewall itself and loopback (nothing is forwarded over loopback).
PacketSet zone_interfaces(const checks::FlowEnd& zone, bool ingress) {
  auto one = [ingress](std::string_view name) {
    return ingress ? PacketSet::in_interface(name) : PacketSet::out_interface(name);
  };
  if (zone.interfaces.empty()) {
    PacketSet out = ~one(kSelf);
    for (const char* loopback : {"lo", "lo0"})
      out -= one(loopback);
    return out;
  }
  PacketSet out;
  for (const std::string& name : zone.interfaces)
    out |= one(name);
  return out;
}

// Forwarded packets go from one zone to another: in on one zone's interfaces, out on another's
// (a packet out the interface it came in on is no zone's traffic).
PacketSet crossing_zones(const std::vector<checks::FlowEnd>& zones) {
  PacketSet out;
  for (const checks::FlowEnd& a : zones)
    for (const checks::FlowEnd& b : zones)
      if (&a != &b && !a.is_firewall && !b.is_firewall)
        out |= zone_interfaces(a, true) & zone_interfaces(b, false);
  return out;
}

// Packets to the firewall itself, arriving on some zone's interfaces.
PacketSet entering_firewall(const std::vector<checks::FlowEnd>& zones) {
  PacketSet out;
  for (const checks::FlowEnd& z : zones)
    if (!z.is_firewall) out |= zone_interfaces(z, true);
  return out & PacketSet::out_interface(kSelf);
}

// Permits wide on their own: any to any, many ports open to the internet, or a port range far
// wider (10x, and 100 ports at least) than the widest the deployed requirements need.
void audit_wide_rules(const Ruleset& rs, const checks::PathFolds& folds, const std::string& config,
                      const std::vector<RequiredFlow>& scopes,
                      const std::vector<checks::FlowEnd>& zones, const Needs& needs,
                      std::size_t widest_requirement, std::vector<AuditFinding>& out) {
  checks::WideLimits limits;
  limits.range_ports = std::max<std::size_t>(100, 10 * widest_requirement);
  PacketSet internet;
  for (const RequiredFlow& s : scopes)
    if (s.direction == "inbound" && s.from.zone == cat::kInternetZone)
      internet |= s.from.as_source();
  for (PathKind path : {PathKind::forward, PathKind::input}) {
    PacketSet entering =
        path == PathKind::forward ? crossing_zones(zones) : entering_firewall(zones);
    for (const checks::WideRule& w :
         by_source_line(rs, checks::wide_permits(rs, path, entering, internet, &folds, limits,
                                                 needs.appliance_traffic))) {
      AuditFinding f;
      f.kind = "overbroad-rule";
      using Kind = checks::WideRule::Kind;
      std::string ports = std::to_string(checks::port_count(w.permitted)) + " tcp/udp ports";
      f.severity = w.kind == Kind::wide_range ? "warning" : "error";
      f.path = to_string(path);
      f.rules.push_back(rule_of(rs, {w.by, Verdict::permit, true}));
      f.service = checks::describe_services(w.permitted);
      f.witness = w.witness;
      f.suggestion = rule_fix(rs, folds, path, w.by, needs);
      switch (w.kind) {
        case Kind::any_to_any:
          f.status = "any-to-any";
          f.from = f.to = "any";
          f.message = "permits " + f.service + " from any source to any destination";
          break;
        case Kind::internet_wide:
          f.status = "internet-wide";
          f.from = "zone internet";
          f.to = checks::describe_addresses(w.permitted.dst_ranges());
          f.message = "permits " + f.service + " from the internet to " + f.to + " (" + ports + ")";
          break;
        case Kind::wide_range:
          f.status = "wide-range";
          f.from = checks::describe_addresses(w.permitted.src_ranges());
          f.to = checks::describe_addresses(w.permitted.dst_ranges());
          f.message = "permits " + f.service + " from " + f.from + " to " + f.to + " (" + ports +
                      "; the widest range a deployed requirement needs is " +
                      std::to_string(widest_requirement) + " port" +
                      (widest_requirement == 1 ? "" : "s") + ")";
          break;
      }
      const AuditRule& r = f.rules.front();
      f.fingerprint =
          reports::fingerprint_of(f.kind + "|" + config + "|" + f.status + "|" + r.location.file +
                                  ":" + std::to_string(r.location.line) + "|" + r.label);
      f.id = "WID-" + f.fingerprint.substr(0, 10);
      // A rule wide on both paths (a pf rule toward "any" reaches the firewall too): once.
      bool reported =
          std::any_of(out.begin(), out.end(), [&](const AuditFinding& o) { return o.id == f.id; });
      if (!reported) out.push_back(std::move(f));
    }
  }
}

// The services each zone can open toward each other one, from the folds the checks share.
reports::ZoneMatrix zone_matrix_of(const checks::PathFolds& folds, const std::string& config,
                                   const std::vector<checks::FlowEnd>& zones) {
  reports::ZoneMatrix m;
  m.config = config;
  for (const checks::FlowEnd& z : zones)
    m.zones.push_back(z.zone);
  for (const checks::ZoneCell& c : checks::zone_matrix(folds, zones)) {
    reports::ZoneMatrixCell cell{zones[c.from].zone,
                                 zones[c.to].zone,
                                 to_string(c.path),
                                 checks::cell_services(c.permitted),
                                 checks::cell_services(c.uncertain, c.permitted),
                                 {}};
    add_rules(folds.ruleset(), c.rules, cell.rules);
    m.cells.push_back(std::move(cell));
  }
  return m;
}

// A family of the flow's packets that nothing in the configuration filters.
std::optional<Family> uncovered_family(const Ruleset& rs, const RequiredFlow& flow) {
  for (Family f : {Family::ipv4, Family::ipv6})
    if (!rs.covers(flow.path, f) && flow.packets().intersects(PacketSet::family(f))) return f;
  return std::nullopt;
}

// The configurations as firewalls: an iptables-save file and the ip6tables-save file right after
// it (or before it) are one host's firewall, one ruleset.
std::vector<std::pair<std::string, Ruleset>> firewalls_of(const std::vector<std::string>& configs,
                                                          const ParseOptions& options,
                                                          bool& input_errors) {
  std::vector<std::pair<std::string, Ruleset>> out;
  bool pairable = false;  // the last entry is a single iptables file of one family
  for (const std::string& config : configs) {
    Ruleset rs = parse_config(config, options);
    input_errors = report_input_errors(rs) || input_errors;
    bool iptables = rs.vendor == "iptables";
    if (pairable && iptables && out.back().second.dialect != rs.dialect) {
      std::vector<Ruleset> parts;
      parts.push_back(std::move(out.back().second));
      parts.push_back(std::move(rs));
      out.back() = {out.back().first + "+" + config, combine_families(std::move(parts))};
      pairable = false;
      continue;
    }
    out.emplace_back(config, std::move(rs));
    pairable = iptables;
  }
  return out;
}

void audit_config(const Ruleset& rs, const std::string& config,
                  const std::vector<cat::FlowInstance>& instances,
                  const std::vector<RequiredFlow>& scopes,
                  const std::vector<checks::FlowEnd>& zones, reports::AuditReport& report) {
  std::vector<AuditFinding>& out = report.findings;
  checks::PathFolds folds(rs);
  PacketSet allowed;
  for (const cat::FlowInstance& inst : instances) {
    if (!inst.flow) {
      AuditFinding f = base_finding(inst);
      f.status = to_string(inst.status);
      f.severity = severity_of(inst.status, f.necessity == "required");
      f.message = inst.reason;
      f.profile_entries = inst.profile_entries;
      f.from = inst.peer_label;
      f.to = inst.host_label;
      if (f.direction == "outbound") std::swap(f.from, f.to);
      identify(f, config, "REQ");
      out.push_back(std::move(f));
      continue;
    }
    const RequiredFlow& flow = *inst.flow;
    if (auto family = uncovered_family(rs, flow)) {
      AuditFinding f = base_finding(inst);
      f.status = to_string(Status::not_applicable);
      f.severity = "none";
      f.service = flow.service_label;
      f.path = to_string(flow.path);
      f.from = flow.from.label;
      f.to = flow.to.label;
      f.message = std::string("no ") + (*family == Family::ipv6 ? "IPv6" : "IPv4") +
                  " rules in this configuration (give a host's iptables-save and ip6tables-save "
                  "files one after the other to audit both)";
      identify(f, config, "REQ");
      out.push_back(std::move(f));
      continue;
    }
    bool toward_host = flow.direction == "inbound" && !flow.to.addresses.empty();
    std::vector<RequiredFlow> variants{flow};
    if (toward_host)
      variants = checks::with_nat_aliases(rs, flow, flow.from.zone == cat::kInternetZone, &folds);
    for (const RequiredFlow& v : variants) {
      audit_flow(rs, folds, config, inst, v, out);
      allowed |= v.packets();
    }
  }
  std::size_t widest = 0;
  for (const cat::FlowInstance& inst : instances)
    if (inst.flow) widest = std::max(widest, checks::port_count(inst.flow->service));
  Needs needs{allowed, {}};
  for (const RequiredFlow& s : scopes)
    needs.appliance_traffic |= s.packets();
  audit_overbroad(rs, folds, config, scopes, needs, out);
  audit_wide_rules(rs, folds, config, scopes, zones, needs, widest, out);
  report.zone_matrices.push_back(zone_matrix_of(folds, config, zones));
}

// missing: required flows missing or partial, replies blocked; overbroad: those and any
// overbroad finding above a note; warning: anything at warning or error.
int exit_code_for(const std::vector<AuditFinding>& findings, const std::string& fail_on) {
  if (fail_on == "never") return 0;
  for (const AuditFinding& f : findings) {
    if (f.accepted()) continue;
    bool serious = f.severity == "error" || f.severity == "warning";
    if (f.kind == "overbroad" || f.kind == "overbroad-rule") {
      if ((fail_on == "overbroad" || fail_on == "warning") && serious) return 1;
      continue;
    }
    if (f.severity == "error") return 1;
    if (fail_on == "warning" && serious) return 1;
  }
  return 0;
}

bool colour_wanted(const AuditCommand& o) {
  const char* no_colour = std::getenv("NO_COLOR");
  return o.output.empty() && ::isatty(STDOUT_FILENO) && (no_colour == nullptr || *no_colour == 0);
}

int run(const AuditCommand& o) {
  Diagnostics diagnostics;
  std::vector<std::filesystem::path> catalog_paths(o.catalogs.begin(), o.catalogs.end());
  cat::Catalog catalog = cat::load_catalog(catalog_paths, diagnostics);
  auto profile = diagnostics.has_errors() ? std::nullopt
                                          : cat::load_profile_file(o.profile, catalog, diagnostics);
  print_diagnostics(diagnostics);
  if (diagnostics.has_errors() || !profile) return 2;

  std::vector<cat::DeployedRequirement> deployed = cat::deployed_requirements(catalog, *profile);
  std::vector<cat::FlowInstance> instances = cat::required_flows(deployed, *profile);

  std::vector<RequiredFlow> scopes = cat::appliance_scopes(*profile);
  std::vector<checks::FlowEnd> zones = cat::zone_ends(*profile);

  ParseOptions parse_options = o.input.to_parse_options();
  add_profile_facts(*profile, parse_options);

  reports::AuditReport report;
  report.profile = o.profile;
  bool input_errors = false;
  auto firewalls = firewalls_of(o.configs, parse_options, input_errors);
  if (input_errors) return 2;
  report.configs = o.configs;
  for (const auto& [config, rs] : firewalls) {
    report.vendor = report.vendor.empty() ? rs.vendor : report.vendor;
    audit_config(rs, config, instances, scopes, zones, report);
  }

  report.tool_version = kVersion;
  const std::string today = reports::today_date();
  if (!o.baseline.empty())
    reports::apply_baseline(report, reports::read_baseline(o.baseline), today);
  if (!o.write_baseline.empty())
    reports::write_file_atomically(o.write_baseline,
                                   reports::baseline_json(report, today, 90).dump(2) + "\n");
  std::string text = o.format == "json"       ? reports::audit_json(report).dump(2) + "\n"
                     : o.format == "sarif"    ? reports::audit_sarif(report).dump(2) + "\n"
                     : o.format == "junit"    ? reports::audit_junit(report)
                     : o.format == "markdown" ? reports::audit_markdown(report)
                     : o.format == "html"     ? reports::audit_html(report)
                                              : reports::audit_text(report, colour_wanted(o));
  if (o.output.empty())
    std::cout << text;
  else
    reports::write_file_atomically(o.output, text);
  return exit_code_for(report.findings, o.fail_on);
}

void setup(CLI::App& app, CommandContext& context) {
  auto o = std::make_shared<AuditCommand>();
  CLI::App* command = app.add_subcommand(
      "audit", "Check configurations against the requirements of the products a site deploys");
  command->add_option("config", o->configs, "iptables-save, pf.conf or ASA running-config files")
      ->required();
  command->add_option("--profile", o->profile, "Site profile (docs/profile.md)")->required();
  command->add_option("--catalog", o->catalogs,
                      "Further catalog files or folders, after the built-in catalog");
  command->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "markdown", "html"}));
  command->add_option("--output", o->output, "Write the report to FILE (atomically)");
  command
      ->add_option("--fail-on", o->fail_on,
                   "Exit 1 when findings at or above this level exist (default: missing)")
      ->check(CLI::IsMember({"missing", "overbroad", "warning", "never"}));
  command->add_option("--baseline", o->baseline,
                      "Accepted findings (by fingerprint, with reason and expiry date)");
  command->add_option("--write-baseline", o->write_baseline,
                      "Write a baseline accepting every current warning and error (90 days)");
  o->input.add_to(*command);
  command->callback([o, &context] { context.exit_code = run(*o); });
}

const CommandRegistration registration{30, &setup};

}  // namespace

}  // namespace fwaudit::cli
