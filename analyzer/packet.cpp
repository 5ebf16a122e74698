// analyzer/packet.cpp
#include "analyzer/packet.hpp"

#include <array>
#include <charconv>
#include <vector>

namespace fwaudit {

namespace {

struct ProtocolName {
  std::string_view name;
  std::uint8_t number;
};

// IANA assigned numbers under the names /etc/protocols uses (first name is the printed one).
constexpr std::array<ProtocolName, 24> kProtocols{{
    {"icmp", 1},    {"igmp", 2},   {"ipencap", 4},     {"ipip", 4},        {"tcp", 6},
    {"egp", 8},     {"udp", 17},   {"ipv6", 41},       {"ipv6-route", 43}, {"ipv6-frag", 44},
    {"rsvp", 46},   {"gre", 47},   {"esp", 50},        {"ah", 51},         {"ipv6-icmp", 58},
    {"icmpv6", 58}, {"icmp6", 58}, {"ipv6-nonxt", 59}, {"ipv6-opts", 60},  {"eigrp", 88},
    {"ospf", 89},   {"pim", 103},  {"vrrp", 112},      {"sctp", 132},
}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
      ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t')
      ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

template <typename T>
bool parse_number(std::string_view s, T& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// "1.2.3.4:80", "[2001:db8::1]:80", "1.2.3.4", "2001:db8::1"; port nullopt when absent.
bool parse_endpoint(std::string_view s, IpAddress& addr, std::optional<std::uint16_t>& port) {
  std::string_view host = s;
  std::string_view port_text;
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    if (close == std::string_view::npos) return false;
    host = s.substr(1, close - 1);
    if (close + 1 < s.size()) {
      if (s[close + 1] != ':') return false;
      port_text = s.substr(close + 2);
    }
  } else if (auto colon = s.find(':');
             colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos) {
    host = s.substr(0, colon);
    port_text = s.substr(colon + 1);
  }
  auto a = IpAddress::parse(host);
  if (!a) return false;
  addr = *a;
  if (!port_text.empty()) {
    std::uint16_t p = 0;
    if (!parse_number(port_text, p)) return false;
    port = p;
  }
  return true;
}

std::string endpoint(const IpAddress& a, bool with_port, std::uint16_t port) {
  std::string host =
      a.family == Family::ipv6 && with_port ? "[" + a.to_string() + "]" : a.to_string();
  return with_port ? host + ":" + std::to_string(port) : host;
}

}  // namespace

const char* to_string(ConnState s) {
  switch (s) {
    case ConnState::new_:
      return "new";
    case ConnState::established:
      return "established";
    case ConnState::related:
      return "related";
    case ConnState::invalid:
      return "invalid";
    case ConnState::untracked:
      return "untracked";
  }
  return "new";
}

std::optional<ConnState> conn_state_from_string(std::string_view s) {
  for (int i = 0; i < kConnStateCount; ++i) {
    auto state = static_cast<ConnState>(i);
    std::string_view name = to_string(state);
    if (s.size() == name.size()) {
      bool same = true;
      for (std::size_t k = 0; k < s.size(); ++k)
        if ((s[k] | 0x20) != name[k]) same = false;
      if (same) return state;
    }
  }
  return std::nullopt;
}

std::optional<std::uint8_t> protocol_from_name(std::string_view name) {
  for (const auto& p : kProtocols)
    if (p.name == name) return p.number;
  unsigned n = 0;
  if (parse_number(name, n) && n <= 255) return static_cast<std::uint8_t>(n);
  return std::nullopt;
}

std::string protocol_name(std::uint8_t number) {
  for (const auto& p : kProtocols)
    if (p.number == number) return std::string(p.name);
  return std::to_string(number);
}

Packet Packet::reply() const {
  Packet r = *this;
  std::swap(r.src, r.dst);
  std::swap(r.in_if, r.out_if);
  if (is_icmp()) {
    // Echo request (8 / 128) is answered by echo reply (0 / 129); other ICMP keeps its type.
    if (proto == 1 && icmp_type() == 8) r.set_icmp(0, 0);
    if (proto == 58 && icmp_type() == 128) r.set_icmp(129, 0);
  } else {
    std::swap(r.sport, r.dport);
  }
  r.state = ConnState::established;
  return r;
}

std::string Packet::to_string() const {
  bool ports = proto == 6 || proto == 17 || proto == 132 || proto == 136;
  std::string out = protocol_name(proto) + " " + endpoint(src, ports, sport) + " -> " +
                    endpoint(dst, ports, dport);
  if (is_icmp())
    out += " type " + std::to_string(icmp_type()) + " code " + std::to_string(icmp_code());
  out += " in " + (in_if.empty() ? std::string("self") : in_if);
  out += " out " + (out_if.empty() ? std::string("self") : out_if);
  if (state != ConnState::new_) out += std::string(" state ") + fwaudit::to_string(state);
  return out;
}

std::optional<Packet> Packet::parse(std::string_view text, std::string* error) {
  auto fail = [&](std::string what) -> std::optional<Packet> {
    if (error) *error = std::move(what);
    return std::nullopt;
  };
  auto words = split_words(trim(text));
  if (words.size() < 4 || words[2] != "->")
    return fail(
        "expected 'PROTO SRC[:PORT] -> DST[:PORT]', e.g. 'tcp 198.51.100.7:40000 -> "
        "192.0.2.10:25'");
  Packet p;
  auto proto = protocol_from_name(words[0]);
  if (!proto) return fail("unknown protocol '" + std::string(words[0]) + "'");
  p.proto = *proto;
  std::optional<std::uint16_t> sport, dport;
  if (!parse_endpoint(words[1], p.src, sport))
    return fail("expected a source address, got '" + std::string(words[1]) + "'");
  if (!parse_endpoint(words[3], p.dst, dport))
    return fail("expected a destination address, got '" + std::string(words[3]) + "'");
  if (p.src.family != p.dst.family) return fail("source and destination are of different families");
  p.family = p.src.family;
  p.sport = sport.value_or(p.proto == 6 || p.proto == 17 ? 40000 : 0);
  p.dport = dport.value_or(0);
  p.in_if = "?";
  p.out_if = "?";
  for (std::size_t i = 4; i < words.size(); i += 2) {
    if (i + 1 >= words.size())
      return fail("expected a value after '" + std::string(words[i]) + "'");
    std::string_view key = words[i], value = words[i + 1];
    std::uint8_t byte = 0;
    if (key == "in") {
      p.in_if = value == "self" ? std::string() : std::string(value);
    } else if (key == "out") {
      p.out_if = value == "self" ? std::string() : std::string(value);
    } else if (key == "state") {
      auto s = conn_state_from_string(value);
      if (!s) return fail("expected new, established, related, invalid or untracked after 'state'");
      p.state = *s;
    } else if (key == "type" && parse_number(value, byte)) {
      p.set_icmp(byte, p.icmp_code());
    } else if (key == "code" && parse_number(value, byte)) {
      p.set_icmp(p.icmp_type(), byte);
    } else {
      return fail("unexpected '" + std::string(key) + " " + std::string(value) +
                  "' (expected 'in IF', 'out IF', 'state S', 'type N' or 'code N')");
    }
  }
  if (p.in_if == "?" || p.out_if == "?") {
    if (p.in_if == "?" && p.out_if == "?")
      return fail("expected 'in IF' and/or 'out IF' (use 'self' for the firewall itself)");
    // One side given: the other is the firewall itself.
    if (p.in_if == "?") p.in_if.clear();
    if (p.out_if == "?") p.out_if.clear();
  }
  return p;
}

}  // namespace fwaudit
