// tests/iptables_kernel/harness/topology.cpp
#include "harness/topology.hpp"

#include <net/if.h>

#include <cstdio>

namespace fwk {
namespace {

struct RouteSpec {
  const char* prefix;
  const char* fw_if;
};

// Longest prefix first. The gateways behind each interface are link-local (169.254.x.2 /
// fe80::2) with permanent neighbour entries, so no ARP or neighbour discovery ever runs.
constexpr RouteSpec kRoutes[] = {
    {"192.0.2.0/24", "lan0"},    {"198.51.100.0/24", "dmz0"}, {"0.0.0.0/0", "wan0"},
    {"2001:db8:1::/48", "lan0"}, {"2001:db8:2::/48", "dmz0"}, {"::/0", "wan0"},
};

struct LocalSpec {
  const char* address;
  const char* fw_if;  // "lo": a local route for a whole range
};

constexpr LocalSpec kLocals[] = {
    {"192.0.2.1/32", "lan0"},      {"198.51.100.1/32", "dmz0"},   {"203.0.113.1/32", "wan0"},
    {"203.0.113.240/28", "lo"},    {"2001:db8:1::1/128", "lan0"}, {"2001:db8:2::1/128", "dmz0"},
    {"2001:db8:3::1/128", "wan0"}, {"2001:db8:3:ff::/64", "lo"},
};

struct HostSpec {
  const char* prefix;
  const char* fw_if;
};

constexpr HostSpec kHosts[] = {
    {"192.0.2.0/24", "lan0"},    {"198.51.100.0/24", "dmz0"},    {"203.0.113.0/24", "wan0"},
    {"10.0.0.0/8", "wan0"},      {"2001:db8:1::/48", "lan0"},    {"2001:db8:2::/48", "dmz0"},
    {"2001:db8:3::/48", "wan0"}, {"2001:db8:f000::/36", "wan0"},
};

struct PeerSpec {
  const char* fw_if;
  const char* peer;
  int number;
};

constexpr PeerSpec kPeers[] = {{"lan0", "client", 1}, {"dmz0", "dmz", 2}, {"wan0", "server", 3}};

std::string mac_text(const std::array<std::uint8_t, 6>& m) {
  char s[18];
  std::snprintf(s, sizeof s, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
  return s;
}

Masked masked(const char* text) {
  return *Masked::parse(text);
}

}  // namespace

std::string Addressing::route(const Addr& dst) {
  if (is_local(dst)) return std::string(kSelf);
  for (const auto& r : kRoutes) {
    if (masked(r.prefix).contains(dst)) return r.fw_if;
  }
  return "wan0";
}

bool Addressing::is_local(const Addr& a) {
  for (const auto& l : kLocals) {
    if (masked(l.address).contains(a)) return true;
  }
  return false;
}

std::vector<Masked> Addressing::hosts_behind(std::string_view fw_if, bool v6) {
  std::vector<Masked> out;
  for (const auto& h : kHosts) {
    auto m = masked(h.prefix);
    if (h.fw_if == fw_if && m.address.v6 == v6) out.push_back(m);
  }
  return out;
}

std::vector<Masked> Addressing::local(bool v6) {
  std::vector<Masked> out;
  for (const auto& l : kLocals) {
    auto m = masked(l.address);
    if (m.address.v6 == v6) out.push_back(m);
  }
  return out;
}

const std::vector<std::string>& Addressing::interfaces() {
  static const std::vector<std::string> names = {"lan0", "dmz0", "wan0"};
  return names;
}

const Link& Topology::link(std::string_view fw_if) const {
  for (const auto& l : links_) {
    if (l.fw_if == fw_if) return l;
  }
  throw SetupError("no link named " + std::string(fw_if));
}

Topology Topology::build() {
  Topology t;
  t.firewall_ = NetNamespace::create();
  const auto& fw = t.firewall_;
  // Defaults first: interfaces created afterwards inherit them.
  for (const char* scope : {"all", "default"}) {
    std::string s = scope;
    write_sysctl(fw, "net/ipv4/conf/" + s + "/rp_filter", "0");
    write_sysctl(fw, "net/ipv4/conf/" + s + "/send_redirects", "0");
    write_sysctl(fw, "net/ipv6/conf/" + s + "/accept_dad", "0");
    write_sysctl(fw, "net/ipv6/conf/" + s + "/accept_ra", "0");
    write_sysctl(fw, "net/ipv6/conf/" + s + "/addr_gen_mode", "1");  // no link-local address
  }
  write_sysctl(fw, "net/ipv4/ip_forward", "1");
  write_sysctl(fw, "net/ipv6/conf/all/forwarding", "1");

  std::string fw_batch = "link set lo up\n";
  for (const auto& spec : kPeers) {
    Link l;
    l.fw_if = spec.fw_if;
    l.peer = spec.peer;
    auto n = static_cast<std::uint8_t>(spec.number);
    l.fw_mac = {0x02, 0xfc, 0x00, 0x00, n, 0x01};
    l.peer_mac = {0x02, 0xfc, 0x00, 0x00, n, 0x02};
    l.peer_ns = NetNamespace::create();
    write_sysctl(l.peer_ns, "net/ipv6/conf/all/disable_ipv6", "1");
    write_sysctl(l.peer_ns, "net/ipv6/conf/default/disable_ipv6", "1");
    run_checked({"ip", "link", "add", "eth0", "address", mac_text(l.peer_mac), "type", "veth",
                 "peer", "name", l.fw_if, "address", mac_text(l.fw_mac), "netns", fw.path()},
                &l.peer_ns);
    run_checked({"ip", "-batch", "-"}, &l.peer_ns, "link set lo up\nlink set eth0 up\n");
    {
      ScopedNamespace inside(l.peer_ns);
      l.peer_ifindex = static_cast<int>(if_nametoindex("eth0"));
    }
    if (l.peer_ifindex == 0) throw SetupError("eth0 missing in the " + l.peer + " namespace");
    std::string gw4 = "169.254." + std::to_string(spec.number) + ".2";
    fw_batch += "link set " + l.fw_if + " up\n";
    fw_batch += "neigh replace " + gw4 + " lladdr " + mac_text(l.peer_mac) + " dev " + l.fw_if +
                " nud permanent\n";
    fw_batch += "neigh replace fe80::2 lladdr " + mac_text(l.peer_mac) + " dev " + l.fw_if +
                " nud permanent\n";
    for (const auto& r : kRoutes) {
      if (std::string_view(r.fw_if) != l.fw_if) continue;
      bool v6 = std::string_view(r.prefix).find(':') != std::string_view::npos;
      fw_batch += v6 ? "route add " + std::string(r.prefix) + " via fe80::2 dev " + l.fw_if + "\n"
                     : "route add " + std::string(r.prefix) + " via " + gw4 + " dev " + l.fw_if +
                           " onlink\n";
    }
    t.links_.push_back(std::move(l));
  }
  for (const auto& l : kLocals) {
    bool v6 = std::string_view(l.address).find(':') != std::string_view::npos;
    if (std::string_view(l.fw_if) == "lo") {
      fw_batch += std::string("route add local ") + l.address + " dev lo\n";
    } else {
      fw_batch +=
          std::string("addr add ") + l.address + " dev " + l.fw_if + (v6 ? " nodad\n" : "\n");
    }
  }
  run_checked({"ip", "-batch", "-"}, &fw, fw_batch);
  return t;
}

}  // namespace fwk
