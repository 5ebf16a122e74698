// tests/audit/test_required_flows.cpp
// Binding the catalog and a site profile to required flows.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "catalog/deployed.hpp"
#include "catalog/load_catalog.hpp"
#include "catalog/load_profile.hpp"
#include "catalog/required_flows.hpp"

using namespace fwaudit;
namespace cat = fwaudit::catalog;
using checks::Status;

namespace {

struct Site {
  cat::Catalog catalog;
  cat::SiteProfile profile;
  std::vector<cat::DeployedRequirement> deployed;
  std::vector<cat::FlowInstance> instances;
};

cat::Catalog builtin() {
  Diagnostics d;
  auto files = cat::catalog_files(std::filesystem::path(FWAUDIT_SOURCE_ROOT) / "catalog/data");
  cat::Catalog c = cat::load_catalog(files, d, false);
  REQUIRE_FALSE(d.has_errors());
  return c;
}

// The site of a sample profile; `edit` may change the profile before binding.
template <class Edit>
std::unique_ptr<Site> site(const char* profile, Edit edit) {
  auto s = std::make_unique<Site>();
  s->catalog = builtin();
  Diagnostics d;
  auto p = cat::load_profile_file(
      std::filesystem::path(FWAUDIT_SOURCE_ROOT) / "samples/profiles" / profile, s->catalog, d);
  REQUIRE(p);
  s->profile = *p;
  edit(s->profile);
  s->deployed = cat::deployed_requirements(s->catalog, s->profile);
  s->instances = cat::required_flows(s->deployed, s->profile);
  return s;
}
std::unique_ptr<Site> site(const char* profile) {
  return site(profile, [](cat::SiteProfile&) {});
}

std::vector<const cat::FlowInstance*> of(const Site& s, const std::string& id) {
  std::vector<const cat::FlowInstance*> out;
  for (const auto& i : s.instances)
    if (i.deployed->requirement->id == id) out.push_back(&i);
  return out;
}

Packet packet(const char* text) {
  return *Packet::parse(text);
}

}  // namespace

TEST_CASE("Required flows from catalog and site profile") {
  auto s = site("clearswift-dmz.json");

  SUBCASE("inbound from the internet: forward path, internet interface, appliance address") {
    auto list = of(*s, "clearswift-seg/smtp-in");
    REQUIRE(list.size() == 1);
    REQUIRE(list[0]->flow);
    const checks::RequiredFlow& f = *list[0]->flow;
    CHECK(f.path == PathKind::forward);
    CHECK(f.direction == "inbound");
    CHECK(f.required);
    CHECK(f.service_label == "tcp/25");
    CHECK(f.from.label == "zone internet");
    CHECK(f.to.label == "192.0.2.25");
    CHECK(f.source.file == "003_a59427b59fdbda36.txt");
    PacketSet p = f.packets();
    CHECK(p.contains(packet("tcp 198.51.100.7:40000 -> 192.0.2.25:25 in eth0 out eth1")));
    CHECK_FALSE(p.contains(packet("tcp 198.51.100.7:40000 -> 192.0.2.25:25 in eth2 out eth1")));
    CHECK_FALSE(p.contains(packet("udp 198.51.100.7:40000 -> 192.0.2.25:25 in eth0 out eth1")));
    CHECK_FALSE(p.contains(packet("tcp 198.51.100.7:40000 -> 192.0.2.26:25 in eth0 out eth1")));
    CHECK_FALSE(p.contains(
        packet("tcp 198.51.100.7:40000 -> 192.0.2.25:25 in eth0 out eth1 state established")));
    // The internet is globally routable addresses outside every zone.
    CHECK_FALSE(p.contains(packet("tcp 10.10.1.1:40000 -> 192.0.2.25:25 in eth0 out eth1")));
    CHECK_FALSE(p.contains(packet("tcp 192.168.1.1:40000 -> 192.0.2.25:25 in eth0 out eth1")));
    // Benchmarking (RFC 2544) and IETF protocol assignments are not routable either.
    CHECK_FALSE(p.contains(packet("tcp 198.18.0.1:40000 -> 192.0.2.25:25 in eth0 out eth1")));
    CHECK_FALSE(p.contains(packet("tcp 192.0.0.9:40000 -> 192.0.2.25:25 in eth0 out eth1")));
    CHECK(p.contains(packet("tcp 198.20.0.1:40000 -> 192.0.2.25:25 in eth0 out eth1")));
  }

  SUBCASE("outbound, both transports, a bound role") {
    auto list = of(*s, "clearswift-seg/dns");
    REQUIRE(list.size() == 1);
    const checks::RequiredFlow& f = *list[0]->flow;
    CHECK(f.service_label == "tcp+udp/53");
    CHECK(f.from.label == "192.0.2.25");
    CHECK(f.to.label == "10.10.0.53");
    CHECK(f.packets().contains(packet("udp 192.0.2.25:40000 -> 10.10.0.53:53 in eth1 out eth2")));
    CHECK(f.packets().contains(packet("tcp 192.0.2.25:40000 -> 10.10.0.53:53 in eth1 out eth2")));
  }

  SUBCASE("hostname hints narrow an internet peer") {
    auto list = of(*s, "clearswift-seg/product-updates");
    REQUIRE(list.size() == 1);
    CHECK(list[0]->flow->to.label == "203.0.113.80, 203.0.113.81 (internet)");
    CHECK_FALSE(list[0]->flow->packets().contains(
        packet("tcp 192.0.2.25:40000 -> 198.51.100.1:80 in eth1 out eth0")));
  }

  SUBCASE("a role bound to a zone") {
    auto list = of(*s, "clearswift-seg/pmm-http");
    REQUIRE(list.size() == 1);
    CHECK(list[0]->flow->from.label == "zone inside");
    CHECK(list[0]->flow->packets().contains(
        packet("tcp 10.20.9.9:40000 -> 192.0.2.25:80 in eth2 out eth1")));
  }

  SUBCASE("feature off: not applicable, with the entry that enables it") {
    auto list = of(*s, "clearswift-seg/kaspersky-ksn-in");
    REQUIRE(list.size() == 1);
    CHECK_FALSE(list[0]->flow);
    CHECK(list[0]->status == Status::not_applicable);
    CHECK(list[0]->reason == "feature not enabled: kaspersky");
    CHECK(list[0]->profile_entries == std::vector<std::string>{"\"features\": [\"kaspersky\"]"});
  }

  SUBCASE("unbound role: unverifiable, with the entry to add") {
    auto list = of(*s, "clearswift-seg/greylisting-in");
    REQUIRE(list.size() == 1);
    CHECK(list[0]->status == Status::unverifiable);
    CHECK(list[0]->reason == "role not bound in the site profile: peer_appliances");
    CHECK(list[0]->profile_entries ==
          std::vector<std::string>{"\"roles\": {\"peer_appliances\": [\"<address or CIDR>\"]}"});
  }
}

TEST_CASE("Required flows: special placements") {
  SUBCASE("peer on the same side of the firewall: not applicable") {
    auto s = site("clearswift-dmz.json", [](cat::SiteProfile& p) {
      p.roles["dns_servers"].prefixes = {*IpPrefix::parse("192.0.2.53")};
    });
    auto list = of(*s, "clearswift-seg/dns");
    REQUIRE(list.size() == 1);
    CHECK_FALSE(list[0]->flow);
    CHECK(list[0]->status == Status::not_applicable);
    CHECK(list[0]->reason == "both ends in zone dmz: the flow does not cross the firewall");
  }

  SUBCASE("peers in two zones: one instance per zone") {
    auto s = site("clearswift-dmz.json", [](cat::SiteProfile& p) {
      p.roles["dns_servers"].prefixes = {*IpPrefix::parse("10.10.0.53"),
                                         *IpPrefix::parse("198.51.100.53"),
                                         *IpPrefix::parse("10.10.0.54")};
    });
    auto list = of(*s, "clearswift-seg/dns");
    REQUIRE(list.size() == 2);
    CHECK(list[0]->flow->to.label == "10.10.0.53, 10.10.0.54");
    CHECK(list[0]->flow->to.zone == "inside");
    CHECK(list[1]->flow->to.label == "198.51.100.53");
    CHECK(list[1]->flow->to.zone == "internet");
  }

  SUBCASE("host firewall mode: input and output paths, the address facing the peer") {
    auto s = site("lotus-host-firewall.json");
    auto in = of(*s, "lotus-protector-mail/smtp-from-internet");
    REQUIRE(in.size() == 1);
    REQUIRE(in[0]->flow);
    CHECK(in[0]->flow->path == PathKind::input);
    CHECK(in[0]->flow->to.label == "the firewall 198.51.100.20");
    CHECK(in[0]->flow->packets().contains(
        packet("tcp 203.0.113.9:40000 -> 198.51.100.20:25 in eth1 out self")));
    auto out = of(*s, "lotus-protector-mail/smtp-to-internal");
    REQUIRE(out.size() == 1);
    CHECK(out[0]->flow->path == PathKind::output);
    CHECK(out[0]->flow->from.label == "the firewall 172.16.0.20");
    CHECK(out[0]->flow->packets().contains(
        packet("tcp 172.16.0.20:40000 -> 172.16.1.10:25 in self out eth0")));
  }
}
