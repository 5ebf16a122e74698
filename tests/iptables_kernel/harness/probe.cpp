// tests/iptables_kernel/harness/probe.cpp
#include "harness/probe.hpp"

namespace fwk {

const char* to_string(Path p) {
  switch (p) {
    case Path::input:
      return "input";
    case Path::forward:
      return "forward";
    case Path::output:
      return "output";
  }
  return "?";
}

const char* hook_chain(Path p) {
  switch (p) {
    case Path::input:
      return "INPUT";
    case Path::forward:
      return "FORWARD";
    case Path::output:
      return "OUTPUT";
  }
  return "?";
}

std::vector<std::uint8_t> Probe::token() const {
  auto u = static_cast<std::uint32_t>(id);
  return {'f',
          'w',
          'k',
          '!',
          static_cast<std::uint8_t>(u >> 24),
          static_cast<std::uint8_t>(u >> 16),
          static_cast<std::uint8_t>(u >> 8),
          static_cast<std::uint8_t>(u)};
}

bool is_icmp_error(std::uint8_t proto, std::uint8_t type) {
  if (proto == kIcmp) return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
  if (proto == kIcmpV6) return type < 128;
  return false;
}

std::string protocol_label(std::uint8_t proto) {
  switch (proto) {
    case kTcp:
      return "tcp";
    case kUdp:
      return "udp";
    case kIcmp:
      return "icmp";
    case kIcmpV6:
      return "ipv6-icmp";
    default:
      return std::to_string(proto);
  }
}

std::string Probe::describe() const {
  const auto& h = header;
  auto endpoint = [&](const Addr& a, std::uint16_t port) {
    std::string s = a.v6 ? "[" + a.to_string() + "]" : a.to_string();
    if (h.proto == kTcp || h.proto == kUdp) s += ":" + std::to_string(port);
    return s;
  };
  std::string s =
      protocol_label(h.proto) + " " + endpoint(h.src, h.sport) + " -> " + endpoint(h.dst, h.dport);
  if (h.proto == kIcmp || h.proto == kIcmpV6) {
    s += " type " + std::to_string(h.icmp_type) + " code " + std::to_string(h.icmp_code);
  }
  return s + " in " + in_if + " out " + out_if + " state " + state;
}

}  // namespace fwk
