// parsers/asa/read_values.cpp
#include <string>

#include "parsers/asa/names.hpp"
#include "parsers/asa/read_state.hpp"

namespace fwaudit::asa {

std::vector<std::string_view> split_tokens(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
      ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t')
      ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::optional<IpAddress> address_or_name(const ReadState& st, std::string_view token) {
  if (auto a = IpAddress::parse(token)) return a;
  auto it = st.config.names.find(token);
  if (it != st.config.names.end()) return it->second;
  return std::nullopt;
}

std::optional<Address> read_address(ReadState& st, const std::vector<std::string_view>& t,
                                    Where at) {
  Address a;
  a.at = at;
  if (t.empty()) return std::nullopt;
  const std::string_view k = t[0];
  if (t.size() == 1) {
    if (k == "any") return a.kind = Address::Kind::any, a;
    if (k == "any4") return a.kind = Address::Kind::any4, a;
    if (k == "any6") return a.kind = Address::Kind::any6, a;
    auto prefix = IpPrefix::parse(k);
    if (!prefix || prefix->addr.family != Family::ipv6) return std::nullopt;
    a.kind = Address::Kind::prefix;
    a.addr = prefix->addr;
    a.length = prefix->length;
    return a;
  }
  if (t.size() != 2) return std::nullopt;
  if (k == "host") {
    auto ip = address_or_name(st, t[1]);
    if (!ip) return std::nullopt;
    a.kind = Address::Kind::host;
    a.addr = *ip;
    return a;
  }
  if (k == "object" || k == "object-group" || k == "interface") {
    a.kind = k == "object"         ? Address::Kind::object
             : k == "object-group" ? Address::Kind::group
                                   : Address::Kind::interface_;
    a.ref = t[1];
    st.reference(k == "object"         ? Reference::Kind::object
                 : k == "object-group" ? Reference::Kind::group
                                       : Reference::Kind::interface_,
                 t[1], at);
    return a;
  }
  auto ip = address_or_name(st, k);
  auto mask = IpAddress::parse(t[1]);
  if (!ip || !mask || mask->family != Family::ipv4 || ip->family != Family::ipv4)
    return std::nullopt;
  auto length = netmask_length(*mask);
  if (!length) return std::nullopt;
  a.kind = Address::Kind::masked;
  a.addr = *ip;
  a.mask = *mask;
  a.length = *length;
  if (ip->with_host_bits(*length, false) != *ip) {
    st.config.diagnostics.add(
        {Severity::warning,
         "address-mask-mismatch",
         "IP address " + ip->to_string() + " and mask " + mask->to_string() +
             " do not pair (host bits set; ASA 8.x and later reject it); taken as the network " +
             IpPrefix{ip->with_host_bits(*length, false), *length}.to_string(),
         st.config.location(at),
         {}});
  }
  return a;
}

std::optional<PortMatch> read_port_op(ReadState& st, const std::vector<std::string_view>& t,
                                      Where at) {
  PortMatch m;
  m.at = at;
  if (t.size() < 2) return std::nullopt;
  if (t[0] == "object-group") {
    m.op = PortMatch::Op::group;
    m.ref = t[1];
    st.reference(Reference::Kind::group, t[1], at);
    return m;
  }
  auto lo = port_from_text(t[1]);
  if (!lo) return std::nullopt;
  m.lo = m.hi = *lo;
  if (t[0] == "eq")
    m.op = PortMatch::Op::eq;
  else if (t[0] == "neq")
    m.op = PortMatch::Op::neq;
  else if (t[0] == "lt")
    m.op = PortMatch::Op::lt;
  else if (t[0] == "gt")
    m.op = PortMatch::Op::gt;
  else if (t[0] == "range" && t.size() == 3) {
    auto hi = port_from_text(t[2]);
    if (!hi) return std::nullopt;
    m.op = PortMatch::Op::range;
    m.hi = *hi;
  } else {
    return std::nullopt;
  }
  return m;
}

std::optional<IcmpMatch> read_icmp(const std::vector<std::string_view>& t, bool icmp6, Where at) {
  IcmpMatch m;
  m.at = at;
  if (t.empty() || t.size() > 2) return std::nullopt;
  auto type = icmp_type_from_text(t[0], icmp6);
  if (!type) return std::nullopt;
  m.any = false;
  m.type = *type;
  if (t.size() == 2) {
    auto code = icmp_type_from_text(t[1], icmp6);
    if (!code || t[1].find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    m.code = *code;
  }
  return m;
}

Protocol read_protocol(ReadState& st, const std::vector<std::string_view>& t, Where at) {
  Protocol p;
  p.at = at;
  if (t.size() == 2) {
    p.kind = t[0] == "object" ? Protocol::Kind::object : Protocol::Kind::group;
    p.ref = t[1];
    st.reference(t[0] == "object" ? Reference::Kind::object : Reference::Kind::group, t[1], at);
    return p;
  }
  if (!t.empty() && t[0] == "tcp-udp") {
    p.kind = Protocol::Kind::tcp_udp;
    return p;
  }
  auto n = t.empty() ? std::nullopt : protocol_from_text(t[0]);
  if (!n || *n == 0) {
    p.kind = Protocol::Kind::ip;
    return p;
  }
  p.kind = Protocol::Kind::number;
  p.number = *n;
  return p;
}

}  // namespace fwaudit::asa
