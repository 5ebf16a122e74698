// analyzer/checks/state_relabel.cpp
#include "analyzer/checks/state_relabel.hpp"

namespace fwaudit::checks {

namespace {

// The interface constraint a cube names: "*" any, "self" the firewall, "eth+" a prefix, else one
// name. "(other)" cannot be rebuilt: no constraint, not exact.
PacketSet interface_set(const std::string& text, bool in, bool& exact) {
  if (text == "*") return PacketSet::all();
  if (text == "(other)") {
    exact = false;
    return PacketSet::all();
  }
  if (text == "self") return in ? PacketSet::in_interface(kSelf) : PacketSet::out_interface(kSelf);
  if (!text.empty() && text.back() == '+') {
    std::string_view prefix(text.data(), text.size() - 1);
    return in ? PacketSet::in_interface_prefix(prefix) : PacketSet::out_interface_prefix(prefix);
  }
  return in ? PacketSet::in_interface(text) : PacketSet::out_interface(text);
}

PacketSet protocol_set(const std::vector<std::uint8_t>& protocols) {
  if (protocols.size() >= 256) return PacketSet::all();
  PacketSet s;
  for (std::uint8_t p : protocols)
    s |= PacketSet::protocol(p);
  return s;
}

// A cube's address blocks; a /0 block is no constraint (with both families present, cubes()
// writes addresses in the IPv6 layout, and ::/0 must not exclude IPv4).
PacketSet addresses(const std::vector<IpPrefix>& blocks, bool source) {
  PacketSet s;
  for (const IpPrefix& p : blocks) {
    if (p.length == 0) return PacketSet::all();
    s |= source ? PacketSet::src(p) : PacketSet::dst(p);
  }
  return s;
}

}  // namespace

PacketSet with_state(const PacketSet& s, ConnState state, bool* exact, std::size_t limit) {
  bool is_exact = true;
  bool truncated = false;
  PacketSet out;
  for (const PacketCube& c : s.cubes(limit, &truncated)) {
    PacketSet families;
    for (Family f : c.families)
      families |= PacketSet::family(f);
    PacketSet sports, dports;
    PacketSet src = addresses(c.src, true), dst = addresses(c.dst, false);
    for (const PortRange& r : c.sports)
      sports |= PacketSet::src_port(r);
    for (const PortRange& r : c.dports)
      dports |= PacketSet::dst_port(r);
    out |= families & protocol_set(c.protocols) & src & dst & sports & dports &
           interface_set(c.in_if, true, is_exact) & interface_set(c.out_if, false, is_exact);
  }
  if (truncated) is_exact = false;
  if (exact != nullptr) *exact = is_exact;
  return out & PacketSet::state(state);
}

}  // namespace fwaudit::checks
