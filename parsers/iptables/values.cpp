// parsers/iptables/values.cpp
#include "parsers/iptables/values.hpp"

#include <charconv>
#include <span>

namespace fwaudit::iptables {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = text.find(separator, pos);
    if (end == std::string_view::npos) {
      out.push_back(text.substr(pos));
      return out;
    }
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
}

std::optional<std::uint32_t> parse_unsigned(std::string_view text) {
  std::uint32_t v = 0;
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  if (text.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

namespace {

struct NamedNumber {
  std::string_view name;
  std::uint8_t number;
};

// Names iptables accepts beyond analyzer's protocol_from_name.
constexpr NamedNumber kExtraProtocols[] = {
    {"udplite", 136}, {"dccp", 33},    {"mh", 135},     {"ipv6-mh", 135},
    {"l2tp", 115},    {"ipcomp", 108}, {"ospfigp", 89}, {"ip", 0},
};

}  // namespace

std::optional<ProtocolValue> parse_protocol(std::string_view text, std::string& error) {
  if (text == "all" || text == "0") return ProtocolValue{};
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (lower == "all") return ProtocolValue{};
  for (const auto& p : kExtraProtocols)
    if (p.name == lower)
      return ProtocolValue{p.number == 0 ? std::nullopt : std::optional(p.number)};
  if (auto n = protocol_from_name(lower)) return ProtocolValue{*n};
  error = "unknown protocol '" + std::string(text) +
          "'; expected a name such as tcp, udp, icmp, a number from 0 to 255, or all";
  return std::nullopt;
}

std::optional<AddressValue> parse_address(std::string_view text, Family family,
                                          std::string& error) {
  const std::string expected = family == Family::ipv4
                                   ? "an IPv4 address, optionally with /length or /netmask"
                                   : "an IPv6 address, optionally with /length or /netmask";
  std::string_view addr_text = text, mask_text;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    addr_text = text.substr(0, slash);
    mask_text = text.substr(slash + 1);
  }
  auto addr = IpAddress::parse(addr_text);
  if (!addr) {
    error = "expected " + expected + ", got '" + std::string(text) + "'";
    return std::nullopt;
  }
  if (addr->family != family) {
    error = std::string(family == Family::ipv4 ? "IPv6 address '" : "IPv4 address '") +
            std::string(text) + "' in an " + (family == Family::ipv4 ? "IPv4" : "IPv6") +
            " ruleset; expected " + expected;
    return std::nullopt;
  }
  AddressValue v;
  v.address = *addr;
  int width = addr->width();
  if (mask_text.empty()) {
    if (!(text.find('/') == std::string_view::npos)) {
      error = "expected a prefix length or netmask after '/' in '" + std::string(text) + "'";
      return std::nullopt;
    }
    v.prefix_length = width;
    v.mask = netmask_of_length(family, width);
    return v;
  }
  if (mask_text.find_first_of(".:") == std::string_view::npos) {
    auto len = parse_unsigned(mask_text);
    if (!len || mask_text.starts_with("0x") || static_cast<int>(*len) > width) {
      error = "bad prefix length '" + std::string(mask_text) + "'; expected 0 to " +
              std::to_string(width);
      return std::nullopt;
    }
    v.prefix_length = static_cast<int>(*len);
    v.mask = netmask_of_length(family, *v.prefix_length);
    return v;
  }
  auto mask = IpAddress::parse(mask_text);
  if (!mask || mask->family != family) {
    error = "bad netmask '" + std::string(mask_text) + "'; expected a prefix length or " +
            (family == Family::ipv4 ? "a dotted netmask such as 255.255.255.0" : "an IPv6 netmask");
    return std::nullopt;
  }
  v.mask = *mask;
  v.prefix_length = netmask_length(*mask);
  return v;
}

PacketSet address_set(const AddressValue& a, bool source) {
  if (a.prefix_length) {
    IpPrefix p{a.address, *a.prefix_length};
    return source ? PacketSet::src(p) : PacketSet::dst(p);
  }
  return source ? PacketSet::src_masked(a.address, a.mask)
                : PacketSet::dst_masked(a.address, a.mask);
}

namespace {

struct Service {
  std::string_view name;
  std::uint16_t port;
};

// The /etc/services names people write in iptables rules (netbase's list).
constexpr Service kServices[] = {
    {"ftp-data", 20},
    {"ftp", 21},
    {"ssh", 22},
    {"telnet", 23},
    {"smtp", 25},
    {"time", 37},
    {"whois", 43},
    {"tacacs", 49},
    {"domain", 53},
    {"bootps", 67},
    {"bootpc", 68},
    {"tftp", 69},
    {"gopher", 70},
    {"finger", 79},
    {"http", 80},
    {"www", 80},
    {"kerberos", 88},
    {"pop3", 110},
    {"sunrpc", 111},
    {"auth", 113},
    {"ident", 113},
    {"nntp", 119},
    {"ntp", 123},
    {"epmap", 135},
    {"netbios-ns", 137},
    {"netbios-dgm", 138},
    {"netbios-ssn", 139},
    {"imap", 143},
    {"imap2", 143},
    {"snmp", 161},
    {"snmp-trap", 162},
    {"bgp", 179},
    {"irc", 194},
    {"ldap", 389},
    {"https", 443},
    {"microsoft-ds", 445},
    {"isakmp", 500},
    {"submissions", 465},
    {"smtps", 465},
    {"syslog", 514},
    {"printer", 515},
    {"submission", 587},
    {"ipp", 631},
    {"ldaps", 636},
    {"rsync", 873},
    {"ftps-data", 989},
    {"ftps", 990},
    {"imaps", 993},
    {"pop3s", 995},
    {"socks", 1080},
    {"openvpn", 1194},
    {"ms-sql-s", 1433},
    {"l2f", 1701},
    {"pptp", 1723},
    {"radius", 1812},
    {"radius-acct", 1813},
    {"nfs", 2049},
    {"mysql", 3306},
    {"ms-wbt-server", 3389},
    {"ipsec-nat-t", 4500},
    {"sip", 5060},
    {"sip-tls", 5061},
    {"xmpp-client", 5222},
    {"postgresql", 5432},
    {"mdns", 5353},
    {"x11", 6000},
    {"http-alt", 8080},
    {"webcache", 8080},
};

}  // namespace

std::optional<std::uint16_t> service_port(std::string_view name) {
  for (const auto& s : kServices)
    if (s.name == name) return s.port;
  return std::nullopt;
}

namespace {

std::optional<std::uint16_t> parse_port(std::string_view text, std::string& error) {
  if (auto n = parse_unsigned(text); n && !text.starts_with("0x")) {
    if (*n > 65535) {
      error = "port " + std::string(text) + " is out of range; expected 0 to 65535";
      return std::nullopt;
    }
    return static_cast<std::uint16_t>(*n);
  }
  if (auto s = service_port(text)) return s;
  error = "expected a port number or service name, got '" + std::string(text) + "'";
  return std::nullopt;
}

}  // namespace

std::optional<PortRange> parse_port_range(std::string_view text, std::string& error) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    auto p = parse_port(text, error);
    if (!p) return std::nullopt;
    return PortRange{*p, *p};
  }
  std::string_view lo_text = text.substr(0, colon), hi_text = text.substr(colon + 1);
  std::uint16_t lo = 0, hi = 65535;
  if (!lo_text.empty()) {
    auto p = parse_port(lo_text, error);
    if (!p) return std::nullopt;
    lo = *p;
  }
  if (!hi_text.empty()) {
    auto p = parse_port(hi_text, error);
    if (!p) return std::nullopt;
    hi = *p;
  }
  // iptables swaps a reversed range ("80:22" is 22:80).
  if (lo > hi) std::swap(lo, hi);
  return PortRange{lo, hi};
}

std::optional<std::vector<PortRange>> parse_port_list(std::string_view text, std::string& error) {
  std::vector<PortRange> out;
  auto items = split(text, ',');
  if (items.size() > 15) {
    error = "multiport takes at most 15 ports, got " + std::to_string(items.size());
    return std::nullopt;
  }
  for (auto item : items) {
    auto r = parse_port_range(item, error);
    if (!r) return std::nullopt;
    out.push_back(*r);
  }
  return out;
}

namespace {

struct IcmpName {
  std::string_view name;
  std::uint8_t type;
  int code;  // -1: any code
};

// iptables -p icmp --help
constexpr IcmpName kIcmp4[] = {
    {"echo-reply", 0, -1},
    {"pong", 0, -1},
    {"destination-unreachable", 3, -1},
    {"network-unreachable", 3, 0},
    {"host-unreachable", 3, 1},
    {"protocol-unreachable", 3, 2},
    {"port-unreachable", 3, 3},
    {"fragmentation-needed", 3, 4},
    {"source-route-failed", 3, 5},
    {"network-unknown", 3, 6},
    {"host-unknown", 3, 7},
    {"network-prohibited", 3, 9},
    {"host-prohibited", 3, 10},
    {"TOS-network-unreachable", 3, 11},
    {"TOS-host-unreachable", 3, 12},
    {"communication-prohibited", 3, 13},
    {"host-precedence-violation", 3, 14},
    {"precedence-cutoff", 3, 15},
    {"source-quench", 4, -1},
    {"redirect", 5, -1},
    {"network-redirect", 5, 0},
    {"host-redirect", 5, 1},
    {"TOS-network-redirect", 5, 2},
    {"TOS-host-redirect", 5, 3},
    {"echo-request", 8, -1},
    {"ping", 8, -1},
    {"router-advertisement", 9, -1},
    {"router-solicitation", 10, -1},
    {"time-exceeded", 11, -1},
    {"ttl-exceeded", 11, -1},
    {"ttl-zero-during-transit", 11, 0},
    {"ttl-zero-during-reassembly", 11, 1},
    {"parameter-problem", 12, -1},
    {"ip-header-bad", 12, 0},
    {"required-option-missing", 12, 1},
    {"timestamp-request", 13, -1},
    {"timestamp-reply", 14, -1},
    {"address-mask-request", 17, -1},
    {"address-mask-reply", 18, -1},
};

// ip6tables -p icmpv6 --help
constexpr IcmpName kIcmp6[] = {
    {"destination-unreachable", 1, -1},
    {"no-route", 1, 0},
    {"communication-prohibited", 1, 1},
    {"beyond-scope", 1, 2},
    {"address-unreachable", 1, 3},
    {"port-unreachable", 1, 4},
    {"failed-policy", 1, 5},
    {"reject-route", 1, 6},
    {"packet-too-big", 2, -1},
    {"time-exceeded", 3, -1},
    {"ttl-exceeded", 3, -1},
    {"ttl-zero-during-transit", 3, 0},
    {"ttl-zero-during-reassembly", 3, 1},
    {"parameter-problem", 4, -1},
    {"bad-header", 4, 0},
    {"unknown-header-type", 4, 1},
    {"unknown-option", 4, 2},
    {"echo-request", 128, -1},
    {"ping", 128, -1},
    {"echo-reply", 129, -1},
    {"pong", 129, -1},
    {"mld-listener-query", 130, -1},
    {"mld-listener-report", 131, -1},
    {"mld-listener-done", 132, -1},
    {"mld-listener-reduction", 132, -1},
    {"router-solicitation", 133, -1},
    {"router-advertisement", 134, -1},
    {"neighbour-solicitation", 135, -1},
    {"neighbor-solicitation", 135, -1},
    {"neighbour-advertisement", 136, -1},
    {"neighbor-advertisement", 136, -1},
    {"redirect", 137, -1},
};

}  // namespace

std::optional<IcmpValue> parse_icmp_type(std::string_view text, Family family, std::string& error) {
  IcmpValue v;
  if (text == "any") {
    v.any = true;
    return v;
  }
  auto slash = text.find('/');
  std::string_view type_text = text.substr(0, slash);
  if (auto n = parse_unsigned(type_text); n && !type_text.starts_with("0x")) {
    if (*n > 255) {
      error = "ICMP type " + std::string(type_text) + " is out of range; expected 0 to 255";
      return std::nullopt;
    }
    v.type = static_cast<std::uint8_t>(*n);
    if (slash != std::string_view::npos) {
      auto code = parse_unsigned(text.substr(slash + 1));
      if (!code || *code > 255) {
        error =
            "bad ICMP code in '" + std::string(text) + "'; expected type/code with code 0 to 255";
        return std::nullopt;
      }
      v.code = static_cast<std::uint8_t>(*code);
    }
    return v;
  }
  const auto& names = family == Family::ipv4 ? std::span<const IcmpName>(kIcmp4)
                                             : std::span<const IcmpName>(kIcmp6);
  for (const auto& n : names) {
    if (n.name == text) {
      v.type = n.type;
      if (n.code >= 0) v.code = static_cast<std::uint8_t>(n.code);
      return v;
    }
  }
  error = std::string("unknown ") + (family == Family::ipv4 ? "ICMP" : "ICMPv6") + " type '" +
          std::string(text) +
          "'; expected a number, type/code, a name such as echo-request, or any";
  return std::nullopt;
}

std::optional<StateValue> parse_states(std::string_view text, bool ctstate, std::string& error) {
  StateValue v;
  for (auto item : split(text, ',')) {
    if (item == "NEW")
      v.states.push_back(ConnState::new_);
    else if (item == "ESTABLISHED")
      v.states.push_back(ConnState::established);
    else if (item == "RELATED")
      v.states.push_back(ConnState::related);
    else if (item == "INVALID")
      v.states.push_back(ConnState::invalid);
    else if (item == "UNTRACKED")
      v.states.push_back(ConnState::untracked);
    else if (ctstate && item == "SNAT")
      v.snat = true;
    else if (ctstate && item == "DNAT")
      v.dnat = true;
    else {
      error = "unknown state '" + std::string(item) +
              "'; expected INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED" +
              (ctstate ? ", SNAT or DNAT" : "") + " (comma-separated)";
      return std::nullopt;
    }
  }
  return v;
}

std::optional<NatRange> parse_nat_range(std::string_view text, Family family, std::string& error) {
  NatRange r;
  std::string_view addr_text = text, port_text;
  bool has_port = false;
  if (family == Family::ipv6 && text.starts_with('[')) {
    auto close = text.find(']');
    if (close == std::string_view::npos) {
      error = "expected ']' in '" + std::string(text) + "'";
      return std::nullopt;
    }
    addr_text = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        error = "expected ':port' after ']' in '" + std::string(text) + "'";
        return std::nullopt;
      }
      port_text = rest.substr(1);
      has_port = true;
    }
  } else if (family == Family::ipv4) {
    if (auto colon = text.find(':'); colon != std::string_view::npos) {
      addr_text = text.substr(0, colon);
      port_text = text.substr(colon + 1);
      has_port = true;
    }
  }
  if (!addr_text.empty()) {
    std::string_view lo_text = addr_text, hi_text = addr_text;
    if (auto dash = addr_text.find('-'); dash != std::string_view::npos) {
      lo_text = addr_text.substr(0, dash);
      hi_text = addr_text.substr(dash + 1);
    }
    auto lo = IpAddress::parse(lo_text), hi = IpAddress::parse(hi_text);
    if (!lo || !hi || lo->family != family || hi->family != family || *hi < *lo) {
      error = "bad address '" + std::string(addr_text) + "'; expected " +
              (family == Family::ipv4 ? "an IPv4 address or range a.b.c.d-e.f.g.h"
                                      : "an IPv6 address or range in brackets");
      return std::nullopt;
    }
    r.lo = *lo;
    r.hi = *hi;
  }
  if (has_port) {
    std::string_view lo_text = port_text, hi_text = port_text;
    if (auto dash = port_text.find('-'); dash != std::string_view::npos) {
      lo_text = port_text.substr(0, dash);
      hi_text = port_text.substr(dash + 1);
    }
    auto lo = parse_unsigned(lo_text), hi = parse_unsigned(hi_text);
    if (!lo || !hi || *lo > 65535 || *hi > 65535 || *hi < *lo) {
      error = "bad port range '" + std::string(port_text) + "'; expected a port or range a-b";
      return std::nullopt;
    }
    r.ports = PortRange{static_cast<std::uint16_t>(*lo), static_cast<std::uint16_t>(*hi)};
  }
  if (!r.lo && !r.ports) {
    error = "expected an address, an address range or :ports, got '" + std::string(text) + "'";
    return std::nullopt;
  }
  return r;
}

std::optional<AddressRange> parse_address_range(std::string_view text, Family family,
                                                std::string& error) {
  std::string_view lo_text = text, hi_text = text;
  if (auto dash = text.find('-'); dash != std::string_view::npos) {
    lo_text = text.substr(0, dash);
    hi_text = text.substr(dash + 1);
  }
  auto lo = IpAddress::parse(lo_text), hi = IpAddress::parse(hi_text);
  if (!lo || !hi || lo->family != family || hi->family != family) {
    error = "expected an address range such as " +
            std::string(family == Family::ipv4 ? "10.0.0.1-10.0.0.9" : "2001:db8::1-2001:db8::9") +
            ", got '" + std::string(text) + "'";
    return std::nullopt;
  }
  if (*hi < *lo) {
    error = "address range '" + std::string(text) + "' ends before it starts";
    return std::nullopt;
  }
  return AddressRange{*lo, *hi};
}

}  // namespace fwaudit::iptables
