// parsers/pf/listing.cpp
#include <sstream>

#include "analyzer/packet.hpp"

#include "parsers/pf/expand.hpp"
#include "parsers/pf/names.hpp"

namespace fwaudit::pf {

namespace {

const char* action_name(Action a) {
  switch (a) {
    case Action::pass:
      return "pass";
    case Action::block:
      return "block";
    case Action::match:
      return "match";
    case Action::scrub:
      return "scrub";
    case Action::no_scrub:
      return "no scrub";
    case Action::antispoof:
      return "antispoof";
    case Action::nat:
      return "nat";
    case Action::no_nat:
      return "no nat";
    case Action::rdr:
      return "rdr";
    case Action::no_rdr:
      return "no rdr";
    case Action::binat:
      return "binat";
    case Action::no_binat:
      return "no binat";
    case Action::anchor:
      return "anchor";
    case Action::nat_anchor:
      return "nat-anchor";
    case Action::rdr_anchor:
      return "rdr-anchor";
    case Action::binat_anchor:
      return "binat-anchor";
    case Action::scrub_anchor:
      return "scrub-anchor";
    case Action::ether:
      return "ether";
  }
  return "?";
}

std::string host_text(const Host& h) {
  std::string s = h.negated ? "! " : "";
  switch (h.kind) {
    case HostKind::any:
      s += "any";
      break;
    case HostKind::table:
      s += "<" + h.name + ">";
      break;
    case HostKind::dynamic:
      s += "(" + h.name + (h.modifier.empty() ? "" : ":" + h.modifier) + ")";
      break;
    case HostKind::range:
      s += h.name + " - " + h.name2;
      break;
    case HostKind::interface:
      s += h.name + (h.modifier.empty() ? "" : ":" + h.modifier);
      break;
    case HostKind::address:
      if (auto p = parse_pf_address(h.name, h.mask)) {
        s += h.mask >= 0 ? IpPrefix{p->first(), p->length}.to_string() : p->addr.to_string();
        if (h.mask >= 0 && p->length == p->addr.width()) s += "/" + std::to_string(p->length);
      } else {
        s += h.name;
      }
      return s;
    default:
      s += h.name;
      break;
  }
  if (h.mask >= 0) s += "/" + std::to_string(h.mask);
  return s;
}

std::string port_text(const PortMatch& p) {
  switch (p.op) {
    case PortOp::eq:
      return "= " + p.a;
    case PortOp::ne:
      return "!= " + p.a;
    case PortOp::lt:
      return "< " + p.a;
    case PortOp::le:
      return "<= " + p.a;
    case PortOp::gt:
      return "> " + p.a;
    case PortOp::ge:
      return ">= " + p.a;
    case PortOp::range:
      return p.a + ":" + p.b;
    case PortOp::inside:
      return p.a + " >< " + p.b;
    case PortOp::outside:
      return p.a + " <> " + p.b;
  }
  return p.a;
}

std::string redirection_text(const Redirection& r) {
  std::string s;
  if (r.hosts.size() == 1) {
    s = host_text(r.hosts.front());
  } else {
    s = "{ ";
    for (std::size_t i = 0; i < r.hosts.size(); ++i)
      s += (i ? ", " : "") + host_text(r.hosts[i]);
    s += " }";
  }
  if (!r.ports.empty()) {
    const PortMatch& p = r.ports.front();
    s += " port " + (p.op == PortOp::range ? p.a + ":" + p.b : p.a);
  }
  if (!r.pool.empty()) s += " " + r.pool;
  if (r.static_port) s += " static-port";
  return s;
}

void list(std::ostringstream& out, const std::vector<ExpandedRule>& rules, int indent) {
  for (const ExpandedRule& r : rules) {
    out << std::string(static_cast<std::size_t>(indent) * 2, ' ') << format_rule(r);
    if (r.spec->has_body) {
      out << " {\n";
      list(out, r.body, indent + 1);
      out << std::string(static_cast<std::size_t>(indent) * 2, ' ') << "}";
    }
    out << '\n';
  }
}

}  // namespace

std::string format_rule(const ExpandedRule& e) {
  const RuleSpec& r = *e.spec;
  std::ostringstream s;
  s << action_name(r.action);
  if (!r.anchor_name.empty()) s << " \"" << r.anchor_name << "\"";
  if (r.action == Action::block) {
    switch (r.block) {
      case BlockMode::policy:
        break;
      case BlockMode::drop:
        s << " drop";
        break;
      case BlockMode::return_:
        s << " return";
        break;
      case BlockMode::return_rst:
        s << " return-rst";
        break;
      case BlockMode::return_icmp:
        s << " return-icmp";
        break;
    }
  }
  if (r.pass_translated) s << " pass";
  if (r.direction == Direction::in) s << " in";
  if (r.direction == Direction::out) s << " out";
  if (r.log) s << " log";
  if (r.quick) s << " quick";
  if (e.interface) s << " on " << (e.interface->negated ? "! " : "") << e.interface->name;
  for (const RouteOption& ro : r.routes) {
    s << " " << ro.kind;
    if (ro.targets.size() == 1) s << " " << ro.targets.front();
    if (ro.targets.size() > 1) {
      s << " {";
      for (std::size_t i = 0; i < ro.targets.size(); ++i)
        s << (i ? ", " : " ") << ro.targets[i];
      s << " }";
    }
  }
  if (e.family) s << (*e.family == Family::ipv4 ? " inet" : " inet6");
  if (e.protocol) s << " proto " << protocol_name(*e.protocol);
  if (!e.src && !e.dst && !e.src_port && !e.dst_port) {
    s << " all";
  } else {
    s << " from " << (e.src ? host_text(*e.src) : "any");
    if (e.src_port) s << " port " << port_text(*e.src_port);
    s << " to " << (e.dst ? host_text(*e.dst) : "any");
    if (e.dst_port) s << " port " << port_text(*e.dst_port);
  }
  if (e.user) s << " user " << port_text(*e.user);
  if (e.group) s << " group " << port_text(*e.group);
  if (!r.flags.empty()) s << " flags " << r.flags;
  if (e.icmp) {
    s << (e.icmp->v6 ? " icmp6-type " : " icmp-type ") << e.icmp->type;
    if (!e.icmp->code.empty()) s << " code " << e.icmp->code;
  }
  switch (r.state) {
    case StateMode::default_:
      break;
    case StateMode::none:
      s << " no state";
      break;
    case StateMode::keep:
      s << " keep state";
      break;
    case StateMode::modulate:
      s << " modulate state";
      break;
    case StateMode::synproxy:
      s << " synproxy state";
      break;
  }
  if (!r.state_options.empty()) s << " " << r.state_options;
  for (const std::string& o : r.scrub_options)
    s << " " << o;
  if (!r.probability.empty()) s << " probability " << r.probability;
  if (!r.tag.empty()) s << " tag " << r.tag;
  if (!r.tagged.empty()) s << (r.tagged_negated ? " ! tagged " : " tagged ") << r.tagged;
  if (r.nat_to) s << " nat-to " << redirection_text(*r.nat_to);
  if (r.rdr_to) s << " rdr-to " << redirection_text(*r.rdr_to);
  if (r.binat_to) s << " binat-to " << redirection_text(*r.binat_to);
  if (r.arrow) s << " -> " << redirection_text(*r.arrow);
  if (!r.label.empty()) s << " label " << r.label;
  return s.str();
}

std::string listing(const Expansion& expansion) {
  std::ostringstream out;
  list(out, expansion.rules, 0);
  return out.str();
}

}  // namespace fwaudit::pf
