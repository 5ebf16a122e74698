// parsers/pf/lower_match.cpp
#include <algorithm>
#include <cctype>
#include <tuple>

#include "parsers/pf/lower.hpp"
#include "parsers/pf/names.hpp"

namespace fwaudit::pf {

void Match::restrict(const Match& m) {
  sure &= m.sure;
  may &= m.may;
  for (const std::string& u : m.unknowns) {
    if (std::find(unknowns.begin(), unknowns.end(), u) == unknowns.end()) unknowns.push_back(u);
  }
}

void Match::unknown(std::string reason) {
  sure = PacketSet::none();
  if (std::find(unknowns.begin(), unknowns.end(), reason) == unknowns.end()) {
    unknowns.push_back(std::move(reason));
  }
}

namespace {

Match negate(Match m) {
  Match out;
  out.sure = ~m.may;
  out.may = ~m.sure;
  out.unknowns = std::move(m.unknowns);
  return out;
}

bool has_unit_number(std::string_view name) {
  return !name.empty() && std::isdigit(static_cast<unsigned char>(name.back()));
}

PacketSet address_set(const IpPrefix& p, bool source) {
  return PacketSet::family(p.addr.family) & (source ? PacketSet::src(p) : PacketSet::dst(p));
}

}  // namespace

std::optional<std::vector<IpPrefix>> MatchBuilder::addresses(const std::string& name,
                                                             const InterfaceModifiers& modifiers,
                                                             bool dynamic) const {
  // The modifiers select per interface: (egress:0) is the first address of each member.
  std::vector<IpPrefix> all;
  auto add = [&](const std::vector<IpPrefix>& list) {
    for (const IpPrefix& p : select_interface_addresses(list, modifiers, dynamic))
      all.push_back(p);
  };
  if (name == "self") {
    if (options_.interface_addresses.empty()) return std::nullopt;
    for (const auto& [ifname, list] : options_.interface_addresses)
      add(list);
    return all;
  }
  auto it = options_.interface_addresses.find(name);
  if (it != options_.interface_addresses.end()) {
    add(it->second);
    return all;
  }
  auto g = options_.interface_groups.find(name);
  if (g != options_.interface_groups.end()) {
    for (const std::string& member : g->second) {
      auto m = options_.interface_addresses.find(member);
      if (m == options_.interface_addresses.end()) return std::nullopt;
      add(m->second);
    }
    return all;
  }
  return std::nullopt;
}

Match MatchBuilder::interface(const InterfaceRef& i, Side side) {
  Match m;
  auto exact = [side](std::string_view n) {
    return side == Side::in ? PacketSet::in_interface(n) : PacketSet::out_interface(n);
  };
  auto prefix = [side](std::string_view n) {
    return side == Side::in ? PacketSet::in_interface_prefix(n)
                            : PacketSet::out_interface_prefix(n);
  };
  std::string name = i.name;
  if (name.size() > 2 && name.front() == '(' && name.back() == ')') {
    name = name.substr(1, name.size() - 2);
  }
  if (name == "any") {
    // every interface: no constraint
  } else if (auto g = options_.interface_groups.find(name); g != options_.interface_groups.end()) {
    PacketSet s;
    for (const std::string& member : g->second)
      s |= exact(member);
    m.restrict(s);
  } else if (name == "lo") {
    m.restrict(prefix("lo"));  // the loopback group: lo0, lo1, ...
  } else if (has_unit_number(name) || options_.interface_addresses.count(name) ||
             name.size() > 31) {
    m.restrict(name.size() > 31 ? PacketSet::none() : exact(name));
  } else {
    // An interface group (egress, wlan, ...) whose members the site profile does not name.
    m.may &= ~exact("");
    m.unknown("members of interface group '" + name + "' unknown (name them in the site profile)");
  }
  return i.negated ? negate(std::move(m)) : m;
}

Match MatchBuilder::table(const std::string& name, bool source, std::uint32_t pos) {
  Match m;
  auto it = expansion_.tables.find(name);
  if (it == expansion_.tables.end()) {
    if (warned_tables_.insert(name).second) {
      Diagnostic d;
      d.severity = Severity::warning;
      d.code = "undefined-table";
      d.message = "table <" + name +
                  "> is used but never defined: pfctl creates it empty and its contents are only "
                  "known at run time (define it or give it with --table " +
                  name + "=FILE)";
      d.location = map_.locate(pos);
      pending_.push_back(std::move(d));
    }
    m.unknown("table <" + name + "> is not defined (contents set at run time)");
    return m;
  }
  const TableInfo& t = it->second;
  // pf tables match by longest prefix; a negated entry excludes its addresses from shorter
  // entries. Adding entries from the shortest prefix to the longest gives that result.
  std::vector<const Host*> entries;
  for (const Host& h : t.entries) {
    if (h.kind == HostKind::address) entries.push_back(&h);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Host* a, const Host* b) {
    auto pa = parse_pf_address(a->name, a->mask), pb = parse_pf_address(b->name, b->mask);
    int la = pa ? pa->length + (pa->addr.family == Family::ipv4 ? 96 : 0) : 0;
    int lb = pb ? pb->length + (pb->addr.family == Family::ipv4 ? 96 : 0) : 0;
    return la < lb;
  });
  PacketSet known;
  for (const Host* h : entries) {
    auto p = parse_pf_address(h->name, h->mask);
    if (!p) continue;
    PacketSet s = address_set(*p, source);
    if (h->negated)
      known -= s;
    else
      known |= s;
  }
  bool unknown_entries = false;
  std::string reason;
  for (const Host& h : t.entries) {
    if (h.kind == HostKind::address) continue;
    Match e = host(h, source);
    if (!e.unknowns.empty()) {
      unknown_entries = true;
      reason = e.unknowns.front();
    } else if (h.negated) {
      known -= ~e.sure;
    } else {
      known |= e.sure;
    }
  }
  m.restrict(known);
  if (!t.contents_known || unknown_entries) {
    m.sure = known;
    m.may = PacketSet::all();
    m.unknowns.push_back(!t.contents_known ? t.unknown_reason : reason);
  }
  return m;
}

Match MatchBuilder::host(const Host& h, bool source) {
  std::string key = std::to_string(static_cast<int>(h.kind)) + (h.negated ? "!" : "") + h.name +
                    " " + h.name2 + "/" + std::to_string(h.mask) + ":" + h.modifier +
                    (source ? "s" : "d");
  auto it = host_cache_.find(key);
  if (it != host_cache_.end()) return it->second;
  Match m = host_uncached(h, source);
  host_cache_.emplace(std::move(key), m);
  return m;
}

Match MatchBuilder::host_uncached(const Host& h, bool source) {
  Match m;
  auto prefixes_set = [source](const std::vector<IpPrefix>& list, const InterfaceModifiers& mod) {
    PacketSet s;
    for (const IpPrefix& p : list) {
      if (mod.network) {
        s |= address_set(IpPrefix{p.first(), p.length}, source);
      } else if (mod.broadcast) {
        s |= address_set(IpPrefix::host(p.last()), source);
      } else {
        s |= address_set(IpPrefix::host(p.addr), source);
      }
    }
    return s;
  };
  switch (h.kind) {
    case HostKind::any:
      break;
    case HostKind::address:
      if (auto p = parse_pf_address(h.name, h.mask)) m.restrict(address_set(*p, source));
      break;
    case HostKind::range: {
      auto lo = parse_pf_address(h.name, -1), hi = parse_pf_address(h.name2, -1);
      if (lo && hi) {
        m.restrict(PacketSet::family(lo->addr.family) &
                   (source ? PacketSet::src_range(lo->addr, hi->addr)
                           : PacketSet::dst_range(lo->addr, hi->addr)));
      }
      break;
    }
    case HostKind::table:
      m.restrict(table(h.name, source, h.pos));
      break;
    case HostKind::interface:
    case HostKind::dynamic:
    case HostKind::self: {
      std::string name = h.kind == HostKind::self ? "self" : h.name;
      // A bad modifier is reported by the checks; its rule is dropped.
      InterfaceModifiers modifiers =
          parse_interface_modifiers(h.modifier).value_or(InterfaceModifiers{});
      auto list = addresses(name, modifiers, h.kind == HostKind::dynamic);
      if (!list || modifiers.peer) {
        m.unknown(name == "self" ? std::string("addresses of the firewall (self) unknown (give "
                                               "interface addresses in the site profile)")
                                 : "addresses of interface '" + name +
                                       "' unknown (give them in the site profile)");
        break;
      }
      PacketSet s = prefixes_set(*list, modifiers);
      if (h.mask >= 0) {
        PacketSet widened;
        for (const IpPrefix& p : *list) {
          if (h.mask <= p.addr.width()) {
            widened |= address_set(IpPrefix{IpPrefix{p.addr, h.mask}.first(), h.mask}, source);
          }
        }
        s = widened;
      }
      m.restrict(s);
      break;
    }
    case HostKind::no_route:
      m.unknown("no-route depends on the routing table");
      break;
    case HostKind::urpf_failed:
      m.unknown("urpf-failed depends on the routing table");
      break;
    case HostKind::hostname:
      m.unknown("host name '" + h.name + "' is resolved by pfctl when the rules load");
      break;
  }
  return h.negated ? negate(std::move(m)) : m;
}

PacketSet MatchBuilder::ports(const PortMatch& p, bool source) {
  std::string key =
      std::to_string(static_cast<int>(p.op)) + " " + p.a + " " + p.b + (source ? "s" : "d");
  auto it = port_cache_.find(key);
  if (it != port_cache_.end()) return it->second;
  PacketSet s = ports_uncached(p, source);
  port_cache_.emplace(std::move(key), s);
  return s;
}

PacketSet MatchBuilder::ports_uncached(const PortMatch& p, bool source) {
  auto value = [](const std::string& s, std::uint32_t dflt) -> std::uint32_t {
    auto n = port_number(s);
    return n ? std::min<std::uint32_t>(*n, 65535) : dflt;
  };
  auto range = [source](std::uint32_t lo, std::uint32_t hi) {
    if (lo > hi) return PacketSet::none();
    auto l = static_cast<std::uint16_t>(lo), h = static_cast<std::uint16_t>(hi);
    return source ? PacketSet::src_port(l, h) : PacketSet::dst_port(l, h);
  };
  std::uint32_t a = value(p.a, 0);
  switch (p.op) {
    case PortOp::eq:
      return range(a, a);
    case PortOp::ne:
      return range(0, 65535) - range(a, a);
    case PortOp::lt:
      return a == 0 ? PacketSet::none() : range(0, a - 1);
    case PortOp::le:
      return range(0, a);
    case PortOp::gt:
      return range(a + 1, 65535);
    case PortOp::ge:
      return range(a, 65535);
    case PortOp::range:
      return range(a, value(p.b, 65535));
    case PortOp::inside:
      return range(a + 1, value(p.b, 0) == 0 ? 0 : value(p.b, 0) - 1);
    case PortOp::outside: {
      std::uint32_t b = value(p.b, 65535);
      return (a == 0 ? PacketSet::none() : range(0, a - 1)) | range(b + 1, 65535);
    }
  }
  return PacketSet::none();
}

Match MatchBuilder::rule(const ExpandedRule& r, Side side) {
  auto cached = rule_cache_.find(&r);
  if (cached == rule_cache_.end())
    cached = rule_cache_.emplace(&r, rule_without_interface(r)).first;
  Match m = cached->second;
  if (r.interface) m.restrict(interface(*r.interface, side));
  return m;
}

// Everything but the interface is the same on both sides: computed once per rule.
Match MatchBuilder::rule_without_interface(const ExpandedRule& r) {
  const RuleSpec& spec = *r.spec;
  Match m;
  if (r.family) m.restrict(PacketSet::family(*r.family));
  if (r.protocol) m.restrict(PacketSet::protocol(*r.protocol));
  if (r.icmp) {
    auto type = icmp_type_number(r.icmp->type, r.icmp->v6);
    std::optional<std::uint8_t> code;
    if (!r.icmp->code.empty()) code = icmp_code_number(r.icmp->code, r.icmp->v6);
    if (type) {
      m.restrict(PacketSet::protocol(r.icmp->v6 ? 58 : 1) & PacketSet::icmp(*type, code));
    }
  }
  if (r.src) m.restrict(host(*r.src, true));
  if (r.dst) m.restrict(host(*r.dst, false));
  if (r.src_port) m.restrict(ports(*r.src_port, true));
  if (r.dst_port) m.restrict(ports(*r.dst_port, false));
  if (r.user || r.group) {
    m.unknown("user/group matches the owner of a local socket (known only at run time)");
  }
  if (!spec.os.empty()) m.unknown("os fingerprint is known only at run time");
  if (!spec.probability.empty()) {
    m.unknown("probability " + spec.probability + " makes the match random");
  }
  if (!spec.tagged.empty()) {
    m.unknown("tagged " + spec.tagged + " depends on tags set by earlier rules");
  }
  for (const std::string& o : spec.other_options) {
    if (o.rfind("received-on", 0) == 0) {
      m.unknown("received-on depends on where the packet first entered");
    }
  }
  return m;
}

void MatchBuilder::warn_unknowns(const ExpandedRule& r, const std::vector<std::string>& unknowns) {
  for (const std::string& u : unknowns) {
    if (!warned_.insert(r.spec->location.to_string() + " " + u).second) continue;
    Diagnostic d;
    d.severity = Severity::warning;
    d.code = "may-match";
    d.message = "rule may or may not match: " + u;
    d.location = r.spec->location;
    pending_.push_back(std::move(d));
  }
}

void MatchBuilder::flush_warnings(const std::vector<std::string>& files) {
  auto rank = [&files](const Diagnostic& d) {
    auto it = std::find(files.begin(), files.end(), d.location.file);
    return std::tuple(it - files.begin(), d.location.line, d.location.column);
  };
  std::stable_sort(pending_.begin(), pending_.end(),
                   [&rank](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
  for (Diagnostic& d : pending_)
    diagnostics_.add(std::move(d));
  pending_.clear();
}

}  // namespace fwaudit::pf
