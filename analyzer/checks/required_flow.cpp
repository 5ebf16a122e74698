// analyzer/checks/required_flow.cpp
#include "analyzer/checks/required_flow.hpp"

namespace fwaudit::checks {

namespace {

PacketSet addresses_of(const FlowEnd& end, bool source) {
  auto one = [&](const IpPrefix& p) { return source ? PacketSet::src(p) : PacketSet::dst(p); };
  PacketSet s = PacketSet::all();
  if (!end.addresses.empty()) {
    PacketSet a;
    for (const IpPrefix& p : end.addresses)
      a |= one(p);
    s &= a;
  }
  if (!end.zone_networks.empty()) {
    PacketSet z;
    for (const IpPrefix& p : end.zone_networks)
      z |= one(p);
    s &= z;
  }
  return s;
}

PacketSet interfaces_of(const FlowEnd& end, bool source) {
  if (end.is_firewall)
    return source ? PacketSet::in_interface(kSelf) : PacketSet::out_interface(kSelf);
  if (end.interfaces.empty())
    return source ? ~PacketSet::in_interface(kSelf) : ~PacketSet::out_interface(kSelf);
  PacketSet s;
  for (const std::string& name : end.interfaces)
    s |= source ? PacketSet::in_interface(name) : PacketSet::out_interface(name);
  return s;
}

}  // namespace

PacketSet FlowEnd::as_source() const {
  return addresses_of(*this, true) & interfaces_of(*this, true);
}

PacketSet FlowEnd::as_destination() const {
  return addresses_of(*this, false) & interfaces_of(*this, false);
}

PacketSet RequiredFlow::stateless() const {
  return from.as_source() & to.as_destination() & service;
}

PacketSet RequiredFlow::packets() const {
  return stateless() & PacketSet::state(ConnState::new_);
}

std::string RequiredFlow::peer_label() const {
  return "from " + from.label + " to " + to.label;
}

}  // namespace fwaudit::checks
