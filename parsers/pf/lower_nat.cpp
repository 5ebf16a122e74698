// parsers/pf/lower_nat.cpp
#include <sstream>

#include "parsers/pf/lower.hpp"
#include "parsers/pf/names.hpp"

namespace fwaudit::pf {

namespace {

struct Target {
  std::optional<IpPrefix> prefix;
  std::string unknown;
};

// The address a translation target stands for: an address or network, or an interface's
// address of the rule's family when the site profile gives it.
Target resolve_target(const Redirection& r, std::optional<Family> family, MatchBuilder& builder) {
  Target t;
  if (r.hosts.empty()) {
    t.unknown = "translation target missing";
    return t;
  }
  const Host& h = r.hosts.front();
  switch (h.kind) {
    case HostKind::address:
      t.prefix = parse_pf_address(h.name, h.mask);
      break;
    case HostKind::interface:
    case HostKind::dynamic: {
      InterfaceModifiers modifiers =
          parse_interface_modifiers(h.modifier).value_or(InterfaceModifiers{});
      auto list = builder.addresses(h.name, modifiers, h.kind == HostKind::dynamic);
      if (list) {
        for (const IpPrefix& p : *list) {
          if (family && p.addr.family != *family) continue;
          if (modifiers.network)
            t.prefix = IpPrefix{p.first(), p.length};
          else
            t.prefix = IpPrefix::host(p.addr);
          break;
        }
      }
      if (!t.prefix) {
        t.unknown = "address of interface '" + h.name + "' unknown (give it in the site profile)";
      }
      break;
    }
    case HostKind::table:
      t.unknown = "translation to the addresses of table <" + h.name + ">";
      break;
    default:
      t.unknown = "translation target '" + h.name + "' unknown offline";
      break;
  }
  if (r.hosts.size() > 1 && t.unknown.empty()) {
    t.unknown = "translation to one address of a pool (the first is assumed)";
  }
  return t;
}

bool tcp_or_udp(const ExpandedRule& r) {
  return r.protocol && (*r.protocol == 6 || *r.protocol == 17);
}

std::string target_text(const char* keyword, const Redirection& r) {
  std::ostringstream s;
  s << keyword;
  for (const Host& h : r.hosts) {
    s << ' ';
    if (h.negated) s << "! ";
    if (h.kind == HostKind::dynamic)
      s << '(' << h.name << ')';
    else if (h.kind == HostKind::table)
      s << '<' << h.name << '>';
    else
      s << h.name;
    if (h.mask >= 0) s << '/' << h.mask;
  }
  if (!r.ports.empty()) {
    s << " port " << r.ports.front().a;
    if (!r.ports.front().b.empty()) s << ':' << r.ports.front().b;
  }
  return s.str();
}

void add_address(HeaderRewrite& rw, const IpPrefix& p, bool source, const std::string& pool) {
  bool host = p.length == p.addr.width();
  if (host || pool == "bitmask" || pool.empty()) {
    if (source)
      rw.src_prefix(p);
    else
      rw.dst_prefix(p);
  } else {
    if (source)
      rw.src_range(p.first(), p.last());
    else
      rw.dst_range(p.first(), p.last());
  }
}

}  // namespace

std::optional<Translation> lower_translation(const ExpandedRule& r, Side side,
                                             MatchBuilder& builder) {
  const RuleSpec& s = *r.spec;
  enum class Kind { none, nat, rdr, binat_out, binat_in, exempt } kind = Kind::none;
  const Redirection* target = nullptr;
  const char* keyword = "";
  switch (s.action) {
    case Action::nat:
      if (side == Side::out)
        kind = Kind::nat, target = s.arrow ? &*s.arrow : nullptr, keyword = "nat ->";
      break;
    case Action::rdr:
      if (side == Side::in)
        kind = Kind::rdr, target = s.arrow ? &*s.arrow : nullptr, keyword = "rdr ->";
      break;
    case Action::binat:
      kind = side == Side::out ? Kind::binat_out : Kind::binat_in;
      target = s.arrow ? &*s.arrow : nullptr;
      keyword = "binat ->";
      break;
    case Action::no_nat:
      if (side == Side::out) kind = Kind::exempt;
      break;
    case Action::no_rdr:
      if (side == Side::in) kind = Kind::exempt;
      break;
    case Action::no_binat:
      kind = Kind::exempt;
      break;
    default:
      if (s.binat_to) {
        kind = side == Side::out ? Kind::binat_out : Kind::binat_in;
        target = &*s.binat_to;
        keyword = "binat-to";
      } else if (s.nat_to && side == Side::out) {
        kind = Kind::nat, target = &*s.nat_to, keyword = "nat-to";
      } else if (s.rdr_to && side == Side::in) {
        kind = Kind::rdr, target = &*s.rdr_to, keyword = "rdr-to";
      }
      break;
  }
  if (kind == Kind::none) return std::nullopt;
  Translation t;
  if (kind == Kind::exempt) {
    t.exempt = true;
    t.description = "no translation";
    return t;
  }
  if (!target) {
    t.unknown_reason = "translation target missing";
    return t;
  }
  t.description = target_text(keyword, *target);
  Target to = resolve_target(*target, r.family, builder);
  if (!to.unknown.empty()) t.unknown_reason = to.unknown;
  switch (kind) {
    case Kind::nat:
      if (to.prefix) add_address(t.rewrite, *to.prefix, true, target->pool);
      if (tcp_or_udp(r) && !target->static_port) {
        if (!target->ports.empty()) {
          auto lo = port_number(target->ports.front().a);
          auto hi = target->ports.front().b.empty() ? lo : port_number(target->ports.front().b);
          if (lo && hi && *lo <= 65535 && *hi <= 65535 && *lo <= *hi) {
            t.rewrite.src_port(static_cast<std::uint16_t>(*lo), static_cast<std::uint16_t>(*hi));
          }
        } else {
          // pf.conf(5): without static-port, nat picks a source port in 50001-65535.
          t.rewrite.src_port(50001, 65535);
        }
      }
      break;
    case Kind::rdr:
      if (to.prefix) add_address(t.rewrite, *to.prefix, false, target->pool);
      if (!target->ports.empty() && tcp_or_udp(r)) {
        const PortMatch& p = target->ports.front();
        auto lo = port_number(p.a);
        std::optional<std::uint32_t> hi = lo;
        if (p.b == "*" && r.dst_port && r.dst_port->op == PortOp::range) {
          auto a = port_number(r.dst_port->a), b = port_number(r.dst_port->b);
          if (lo && a && b && *b >= *a) hi = *lo + (*b - *a);
        } else if (!p.b.empty() && p.b != "*") {
          hi = port_number(p.b);
        }
        if (lo && hi && *lo <= *hi && *hi <= 65535) {
          t.rewrite.dst_port(static_cast<std::uint16_t>(*lo), static_cast<std::uint16_t>(*hi));
        }
      }
      break;
    case Kind::binat_out:
      if (to.prefix) t.rewrite.src_prefix(*to.prefix);
      break;
    case Kind::binat_in: {
      // Inbound, binat maps the external address back to the internal one (the rule's source).
      std::optional<IpPrefix> inside;
      if (r.src && r.src->kind == HostKind::address)
        inside = parse_pf_address(r.src->name, r.src->mask);
      if (inside)
        t.rewrite.dst_prefix(*inside);
      else if (t.unknown_reason.empty())
        t.unknown_reason = "binat internal address unknown";
      break;
    }
    default:
      break;
  }
  return t;
}

}  // namespace fwaudit::pf
