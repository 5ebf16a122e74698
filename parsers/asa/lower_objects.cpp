// parsers/asa/lower_objects.cpp
// Objects and object-groups to packet sets: nested groups expand fully; an undefined name, a
// group of the wrong type or a nesting cycle is an error with its locations.
#include <algorithm>

#include "analyzer/call_cycles.hpp"
#include "parsers/asa/lower.hpp"
#include "parsers/asa/names.hpp"

namespace fwaudit::asa {

namespace {
constexpr int kMaxDepth = 64;  // port and icmp groups: deeper nesting only through a cycle
// Network and service groups nest legitimately deep in generated configs; past this depth the
// expansion stops with an error instead of exhausting the stack.
constexpr int kMaxNesting = 256;

void add_unknowns(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& u : from)
    if (std::find(to.begin(), to.end(), u) == to.end()) to.push_back(u);
}
}  // namespace

const char* to_string(ObjectGroup::Kind k) {
  switch (k) {
    case ObjectGroup::Kind::network:
      return "network";
    case ObjectGroup::Kind::service:
      return "service";
    case ObjectGroup::Kind::protocol:
      return "protocol";
    case ObjectGroup::Kind::icmp_type:
      return "icmp-type";
    case ObjectGroup::Kind::other:
      return "other";
  }
  return "other";
}

std::string AddressElement::to_string() const {
  switch (kind) {
    case Kind::any:
      return "any";
    case Kind::family:
      return family == Family::ipv4 ? "any4" : "any6";
    case Kind::prefix:
      return prefix.to_string();
    case Kind::range:
      return lo.to_string() + "-" + hi.to_string();
    case Kind::unknown:
      return "unknown (" + unknown + ")";
  }
  return "any";
}

Match& Match::operator&=(const Match& o) {
  // Most matches are exact (sure == may): one BDD operation instead of two.
  const bool exact = sure == may && o.sure == o.may;
  sure &= o.sure;
  may = exact ? sure : may & o.may;
  add_unknowns(unknowns, o.unknowns);
  return *this;
}

Match& Match::operator|=(const Match& o) {
  const bool exact = sure == may && o.sure == o.may;
  sure |= o.sure;
  may = exact ? sure : may | o.may;
  add_unknowns(unknowns, o.unknowns);
  return *this;
}

void Lowering::error(std::string code, std::string message, Where at, std::vector<Where> related) {
  Diagnostic d{Severity::error, std::move(code), std::move(message), loc(at), {}};
  for (Where w : related)
    d.related.push_back(loc(w));
  rs_.diagnostics.add(std::move(d));
}

void Lowering::warning(std::string code, std::string message, Where at) {
  rs_.diagnostics.warning(std::move(code), std::move(message), loc(at));
}

const ObjectGroup* Lowering::group_of_kind(std::string_view name, ObjectGroup::Kind kind,
                                           Where used_at, const char* expected) {
  const ObjectGroup* g = config_.group(name);
  if (g == nullptr) {
    error("undefined-object", "object-group '" + std::string(name) + "' is not defined", used_at);
    return nullptr;
  }
  if (g->kind != kind) {
    error("wrong-object-type",
          "object-group '" + std::string(name) + "' is a " + to_string(g->kind) + " group; a " +
              expected + " object-group is expected here",
          used_at, {g->at});
    return nullptr;
  }
  return g;
}

std::vector<AddressElement> Lowering::expand(const Address& a) {
  AddressElement e;
  switch (a.kind) {
    case Address::Kind::unset:
    case Address::Kind::any:
      return {e};
    case Address::Kind::any4:
    case Address::Kind::any6:
      e.kind = AddressElement::Kind::family;
      e.family = a.kind == Address::Kind::any4 ? Family::ipv4 : Family::ipv6;
      return {e};
    case Address::Kind::host:
      e.kind = AddressElement::Kind::prefix;
      e.family = a.addr.family;
      e.prefix = IpPrefix::host(a.addr);
      return {e};
    case Address::Kind::masked:
    case Address::Kind::prefix:
      e.kind = AddressElement::Kind::prefix;
      e.family = a.addr.family;
      e.prefix = {a.addr.with_host_bits(a.length, false), a.length};
      return {e};
    case Address::Kind::object:
      return expand_network_object(a.ref, a.at);
    case Address::Kind::group:
      return expand_network_group(a.ref, a.at);
    case Address::Kind::interface_:
      return interface_addresses(a.ref, a.at);
  }
  return {e};
}

std::vector<AddressElement> Lowering::expand_network_object(std::string_view name, Where used_at) {
  const NetworkObject* o = config_.network_object(name);
  if (o == nullptr) {
    const ObjectGroup* g = config_.group(name);
    if (g != nullptr && g->kind == ObjectGroup::Kind::network)
      error("wrong-object-type",
            "'" + std::string(name) + "' is an object-group; write object-group " +
                std::string(name) + " to use it",
            used_at, {g->at});
    else
      error("undefined-object", "network object '" + std::string(name) + "' is not defined",
            used_at);
    return {};
  }
  AddressElement e;
  e.family = o->addr.family;
  switch (o->kind) {
    case NetworkObject::Kind::host:
      e.kind = AddressElement::Kind::prefix;
      e.prefix = IpPrefix::host(o->addr);
      return {e};
    case NetworkObject::Kind::subnet:
      e.kind = AddressElement::Kind::prefix;
      e.prefix = {o->addr.with_host_bits(o->length, false), o->length};
      return {e};
    case NetworkObject::Kind::range:
      e.kind = AddressElement::Kind::range;
      e.lo = o->addr;
      e.hi = o->last;
      return {e};
    case NetworkObject::Kind::fqdn:
      e.kind = AddressElement::Kind::unknown;
      e.unknown = "fqdn object '" + std::string(name) + "' (" + std::string(o->fqdn) +
                  ") resolves at run time";
      return {e};
    case NetworkObject::Kind::empty:
      warning("empty-object",
              "network object '" + std::string(name) + "' has no address; it matches nothing",
              used_at);
      return {};
  }
  return {};
}

std::vector<AddressElement> Lowering::expand_network_group(std::string_view name, Where used_at) {
  const ObjectGroup* g = group_of_kind(name, ObjectGroup::Kind::network, used_at, "network");
  if (g == nullptr) return {};
  if (auto it = group_cache_.find(g->name); it != group_cache_.end()) return it->second;
  if (group_busy_[g->name]) return {};  // a nesting cycle, reported by check_group_cycles()
  if (nesting_ >= kMaxNesting) {
    error("nesting-too-deep",
          "object-group nesting deeper than " + std::to_string(kMaxNesting) +
              " levels; the groups below are not expanded",
          used_at);
    return {};
  }
  group_busy_[g->name] = true;
  ++nesting_;
  std::vector<AddressElement> out = expand_group_members(*g);
  --nesting_;
  group_busy_[g->name] = false;
  group_cache_[g->name] = out;
  return out;
}

std::vector<AddressElement> Lowering::expand_group_members(const ObjectGroup& g) {
  std::vector<AddressElement> out;
  for (const GroupMember& m : g.members) {
    std::vector<AddressElement> part;
    if (m.kind == GroupMember::Kind::group)
      part = expand_network_group(m.ref, m.at);
    else if (m.kind == GroupMember::Kind::address)
      part = expand(m.address);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::vector<AddressElement> Lowering::interface_addresses(std::string_view nameif, Where used_at) {
  const Interface* itf = config_.interface_by_nameif(nameif);
  if (itf == nullptr) {
    warning("undefined-interface",
            "no interface has nameif '" + std::string(nameif) + "'; its address is unknown",
            used_at);
    return {};
  }
  std::vector<AddressElement> out;
  auto given = options_.interface_addresses.find(std::string(nameif));
  const std::vector<IpPrefix>& addresses =
      given != options_.interface_addresses.end() ? given->second : itf->addresses;
  for (const IpPrefix& p : addresses) {
    AddressElement e;
    e.kind = AddressElement::Kind::prefix;
    e.family = p.addr.family;
    e.prefix = IpPrefix::host(p.addr);
    out.push_back(e);
  }
  if (out.empty()) {
    AddressElement e;
    e.kind = AddressElement::Kind::unknown;
    e.unknown = "address of interface '" + std::string(nameif) + "' is not in the configuration" +
                (itf->dynamic_address ? " (assigned by dhcp/pppoe)" : "");
    out.push_back(e);
  }
  return out;
}

Match Lowering::address_match(const std::vector<AddressElement>& elements, bool source) const {
  Match m = Match::nothing();
  for (const AddressElement& e : elements) {
    switch (e.kind) {
      case AddressElement::Kind::any:
        m |= Match::exact(PacketSet::all());
        break;
      case AddressElement::Kind::family:
        m |= Match::exact(PacketSet::family(e.family));
        break;
      case AddressElement::Kind::prefix:
        m |= Match::exact(PacketSet::family(e.family) &
                          (source ? PacketSet::src(e.prefix) : PacketSet::dst(e.prefix)));
        break;
      case AddressElement::Kind::range:
        m |=
            Match::exact(PacketSet::family(e.family) & (source ? PacketSet::src_range(e.lo, e.hi)
                                                               : PacketSet::dst_range(e.lo, e.hi)));
        break;
      case AddressElement::Kind::unknown:
        m.may |= PacketSet::all();
        add_unknowns(m.unknowns, {e.unknown});
        break;
    }
  }
  return m;
}

Match Lowering::operand_match(const Address& a, bool source, std::size_t* count) {
  // Only defined names are cached: an undefined one is reported at every use.
  const bool named = (a.kind == Address::Kind::object && config_.network_object(a.ref)) ||
                     (a.kind == Address::Kind::group && config_.group(a.ref)) ||
                     (a.kind == Address::Kind::interface_ && config_.interface_by_nameif(a.ref));
  const std::pair<std::string_view, int> key{a.ref,
                                             (source ? 1 : 0) + 2 * static_cast<int>(a.kind)};
  if (named) {
    if (auto it = operand_cache_.find(key); it != operand_cache_.end()) {
      if (count) *count = it->second.count;
      return it->second.match;
    }
  }
  std::vector<AddressElement> elements = expand(a);
  Match m = address_match(elements, source);
  if (count) *count = elements.size();
  if (named) operand_cache_[key] = {m, elements.size()};
  return m;
}

PacketSet Lowering::port_match(const PortMatch& m, bool source) {
  auto ports = [source](std::uint16_t lo, std::uint16_t hi) {
    return source ? PacketSet::src_port(lo, hi) : PacketSet::dst_port(lo, hi);
  };
  switch (m.op) {
    case PortMatch::Op::any:
      return PacketSet::all();
    case PortMatch::Op::eq:
      return ports(m.lo, m.lo);
    case PortMatch::Op::neq: {
      PacketSet s;
      if (m.lo > 0) s |= ports(0, static_cast<std::uint16_t>(m.lo - 1));
      if (m.lo < 65535) s |= ports(static_cast<std::uint16_t>(m.lo + 1), 65535);
      return s;
    }
    case PortMatch::Op::lt:
      return m.lo == 0 ? PacketSet::none() : ports(0, static_cast<std::uint16_t>(m.lo - 1));
    case PortMatch::Op::gt:
      return m.lo == 65535 ? PacketSet::none() : ports(static_cast<std::uint16_t>(m.lo + 1), 65535);
    case PortMatch::Op::range:
      if (m.lo > m.hi) {
        error("bad-port-range",
              "port range " + std::to_string(m.lo) + "-" + std::to_string(m.hi) +
                  " ends below its start; ASA rejects it",
              m.at);
        return PacketSet::none();
      }
      return ports(m.lo, m.hi);
    case PortMatch::Op::group: {
      const ObjectGroup* g = group_of_kind(m.ref, ObjectGroup::Kind::service, m.at, "service");
      return g == nullptr ? PacketSet::none() : port_group_match(*g, source, 0);
    }
  }
  return PacketSet::all();
}

PacketSet Lowering::port_group_match(const ObjectGroup& g, bool source, int depth) {
  PacketSet out;
  if (depth > kMaxDepth) return out;
  for (const GroupMember& m : g.members) {
    if (m.kind == GroupMember::Kind::port) {
      out |= port_match(m.port, source);
    } else if (m.kind == GroupMember::Kind::group) {
      if (const ObjectGroup* n = group_of_kind(m.ref, ObjectGroup::Kind::service, m.at, "service"))
        out |= port_group_match(*n, source, depth + 1);
    } else if (m.kind == GroupMember::Kind::service) {
      // A service-object in a port position: its ports on that side.
      out |= port_match(source ? m.service.source : m.service.destination, source);
    }
  }
  return out;
}

PacketSet Lowering::icmp_match(const IcmpMatch& m, std::uint8_t protocol) {
  if (m.any) return PacketSet::all();
  if (!m.group.empty()) {
    const ObjectGroup* g = group_of_kind(m.group, ObjectGroup::Kind::icmp_type, m.at, "icmp-type");
    return g == nullptr ? PacketSet::none() : icmp_group_match(*g, protocol, 0);
  }
  return PacketSet::protocol(protocol) & PacketSet::icmp(m.type, m.code);
}

PacketSet Lowering::icmp_group_match(const ObjectGroup& g, std::uint8_t protocol, int depth) {
  PacketSet out;
  if (depth > kMaxDepth) return out;
  for (const GroupMember& m : g.members) {
    if (m.kind == GroupMember::Kind::icmp_type) {
      out |= icmp_match(m.icmp, protocol);
    } else if (m.kind == GroupMember::Kind::group) {
      if (const ObjectGroup* n =
              group_of_kind(m.ref, ObjectGroup::Kind::icmp_type, m.at, "icmp-type"))
        out |= icmp_group_match(*n, protocol, depth + 1);
    }
  }
  return out;
}

Match Lowering::service_match(const ServiceSpec& s) {
  Match m = protocol_match(s.protocol);
  PacketSet rest = port_match(s.source, true) & port_match(s.destination, false);
  if (!s.icmp.any) {
    std::uint8_t proto = s.protocol.kind == Protocol::Kind::number ? s.protocol.number : 1;
    rest &= icmp_match(s.icmp, proto);
  }
  m &= Match::exact(rest);
  return m;
}

namespace {

// ASA's predefined service objects, usable without a definition: a protocol name ("ospf",
// "esp"), "tcp-PORT", "udp-PORT", "tcp-udp-PORT", "icmp-TYPE" and "icmp6-TYPE" with ASA's port
// and ICMP type names ("tcp-www", "udp-domain", "icmp-echo").
std::optional<ServiceSpec> predefined_service(std::string_view name) {
  ServiceSpec s;
  s.protocol.kind = Protocol::Kind::number;
  auto with_port = [&](std::string_view rest) -> std::optional<ServiceSpec> {
    auto port = port_from_text(rest);
    if (!port || rest.find_first_not_of("0123456789") == std::string_view::npos)
      return std::nullopt;
    s.destination.op = PortMatch::Op::eq;
    s.destination.lo = s.destination.hi = *port;
    return s;
  };
  if (name.substr(0, 8) == "tcp-udp-") {
    s.protocol.kind = Protocol::Kind::tcp_udp;
    return with_port(name.substr(8));
  }
  if (name.substr(0, 4) == "tcp-") return s.protocol.number = 6, with_port(name.substr(4));
  if (name.substr(0, 4) == "udp-") return s.protocol.number = 17, with_port(name.substr(4));
  for (auto [prefix, number] : {std::pair{std::string_view("icmp6-"), 58}, {"icmp-", 1}}) {
    if (name.substr(0, prefix.size()) != prefix) continue;
    std::string_view rest = name.substr(prefix.size());
    auto type = icmp_type_from_text(rest, number == 58);
    if (!type || rest.find_first_not_of("0123456789") == std::string_view::npos)
      return std::nullopt;
    s.protocol.number = static_cast<std::uint8_t>(number);
    s.icmp.any = false;
    s.icmp.type = *type;
    return s;
  }
  auto proto = protocol_from_text(name);
  if (!proto || name.find_first_not_of("0123456789") == std::string_view::npos) return std::nullopt;
  if (*proto == 0) s.protocol.kind = Protocol::Kind::ip;
  s.protocol.number = *proto;
  return s;
}

}  // namespace

Match Lowering::service_object_match(std::string_view name, Where used_at) {
  const ServiceObject* o = config_.service_object(name);
  if (o == nullptr) {
    if (auto spec = predefined_service(name)) return service_match(*spec);
    const ObjectGroup* g = config_.group(name);
    error("undefined-object", "service object '" + std::string(name) + "' is not defined", used_at,
          g ? std::vector<Where>{g->at} : std::vector<Where>{});
    return Match::nothing();
  }
  if (!o->spec) {
    warning("empty-object",
            "service object '" + std::string(name) + "' has no service; it matches nothing",
            used_at);
    return Match::nothing();
  }
  return service_match(*o->spec);
}

Match Lowering::protocol_match(const Protocol& p) {
  switch (p.kind) {
    case Protocol::Kind::ip:
      return Match::exact(PacketSet::all());
    case Protocol::Kind::number:
      return Match::exact(PacketSet::protocol(p.number));
    case Protocol::Kind::tcp_udp:
      return Match::exact(PacketSet::protocol(6) | PacketSet::protocol(17));
    case Protocol::Kind::object:
      return service_object_match(p.ref, p.at);
    case Protocol::Kind::group: {
      const ObjectGroup* g = config_.group(p.ref);
      if (g == nullptr) {
        error("undefined-object", "object-group '" + std::string(p.ref) + "' is not defined", p.at);
        return Match::nothing();
      }
      if (g->kind != ObjectGroup::Kind::protocol && g->kind != ObjectGroup::Kind::service) {
        error("wrong-object-type",
              "object-group '" + std::string(p.ref) + "' is a " + to_string(g->kind) +
                  " group; a protocol or service object-group is expected here",
              p.at, {g->at});
        return Match::nothing();
      }
      if (auto it = service_group_cache_.find(g->name); it != service_group_cache_.end())
        return it->second.first;
      std::size_t count = 0;
      Match m = protocol_group_match(*g, &count);
      service_group_cache_[g->name] = {m, count};
      return m;
    }
  }
  return Match::exact(PacketSet::all());
}

// The services of a protocol or service object-group, nested groups included. `count` (when
// given) is increased by the number of elements, as ASA expands them.
Match Lowering::protocol_group_match(const ObjectGroup& g, std::size_t* count) {
  Match out = Match::nothing();
  if (group_busy_[g.name]) return out;  // cycle, reported elsewhere
  if (nesting_ >= kMaxNesting) {
    error("nesting-too-deep",
          "object-group nesting deeper than " + std::to_string(kMaxNesting) +
              " levels; the groups below are not expanded",
          g.at);
    return out;
  }
  ++nesting_;
  group_busy_[g.name] = true;
  for (const GroupMember& m : g.members) {
    switch (m.kind) {
      case GroupMember::Kind::protocol:
        if (count) ++*count;
        out |= protocol_match(m.protocol);
        break;
      case GroupMember::Kind::port: {
        if (count) ++*count;
        Protocol proto = g.ports_protocol.value_or(Protocol{});
        out |= protocol_match(proto) &= Match::exact(port_match(m.port, false));
        break;
      }
      case GroupMember::Kind::service:
        if (count) ++*count;
        out |= service_match(m.service);
        break;
      case GroupMember::Kind::object:
        if (count) ++*count;
        out |= service_object_match(m.ref, m.at);
        break;
      case GroupMember::Kind::group: {
        const ObjectGroup* n = config_.group(m.ref);
        if (n == nullptr) {
          error("undefined-object", "object-group '" + std::string(m.ref) + "' is not defined",
                m.at);
        } else if (n->kind != g.kind) {
          error("wrong-object-type",
                "object-group '" + std::string(m.ref) + "' is a " + to_string(n->kind) +
                    " group; group-object in a " + to_string(g.kind) + " group needs the same type",
                m.at, {n->at});
        } else {
          out |= protocol_group_match(*n, count);
        }
        break;
      }
      case GroupMember::Kind::address:
      case GroupMember::Kind::icmp_type:
        break;
    }
  }
  group_busy_[g.name] = false;
  --nesting_;
  return out;
}

std::size_t Lowering::service_element_count(const Protocol& p) {
  if (p.kind != Protocol::Kind::group) return 1;
  // protocol_match() has walked the group and kept its element count.
  auto it = service_group_cache_.find(p.ref);
  return it == service_group_cache_.end() ? 1 : std::max<std::size_t>(it->second.second, 1);
}

bool Lowering::check_group_cycles() {
  const auto& groups = config_.groups;
  std::vector<std::pair<int, int>> edges;
  std::map<std::pair<int, int>, Where> edge_at;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    for (const GroupMember& m : groups[i].members) {
      if (m.kind != GroupMember::Kind::group) continue;
      auto it = config_.group_index.find(m.ref);
      if (it == config_.group_index.end()) continue;
      std::pair<int, int> e{static_cast<int>(i), static_cast<int>(it->second)};
      edges.push_back(e);
      edge_at.emplace(e, m.at);
    }
  }
  std::vector<int> cycle = find_cycle(static_cast<int>(groups.size()), edges);
  if (cycle.empty()) return true;
  std::string path;
  std::vector<Where> related;
  for (std::size_t k = 0; k < cycle.size(); ++k) {
    int from = cycle[k];
    int to = cycle[(k + 1) % cycle.size()];
    path += std::string(groups[static_cast<std::size_t>(from)].name) + " -> ";
    if (k > 0) related.push_back(edge_at[{from, to}]);
    related.push_back(groups[static_cast<std::size_t>(from)].at);
  }
  path += std::string(groups[static_cast<std::size_t>(cycle[0])].name);
  Where first = edge_at[{cycle[0], cycle[1 % cycle.size()]}];
  error("object-group-cycle", "object-group nesting forms a cycle: " + path, first, related);
  return false;
}

}  // namespace fwaudit::asa
