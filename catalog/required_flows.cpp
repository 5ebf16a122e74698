// catalog/required_flows.cpp
#include "catalog/required_flows.hpp"

#include <algorithm>

#include "catalog/resolve_profile.hpp"
#include "catalog/roles.hpp"

namespace fwaudit::catalog {

namespace {

using checks::FlowEnd;
using checks::RequiredFlow;
using checks::Status;

bool contains(const IpPrefix& outer, const IpPrefix& inner) {
  return outer.addr.family == inner.addr.family && outer.length <= inner.length &&
         outer.contains(inner.first());
}

std::string join_prefixes(const std::vector<IpPrefix>& list) {
  std::string out;
  for (const IpPrefix& p : list)
    out += (out.empty() ? "" : ", ") + p.to_string();
  return out;
}

// The site's zones as the audit sees them: the profile's, and "internet" with its networks
// worked out when the profile gives none.
class SiteZones {
 public:
  explicit SiteZones(const SiteProfile& profile) : profile_(profile) {
    std::vector<IpPrefix> inside = special_purpose_blocks();
    for (const ProfileZone& z : profile.zones)
      if (z.name != kInternetZone)
        inside.insert(inside.end(), z.networks.begin(), z.networks.end());
    internet_networks_ = complement(inside, Family::ipv4);
    auto v6 = complement(inside, Family::ipv6);
    internet_networks_.insert(internet_networks_.end(), v6.begin(), v6.end());
    if (const ProfileZone* z = profile.find_zone(kInternetZone); z && !z->networks.empty())
      internet_networks_ = z->networks;
  }

  // The zone holding `p`: the first whose networks contain it, else the internet.
  std::string zone_of(const IpPrefix& p) const {
    for (const ProfileZone& z : profile_.zones)
      for (const IpPrefix& n : z.networks)
        if (contains(n, p)) return z.name;
    return std::string(kInternetZone);
  }

  FlowEnd end(const std::string& zone) const {
    FlowEnd e;
    e.zone = zone;
    if (zone == kFirewallZone) {
      e.is_firewall = true;
      e.label = "the firewall";
      return e;
    }
    if (const ProfileZone* z = profile_.find_zone(zone)) {
      e.interfaces = z->interfaces;
      e.zone_networks = z->networks;
    }
    if (zone == kInternetZone) e.zone_networks = internet_networks_;
    e.label = "zone " + zone;
    return e;
  }

 private:
  const SiteProfile& profile_;
  std::vector<IpPrefix> internet_networks_;
};

// The ends a resolved role stands for: one per zone its addresses fall in, one per bound zone.
std::vector<FlowEnd> ends_of(const ResolvedRole& role, const SiteZones& zones) {
  std::vector<FlowEnd> out;
  if (role.is_firewall) {
    FlowEnd e = zones.end(std::string(kFirewallZone));
    e.addresses = role.prefixes;
    out.push_back(std::move(e));
    return out;
  }
  for (const IpPrefix& p : role.prefixes) {
    std::string zone = zones.zone_of(p);
    auto it = std::find_if(out.begin(), out.end(), [&](const FlowEnd& e) {
      return e.zone == zone && !e.addresses.empty();
    });
    if (it == out.end()) {
      FlowEnd e = zones.end(zone);
      e.zone_networks.clear();
      out.push_back(std::move(e));
      it = out.end() - 1;
    }
    it->addresses.push_back(p);
    it->label = join_prefixes(it->addresses);
  }
  for (const std::string& z : role.zones)
    out.push_back(zones.end(z));
  return out;
}

// In host firewall mode, the firewall's addresses that face `peer`: those inside the peer's
// zone networks, else those outside every zone (public ones), else all of them.
std::vector<IpPrefix> facing(const std::vector<IpPrefix>& own, const FlowEnd& peer,
                             const SiteZones& zones) {
  std::vector<IpPrefix> out;
  for (const IpPrefix& a : own)
    if (zones.zone_of(a) == peer.zone) out.push_back(a);
  if (out.empty())
    for (const IpPrefix& a : own)
      if (zones.zone_of(a) == kInternetZone) out.push_back(a);
  return out.empty() ? own : out;
}

std::vector<Family> families_of(const std::vector<IpPrefix>& a, const std::vector<IpPrefix>& b) {
  std::vector<Family> out;
  for (const auto* list : {&a, &b}) {
    for (const IpPrefix& p : *list)
      if (std::find(out.begin(), out.end(), p.addr.family) == out.end())
        out.push_back(p.addr.family);
    if (!out.empty()) return out;
  }
  return {Family::ipv4};
}

PacketSet service_of(const Requirement& r, const std::vector<Family>& families,
                     std::string& label) {
  PacketSet ports;
  std::string port_text;
  for (const PortRange& p : r.ports) {
    ports |= PacketSet::dst_port(p.first, p.last);
    port_text += (port_text.empty() ? "" : ",") + p.to_string();
  }
  PacketSet fam;
  for (Family f : families)
    fam |= PacketSet::family(f);
  PacketSet s;
  switch (r.transport) {
    case Transport::tcp:
      s = PacketSet::protocol(6) & ports;
      label = "tcp/" + port_text;
      break;
    case Transport::udp:
      s = PacketSet::protocol(17) & ports;
      label = "udp/" + port_text;
      break;
    case Transport::both:
      s = (PacketSet::protocol(6) | PacketSet::protocol(17)) & ports;
      label = "tcp+udp/" + port_text;
      break;
    case Transport::icmp:
      s = PacketSet::protocol(1) | PacketSet::protocol(58);
      label = "icmp";
      break;
    case Transport::invalid:
      break;
  }
  return s & fam;
}

// Narrows an internet peer to the addresses the requirement or the profile's hostname hints name.
void narrow_peer(FlowEnd& peer, const DeployedRequirement& d) {
  if (!peer.addresses.empty()) return;
  std::vector<IpPrefix> named = d.requirement->networks;
  for (const IpPrefix& p : d.hinted_networks)
    if (std::find(named.begin(), named.end(), p) == named.end()) named.push_back(p);
  if (named.empty()) return;
  peer.addresses = named;
  peer.label = join_prefixes(named) + " (" + peer.zone + ")";
}

}  // namespace

const std::vector<IpPrefix>& special_purpose_blocks() {
  static const std::vector<IpPrefix> blocks = [] {
    std::vector<IpPrefix> out;
    for (const char* text :
         // IANA special-purpose registries (RFC 6890) not globally reachable, less the
         // documentation ranges the samples use as public addresses.
         {"0.0.0.0/8",     "10.0.0.0/8",   "100.64.0.0/10",  "127.0.0.0/8",   "169.254.0.0/16",
          "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
          "240.0.0.0/4",   "::/128",       "::1/128",        "::ffff:0:0/96", "64:ff9b:1::/48",
          "100::/64",      "2001:2::/48",  "fc00::/7",       "fe80::/10",     "ff00::/8"}) {
      out.push_back(*IpPrefix::parse(text));
    }
    return out;
  }();
  return blocks;
}

std::vector<checks::RequiredFlow> appliance_scopes(const SiteProfile& profile) {
  std::vector<RequiredFlow> out;
  SiteZones zones(profile);
  const ApplianceEntry& a = profile.appliance;
  if (!a.host_firewall && a.addresses.empty()) return out;
  FlowEnd appliance = zones.end(a.host_firewall ? std::string(kFirewallZone) : a.zone);
  appliance.addresses = a.addresses;
  appliance.zone_networks.clear();
  appliance.label = (a.host_firewall ? "the firewall " : "") + join_prefixes(a.addresses);
  if (a.host_firewall && a.addresses.empty()) appliance.label = "the firewall";
  std::vector<std::string> names;
  for (const ProfileZone& z : profile.zones)
    names.push_back(z.name);
  if (profile.find_zone(kInternetZone) == nullptr) names.emplace_back(kInternetZone);
  PacketSet family;
  for (Family f : families_of(a.addresses, {}))
    family |= PacketSet::family(f);
  for (const std::string& name : names) {
    if (name == appliance.zone) continue;
    FlowEnd other = zones.end(name);
    for (bool inbound : {true, false}) {
      RequiredFlow f;
      f.direction = inbound ? "inbound" : "outbound";
      f.from = inbound ? other : appliance;
      f.to = inbound ? appliance : other;
      f.path = f.to.is_firewall     ? PathKind::input
               : f.from.is_firewall ? PathKind::output
                                    : PathKind::forward;
      f.service = family;
      f.service_label = "any";
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<checks::FlowEnd> zone_ends(const SiteProfile& profile) {
  SiteZones zones(profile);
  // The firewall's own addresses, when the profile knows them: a packet delivered to the
  // firewall is addressed to one of them.
  std::vector<IpPrefix> own;
  if (profile.appliance.host_firewall) own = profile.appliance.addresses;
  for (const auto& [name, addresses] : profile.interface_addresses)
    for (const IpPrefix& a : addresses)
      if (std::find(own.begin(), own.end(), IpPrefix::host(a.addr)) == own.end())
        own.push_back(IpPrefix::host(a.addr));
  std::vector<FlowEnd> out;
  for (const Zone& z : resolve_zones(profile)) {
    out.push_back(zones.end(z.name));
    if (z.is_firewall) out.back().addresses = own;
  }
  return out;
}

std::vector<FlowInstance> required_flows(const std::vector<DeployedRequirement>& deployed,
                                         const SiteProfile& profile) {
  SiteZones zones(profile);
  std::vector<FlowInstance> out;
  for (const DeployedRequirement& d : deployed) {
    const Requirement& r = *d.requirement;
    FlowInstance base;
    base.deployed = &d;
    if (d.applicability == Applicability::feature_off) {
      base.status = Status::not_applicable;
      std::string features;
      for (const std::string& f : r.features)
        features += (features.empty() ? "" : ", ") + f;
      base.reason = "feature not enabled: " + features;
      for (const std::string& f : r.features)
        base.profile_entries.push_back(feature_entry(f));
      out.push_back(std::move(base));
      continue;
    }
    if (!d.verifiable()) {
      base.status = Status::unverifiable;
      std::string roles;
      for (const std::string* role : {&r.applies_to, &r.peer})
        if (!resolve_role(profile, *role).bound) roles += (roles.empty() ? "" : ", ") + *role;
      base.reason = "role not bound in the site profile: " + roles;
      base.profile_entries = d.missing_entries;
      out.push_back(std::move(base));
      continue;
    }
    std::vector<FlowEnd> hosts = ends_of(d.host, zones);
    std::vector<FlowEnd> peers = ends_of(d.peer, zones);
    for (FlowEnd& peer : peers) {
      if (peer.zone == kInternetZone) narrow_peer(peer, d);
      for (const FlowEnd& host_end : hosts) {
        // One instance per host address, or per facing address set on the firewall itself.
        std::vector<std::vector<IpPrefix>> host_addresses;
        if (host_end.is_firewall) {
          host_addresses.push_back(facing(host_end.addresses, peer, zones));
        } else {
          for (const IpPrefix& a : host_end.addresses)
            host_addresses.push_back({a});
          if (host_addresses.empty()) host_addresses.push_back({});
        }
        for (const auto& addresses : host_addresses) {
          FlowInstance inst;
          inst.deployed = &d;
          FlowEnd host = host_end;
          host.addresses = addresses;
          if (!addresses.empty()) {
            host.label = (host.is_firewall ? "the firewall " : "") + join_prefixes(addresses);
            host.zone_networks.clear();
          }
          inst.host_label = host.label;
          inst.peer_label = peer.label;
          if (!host.is_firewall && !peer.is_firewall && host.zone == peer.zone) {
            inst.status = Status::not_applicable;
            inst.reason =
                "both ends in zone " + host.zone + ": the flow does not cross the firewall";
            out.push_back(std::move(inst));
            continue;
          }
          RequiredFlow f;
          f.requirement_id = r.id;
          f.source = {r.source.file, r.source.line, 0, {}};
          f.direction = to_string(r.direction);
          f.required = d.applicability == Applicability::required;
          bool inbound = r.direction == Direction::inbound;
          f.from = inbound ? peer : host;
          f.to = inbound ? host : peer;
          f.path = f.to.is_firewall     ? PathKind::input
                   : f.from.is_firewall ? PathKind::output
                                        : PathKind::forward;
          f.service = service_of(r, families_of(host.addresses, peer.addresses), f.service_label);
          inst.flow = std::move(f);
          out.push_back(std::move(inst));
        }
      }
    }
  }
  return out;
}

}  // namespace fwaudit::catalog
