// tests/iptables_kernel/harness/injector.hpp
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/addr.hpp"
#include "harness/topology.hpp"

namespace fwk {

// A packet the firewall sent out of one of its interfaces, as the peer behind it received it.
struct Arrival {
  std::string fw_if;
  std::vector<std::uint8_t> packet;  // from the IP header on
};

// Puts crafted packets into the firewall and sees what comes out of it. A packet "in" lan0,
// dmz0 or wan0 is written as an Ethernet frame to the firewall's MAC from the peer's side of the
// veth (AF_PACKET: no routing, filtering or conntrack of the peer is involved); a packet from
// "self" is sent by a raw IP socket (header included) inside the firewall namespace, so it takes
// the firewall's own OUTPUT path. Each peer listens on its eth0 for frames from the firewall.
class Injector {
 public:
  explicit Injector(const Topology& topology);
  ~Injector();
  Injector(const Injector&) = delete;
  Injector& operator=(const Injector&) = delete;

  // `packet` starts with the IPv4 or IPv6 header. Throws SetupError if the kernel refuses it
  // (other than by the firewall's own OUTPUT rules dropping it).
  void send(const std::string& in_if, const std::vector<std::uint8_t>& packet);

  // Frames received by the peers since the last call. Waits up to `wait` for the first one.
  std::vector<Arrival> collect(std::chrono::milliseconds wait = std::chrono::milliseconds(0));

 private:
  struct PeerSockets {
    std::string fw_if;
    int send_fd = -1, receive_fd = -1, ifindex = 0;
    std::array<std::uint8_t, 6> fw_mac{};
  };
  std::vector<PeerSockets> peers_;
  int raw4_ = -1, raw6_ = -1;
};

}  // namespace fwk
