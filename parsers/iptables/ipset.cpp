// parsers/iptables/ipset.cpp
#include "parsers/iptables/ipset.hpp"

#include "parsers/iptables/values.hpp"

namespace fwaudit::iptables {

namespace {

// The lines of a file with their 1-based numbers, without line ends (\n or \r\n).
std::vector<std::pair<std::uint32_t, std::string_view>> numbered_lines(std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::string_view>> out;
  std::size_t pos = 0;
  std::uint32_t number = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.emplace_back(++number, line);
  }
  return out;
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    std::size_t start = i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"')
        ++i;
      if (i < line.size()) ++i;
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t')
        ++i;
    }
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::optional<AddressRange> parse_addresses(std::string_view text, Family family) {
  std::string error;
  if (text.find('/') != std::string_view::npos) {
    auto p = IpPrefix::parse(text);
    if (!p || p->addr.family != family) return std::nullopt;
    return AddressRange{p->first(), p->last()};
  }
  return parse_address_range(text, family, error);
}

std::optional<IpsetValue> parse_port_value(std::string_view text) {
  IpsetValue v;
  v.kind = IpsetValue::Kind::port;
  v.protocol = 6;
  std::string_view port_text = text;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    std::string error;
    auto proto = parse_protocol(text.substr(0, colon), error);
    if (!proto) return std::nullopt;
    v.protocol = proto->number;
    port_text = text.substr(colon + 1);
    if (v.protocol == 1 || v.protocol == 58) {
      auto icmp = parse_icmp_type(port_text, v.protocol == 1 ? Family::ipv4 : Family::ipv6, error);
      if (!icmp) return std::nullopt;
      if (icmp->any) {
        v.ports = {0, 65535};
      } else {
        std::uint16_t base = static_cast<std::uint16_t>(icmp->type << 8);
        v.ports = icmp->code ? PortRange{static_cast<std::uint16_t>(base | *icmp->code),
                                         static_cast<std::uint16_t>(base | *icmp->code)}
                             : PortRange{base, static_cast<std::uint16_t>(base | 0xff)};
      }
      return v;
    }
  }
  std::string_view lo = port_text, hi = port_text;
  if (auto dash = port_text.find('-'); dash != std::string_view::npos) {
    lo = port_text.substr(0, dash);
    hi = port_text.substr(dash + 1);
  }
  std::string error;
  auto l = parse_port_range(lo, error), h = parse_port_range(hi, error);
  if (!l || !h || h->hi < l->lo) return std::nullopt;
  v.ports = {l->lo, h->hi};
  return v;
}

}  // namespace

void IpsetStore::read(const std::string& file, std::string_view text, Diagnostics& diags) {
  for (auto [number, line] : numbered_lines(text)) {
    auto w = words(line);
    if (w.empty() || w[0].starts_with('#')) continue;
    SourceLocation where{file, number, 1, std::string(line)};
    if (w[0] == "create" || w[0] == "-N" || w[0] == "-exist") {
      if (w.size() < 3) {
        diags.error("ipset-syntax", "expected 'create NAME TYPE [options]'", where);
        continue;
      }
      Ipset set;
      set.name = std::string(w[1]);
      set.type = std::string(w[2]);
      set.location = where;
      auto colon = w[2].find(':');
      if (colon == std::string_view::npos) {
        diags.error(
            "ipset-syntax",
            "expected a set type such as hash:ip or hash:net,port, got '" + std::string(w[2]) + "'",
            where);
        continue;
      }
      for (auto d : split(w[2].substr(colon + 1), ','))
        set.dimensions.emplace_back(d);
      for (std::size_t i = 3; i + 1 < w.size(); ++i)
        if (w[i] == "family" && w[i + 1] == "inet6") set.family = Family::ipv6;
      sets_[set.name] = std::move(set);
      continue;
    }
    if (w[0] == "add" || w[0] == "-A") {
      if (w.size() < 3) {
        diags.error("ipset-syntax", "expected 'add NAME ELEMENT [options]'", where);
        continue;
      }
      auto it = sets_.find(w[1]);
      if (it == sets_.end()) {
        diags.error("ipset-undeclared",
                    "set " + std::string(w[1]) + " is not created before this line", where);
        continue;
      }
      Ipset& set = it->second;
      if (set.type == "list:set") {
        set.members.emplace_back(w[2]);
        continue;
      }
      IpsetElement element;
      auto parts = split(w[2], ',');
      bool ok = parts.size() == set.dimensions.size();
      for (std::size_t d = 0; ok && d < parts.size(); ++d) {
        const std::string& dim = set.dimensions[d];
        IpsetValue v;
        if (dim == "ip" || dim == "net") {
          auto r = parse_addresses(parts[d], set.family);
          if (!r)
            ok = false;
          else
            v.kind = IpsetValue::Kind::address, v.addresses = *r;
        } else if (dim == "port") {
          auto p = parse_port_value(parts[d]);
          if (!p)
            ok = false;
          else
            v = *p;
        } else if (dim == "iface") {
          v.kind = IpsetValue::Kind::interface;
          v.interface = std::string(parts[d]);
        }
        element.values.push_back(std::move(v));
      }
      if (!ok) {
        diags.error("ipset-syntax",
                    "bad element '" + std::string(w[2]) + "' for a set of type " + set.type, where);
        continue;
      }
      for (std::size_t i = 3; i < w.size(); ++i)
        if (w[i] == "nomatch") element.nomatch = true;
      set.elements.push_back(std::move(element));
      continue;
    }
    diags.unsupported(
        "ipset-command",
        "ipset command '" + std::string(w[0]) + "' is ignored (expected create or add)", where);
  }
}

void IpsetStore::read_address_list(const std::string& name, const std::string& file,
                                   std::string_view text, Diagnostics& diags) {
  Ipset set;
  set.name = name;
  set.type = "hash:net";
  set.dimensions = {"net"};
  set.location = {file, 1, 1, {}};
  bool family_known = false;
  for (auto [number, line] : numbered_lines(text)) {
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    for (std::string_view entry : words(line)) {
      SourceLocation where{file, number, 1, std::string(line)};
      if (!family_known) {
        set.family = entry.find(':') != std::string_view::npos ? Family::ipv6 : Family::ipv4;
        family_known = true;
      }
      auto r = parse_addresses(entry, set.family);
      if (!r) {
        diags.error("ipset-syntax",
                    "expected an " + std::string(set.family == Family::ipv6 ? "IPv6" : "IPv4") +
                        " address, CIDR block or range for set " + name + ", got '" +
                        std::string(entry) + "'",
                    where);
        continue;
      }
      IpsetElement element;
      IpsetValue v;
      v.kind = IpsetValue::Kind::address;
      v.addresses = *r;
      element.values.push_back(v);
      set.elements.push_back(std::move(element));
    }
  }
  sets_[name] = std::move(set);
}

const Ipset* IpsetStore::find(std::string_view name) const {
  auto it = sets_.find(name);
  return it == sets_.end() ? nullptr : &it->second;
}

std::optional<PacketSet> IpsetStore::members(std::string_view name,
                                             const std::vector<bool>& src_flags,
                                             std::string& reason, int depth) const {
  const Ipset* set = find(name);
  if (!set) {
    reason = "ipset '" + std::string(name) + "' contents unknown";
    return std::nullopt;
  }
  if (set->type == "list:set") {
    if (depth > 8) {
      reason = "ipset '" + std::string(name) + "' nests list:set too deeply";
      return std::nullopt;
    }
    PacketSet out;
    for (const auto& m : set->members) {
      auto s = members(m, src_flags, reason, depth + 1);
      if (!s) return std::nullopt;
      out |= *s;
    }
    return out;
  }
  if (src_flags.size() < set->dimensions.size()) {
    reason = "ipset '" + std::string(name) + "' has " + std::to_string(set->dimensions.size()) +
             " dimensions but the rule gives " + std::to_string(src_flags.size()) + " flags";
    return std::nullopt;
  }
  PacketSet match, nomatch;
  for (const auto& e : set->elements) {
    PacketSet s = PacketSet::all();
    for (std::size_t d = 0; d < e.values.size(); ++d) {
      const IpsetValue& v = e.values[d];
      bool src = src_flags[d];
      switch (v.kind) {
        case IpsetValue::Kind::address:
          s &= src ? PacketSet::src_range(v.addresses.lo, v.addresses.hi)
                   : PacketSet::dst_range(v.addresses.lo, v.addresses.hi);
          break;
        case IpsetValue::Kind::port: {
          PacketSet p = v.protocol ? PacketSet::protocol(*v.protocol) : PacketSet::all();
          bool icmp = v.protocol == 1 || v.protocol == 58;
          p &= (src && !icmp) ? PacketSet::src_port(v.ports) : PacketSet::dst_port(v.ports);
          s &= p;
          break;
        }
        case IpsetValue::Kind::interface:
          s &= v.interface.ends_with('+')
                   ? (src ? PacketSet::in_interface_prefix(
                                std::string_view(v.interface).substr(0, v.interface.size() - 1))
                          : PacketSet::out_interface_prefix(
                                std::string_view(v.interface).substr(0, v.interface.size() - 1)))
                   : (src ? PacketSet::in_interface(v.interface)
                          : PacketSet::out_interface(v.interface));
          break;
        case IpsetValue::Kind::unsupported:
          reason = "ipset '" + std::string(name) + "' of type " + set->type +
                   " is not modelled by fwaudit";
          return std::nullopt;
      }
    }
    (e.nomatch ? nomatch : match) |= s;
  }
  // Approximation documented in docs/semantics/iptables.md: nomatch entries carve out of the
  // others (exact when they are more specific, the way they are used).
  return match - nomatch;
}

}  // namespace fwaudit::iptables
