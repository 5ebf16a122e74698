// tests/iptables_kernel/harness/injector.cpp
#include "harness/injector.hpp"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fwk {
namespace {

int checked_socket(int domain, int type, int protocol, const char* what) {
  int fd = socket(domain, type | SOCK_CLOEXEC, protocol);
  if (fd < 0) throw SetupError(std::string("cannot open ") + what + ": " + std::strerror(errno));
  return fd;
}

}  // namespace

Injector::Injector(const Topology& topology) {
  for (const auto& link : topology.links()) {
    ScopedNamespace inside(link.peer_ns);
    PeerSockets p;
    p.fw_if = link.fw_if;
    p.ifindex = link.peer_ifindex;
    p.fw_mac = link.fw_mac;
    p.send_fd = checked_socket(AF_PACKET, SOCK_DGRAM, 0, "packet socket");
    p.receive_fd =
        checked_socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK, htons(ETH_P_ALL), "capture socket");
    sockaddr_ll bind_to{};
    bind_to.sll_family = AF_PACKET;
    bind_to.sll_protocol = htons(ETH_P_ALL);
    bind_to.sll_ifindex = p.ifindex;
    if (bind(p.receive_fd, reinterpret_cast<sockaddr*>(&bind_to), sizeof bind_to) != 0) {
      throw SetupError(std::string("cannot bind capture socket: ") + std::strerror(errno));
    }
    peers_.push_back(p);
  }
  ScopedNamespace inside(topology.firewall());
  raw4_ = checked_socket(AF_INET, SOCK_RAW, IPPROTO_RAW, "raw IPv4 socket");
  raw6_ = checked_socket(AF_INET6, SOCK_RAW, IPPROTO_RAW, "raw IPv6 socket");
}

Injector::~Injector() {
  for (const auto& p : peers_) {
    close(p.send_fd);
    close(p.receive_fd);
  }
  if (raw4_ >= 0) close(raw4_);
  if (raw6_ >= 0) close(raw6_);
}

void Injector::send(const std::string& in_if, const std::vector<std::uint8_t>& packet) {
  bool v6 = !packet.empty() && (packet[0] >> 4) == 6;
  ssize_t n = -1;
  if (in_if == kSelf) {
    if (v6) {
      sockaddr_in6 to{};
      to.sin6_family = AF_INET6;
      std::memcpy(&to.sin6_addr, packet.data() + 24, 16);
      n = sendto(raw6_, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to),
                 sizeof to);
    } else {
      sockaddr_in to{};
      to.sin_family = AF_INET;
      std::memcpy(&to.sin_addr, packet.data() + 16, 4);
      n = sendto(raw4_, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to),
                 sizeof to);
    }
  } else {
    const PeerSockets* peer = nullptr;
    for (const auto& p : peers_) {
      if (p.fw_if == in_if) peer = &p;
    }
    if (peer == nullptr) throw SetupError("no peer behind interface " + in_if);
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_protocol = htons(v6 ? ETH_P_IPV6 : ETH_P_IP);
    to.sll_ifindex = peer->ifindex;
    to.sll_halen = 6;
    std::memcpy(to.sll_addr, peer->fw_mac.data(), 6);
    n = sendto(peer->send_fd, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to),
               sizeof to);
  }
  // A packet from the firewall itself that its OUTPUT chain drops makes sendto() fail with
  // EPERM: the packet was sent into the kernel and the counters tell the rest.
  if (n < 0 && errno == EPERM && in_if == kSelf) return;
  if (n != static_cast<ssize_t>(packet.size())) {
    throw SetupError("sending a packet in " + in_if + " failed: " + std::strerror(errno));
  }
}

std::vector<Arrival> Injector::collect(std::chrono::milliseconds wait) {
  std::vector<Arrival> out;
  std::vector<pollfd> fds;
  for (const auto& p : peers_)
    fds.push_back({p.receive_fd, POLLIN, 0});
  bool waited = false;
  for (;;) {
    bool any = false;
    for (const auto& p : peers_) {
      for (;;) {
        std::vector<std::uint8_t> buffer(65536);
        sockaddr_ll from{};
        socklen_t from_len = sizeof from;
        ssize_t n = recvfrom(p.receive_fd, buffer.data(), buffer.size(), 0,
                             reinterpret_cast<sockaddr*>(&from), &from_len);
        if (n < 0) break;
        if (from.sll_pkttype == PACKET_OUTGOING) continue;  // our own injected frames
        buffer.resize(static_cast<std::size_t>(n));
        out.push_back({p.fw_if, std::move(buffer)});
        any = true;
      }
    }
    if (any || waited || wait.count() == 0) break;
    waited = true;
    if (poll(fds.data(), fds.size(), static_cast<int>(wait.count())) <= 0) break;
  }
  return out;
}

}  // namespace fwk
