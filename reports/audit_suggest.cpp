// reports/audit_suggest.cpp
// Vendor syntax for proposed permit rules. The grammar each emits is the one its parser reads
// (parsers/<vendor>), kept to the most common form.
#include "reports/audit_suggest.hpp"

#include <fmt/format.h>

#include "analyzer/packet.hpp"

namespace fwaudit::reports {

namespace {

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts)
    out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string ports_text(const std::vector<PortRange>& ports, const char* range_sep) {
  std::vector<std::string> parts;
  for (const PortRange& r : ports)
    parts.push_back(r.lo == r.hi ? std::to_string(r.lo)
                                 : std::to_string(r.lo) + range_sep + std::to_string(r.hi));
  return join(parts, ",");
}

bool any_port(const std::vector<PortRange>& ports) {
  return ports.empty() || (ports.size() == 1 && ports[0].lo == 0 && ports[0].hi == 65535);
}

bool has_ports(std::uint8_t proto) {
  return proto == 6 || proto == 17;
}

// An iptables container "CHAIN" or "CHAIN -t TABLE" (FORWARD when empty) as the chain and the
// "-t TABLE " that goes first on the command line (the rule number must follow the chain).
struct ChainInTable {
  std::string chain;
  std::string table;
};
ChainInTable chain_in_table(const std::string& container) {
  ChainInTable out{container.empty() ? "FORWARD" : container, {}};
  if (auto at = out.chain.find(" -t "); at != std::string::npos) {
    out.table = out.chain.substr(at + 1) + " ";
    out.chain.resize(at);
  }
  return out;
}

std::string iptables(const RuleProposal& p) {
  auto [chain, table] = chain_in_table(p.container);
  std::vector<std::string> lines;
  for (std::uint8_t proto : p.protocols) {
    std::string head = table + (p.position > 0 ? fmt::format("-I {} {}", chain, p.position)
                                               : fmt::format("-A {}", chain));
    std::string s = head;
    // The kernel knows no egress interface yet in PREROUTING and INPUT, and no ingress one in
    // OUTPUT and POSTROUTING: iptables rejects -o / -i there.
    const std::string& base = chain;
    bool no_in = base == "OUTPUT" || base == "POSTROUTING";
    bool no_out = base == "PREROUTING" || base == "INPUT";
    if (!p.in_if.empty() && !no_in) s += " -i " + p.in_if;
    if (!p.out_if.empty() && !no_out) s += " -o " + p.out_if;
    std::vector<std::string> src, dst;
    for (const IpPrefix& a : p.src)
      src.push_back(a.to_string());
    for (const IpPrefix& a : p.dst)
      dst.push_back(a.to_string());
    if (!src.empty()) s += " -s " + join(src, ",");
    if (!dst.empty()) s += " -d " + join(dst, ",");
    s += " -p " + protocol_name(proto);
    if (has_ports(proto) && !any_port(p.dports)) {
      if (p.dports.size() == 1)
        s += " -m " + protocol_name(proto) + " --dport " + ports_text(p.dports, ":");
      else
        s += " -m multiport --dports " + ports_text(p.dports, ":");
    }
    s += " -m conntrack --ctstate NEW -j ACCEPT";
    lines.push_back(s);
  }
  return join(lines, "\n");
}

std::string pf_hosts(const std::vector<IpPrefix>& list, bool firewall) {
  if (list.empty()) return firewall ? "self" : "any";
  std::vector<std::string> parts;
  for (const IpPrefix& a : list)
    parts.push_back(a.to_string());
  return parts.size() == 1 ? parts[0] : "{ " + join(parts, ", ") + " }";
}

std::string pf(const RuleProposal& p) {
  std::vector<std::string> protos;
  for (std::uint8_t proto : p.protocols)
    protos.push_back(protocol_name(proto));
  std::string s = "pass in quick";
  if (!p.in_if.empty()) s += " on " + p.in_if;
  s += " proto " + (protos.size() == 1 ? protos[0] : "{ " + join(protos, ", ") + " }");
  s += " from " + pf_hosts(p.src, p.from_firewall);
  s += " to " + pf_hosts(p.dst, p.to_firewall);
  if (!any_port(p.dports)) {
    std::string ports = ports_text(p.dports, ":");
    s += " port " + (p.dports.size() == 1 ? ports : "{ " + ports + " }");
  }
  return s + " keep state";
}

std::string asa_host(const IpPrefix& a) {
  if (a.length == a.addr.width()) return "host " + a.addr.to_string();
  if (a.addr.family == Family::ipv6) return a.to_string();
  return a.first().to_string() + " " + netmask_of_length(Family::ipv4, a.length).to_string();
}

std::string asa(const RuleProposal& p) {
  std::string acl = p.container.empty() ? p.in_if + "_access_in" : p.container;
  std::vector<std::string> lines;
  std::vector<IpPrefix> any{IpPrefix::any(Family::ipv4)};
  const auto& src = p.src.empty() ? any : p.src;
  const auto& dst = p.dst.empty() ? any : p.dst;
  // An ACE takes one port operator: one line per port range.
  const std::vector<PortRange> every_port{{0, 65535}};
  for (std::uint8_t proto : p.protocols) {
    bool ports = has_ports(proto) && !any_port(p.dports);
    for (const IpPrefix& s : src)
      for (const IpPrefix& d : dst)
        for (const PortRange& r : ports ? p.dports : every_port) {
          std::string line = "access-list " + acl;
          if (p.position > 0) line += fmt::format(" line {}", p.position);
          line += " extended permit " + protocol_name(proto) + " " +
                  (s.length == 0 ? "any" : asa_host(s)) + " " +
                  (d.length == 0 ? "any" : asa_host(d));
          if (ports)
            line += r.lo == r.hi ? fmt::format(" eq {}", r.lo)
                                 : fmt::format(" range {} {}", r.lo, r.hi);
          lines.push_back(line);
        }
  }
  if (!p.container_exists && !p.in_if.empty())
    lines.push_back("access-group " + acl + " in interface " + p.in_if);
  return join(lines, "\n");
}

}  // namespace

std::string comment_line(const std::string& vendor, const std::string& text) {
  return (vendor == "asa" ? "! " : "# ") + text;
}

std::string suggest_removal(const std::string& vendor, const std::string& container,
                            const std::string& rule_text) {
  if (rule_text.empty()) return {};
  if (vendor == "iptables") {
    // -D takes the same rule specification as the -A that added it.
    if (rule_text.rfind("-A ", 0) != 0) return {};
    return chain_in_table(container).table + "-D " + rule_text.substr(3);
  }
  if (vendor == "asa") return "no " + rule_text;
  if (vendor == "pf") return comment_line(vendor, "remove: " + rule_text);
  return {};
}

std::string suggest_reply_rule(const std::string& vendor, const std::string& container,
                               const std::string& stateless_rule) {
  if (vendor == "iptables") {
    auto [chain, table] = chain_in_table(container);
    return table + "-I " + chain + " 1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT";
  }
  if (vendor == "pf") {
    auto at = stateless_rule.find("no state");
    if (at == std::string::npos) return {};
    return stateless_rule.substr(0, at) + "keep state" + stateless_rule.substr(at + 8);
  }
  return {};
}

std::string suggest_rule(const RuleProposal& p) {
  if (p.protocols.empty()) return {};
  if (p.vendor == "iptables") return iptables(p);
  if (p.vendor == "pf") return pf(p);
  if (p.vendor == "asa") return asa(p);
  return {};
}

}  // namespace fwaudit::reports
