// tests/iptables_kernel/harness/probe.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/frame.hpp"

namespace fwk {

enum class Path { input, forward, output };
const char* to_string(Path p);
// The filter-table chain a packet of this path meets: INPUT, FORWARD, OUTPUT.
const char* hook_chain(Path p);

// One test packet: what is injected into the kernel and what fwaudit is asked about.
struct Probe {
  int id = 0;
  Path path = Path::forward;
  std::string in_if, out_if;  // lan0 / dmz0 / wan0, or "self"
  Header header;              // exactly what goes on the wire; payload ends with token()
  std::string state = "new";  // conntrack state the kernel gives it: new established related
                              // invalid
  // For established and related packets: the connection's first packet, sent while a
  // permissive ruleset is loaded, before the ruleset under test.
  std::optional<Header> setup;
  std::string setup_in_if;
  std::string why;  // "random", "boundary dst 192.0.2.63", "established", ...

  // Eight bytes that end every probe's payload (or the embedded packet of an ICMP error), so
  // the copy that leaves the firewall can be recognised even after NAT.
  std::vector<std::uint8_t> token() const;
  // "tcp 192.0.2.7:40000 -> 203.0.113.9:25 in lan0 out wan0 state new"
  std::string describe() const;
};

bool is_icmp_error(std::uint8_t proto, std::uint8_t type);
std::string protocol_label(std::uint8_t proto);

}  // namespace fwk
