// tests/iptables_kernel/harness/topology.hpp
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "harness/addr.hpp"
#include "harness/net_namespace.hpp"

namespace fwk {

// The interface name fwaudit uses for the firewall host itself.
inline constexpr std::string_view kSelf = "self";

// One veth pair: `fw_if` inside the firewall namespace, "eth0" inside the peer namespace.
struct Link {
  std::string fw_if;  // lan0, dmz0, wan0
  std::string peer;   // client, dmz, server
  std::array<std::uint8_t, 6> fw_mac{}, peer_mac{};
  NetNamespace peer_ns;
  int peer_ifindex = 0;  // of eth0 inside peer_ns
};

// The firewall's addressing, fixed so that rulesets can be written against it (see
// docs/testing-kernel.md). Every address is in a documentation range (192.0.2.0/24,
// 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) or in 10.0.0.0/8, and only ever travels
// between the namespaces of one Topology.
struct Addressing {
  // The interface the firewall routes `dst` out of, or kSelf for its own addresses.
  static std::string route(const Addr& dst);
  static bool is_local(const Addr& a);
  // Addresses that live behind `fw_if` (for drawing random hosts); never firewall addresses.
  static std::vector<Masked> hosts_behind(std::string_view fw_if, bool v6);
  // The firewall's own addresses and address ranges.
  static std::vector<Masked> local(bool v6);
  static const std::vector<std::string>& interfaces();  // lan0, dmz0, wan0
};

// Namespaces "firewall", "client", "dmz" and "server" with veth pairs client-lan0, dmz-dmz0,
// server-wan0 and the firewall's routes; forwarding on, reverse-path filter and redirects off,
// IPv6 without autoconfiguration or DAD. Peers have no addresses and IPv6 disabled: they only
// inject and capture frames. Everything disappears with the object (or the process).
class Topology {
 public:
  static Topology build();  // throws SetupError

  const NetNamespace& firewall() const { return firewall_; }
  const std::vector<Link>& links() const { return links_; }
  const Link& link(std::string_view fw_if) const;

 private:
  NetNamespace firewall_;
  std::vector<Link> links_;
};

}  // namespace fwk
