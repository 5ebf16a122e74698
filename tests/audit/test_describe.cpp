// tests/audit/test_describe.cpp
// Packet sets in people's terms, and the connection-state relabelling replies are built with.
#include <doctest/doctest.h>

#include "analyzer/checks/describe_set.hpp"
#include "analyzer/checks/state_relabel.hpp"
#include "audit_test_support.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;

TEST_CASE("Describing packet sets") {
  SUBCASE("protocol, ports and addresses") {
    PacketSet s = tcp(25) & PacketSet::src(net("10.1.1.0/24")) & PacketSet::dst(net("192.0.2.25"));
    CHECK(checks::describe_set(s) == "tcp/25 from 10.1.1.0/24 to 192.0.2.25");
    CHECK(checks::describe_set(PacketSet::none()) == "nothing");
    CHECK(checks::describe_set(udp(53) | udp(123)) == "udp/53, 123 from any to any");
  }
  SUBCASE("address ranges that are not one block") {
    std::vector<AddressRange> r{{*IpAddress::parse("10.0.0.1"), *IpAddress::parse("10.0.0.5")}};
    CHECK(checks::describe_addresses(r) == "10.0.0.1-10.0.0.5");
  }
  SUBCASE("splits name the first field that differs") {
    PacketSet base = PacketSet::dst(net("192.0.2.25"));
    CHECK(checks::describe_split(base & udp(53), base & tcp(53), "permitted", "blocked") ==
          "udp permitted, tcp blocked");
    CHECK(checks::describe_split(base & tcp(25) & PacketSet::src(net("10.1.1.10")),
                                 base & tcp(25) & PacketSet::src(net("10.1.1.11")), "permitted",
                                 "blocked") == "10.1.1.10 permitted, 10.1.1.11 blocked");
    CHECK(checks::describe_split(tcp(25) & PacketSet::dst(net("192.0.2.25")),
                                 tcp(25) & PacketSet::dst(net("192.0.2.26")), "permitted",
                                 "blocked") == "to 192.0.2.25 permitted, to 192.0.2.26 blocked");
  }
}

TEST_CASE("Relabelling connection state") {
  SUBCASE("every other field is kept") {
    PacketSet s = tcp(25) & PacketSet::src(net("10.1.1.0/24")) & PacketSet::in_interface("eth0") &
                  PacketSet::out_interface_prefix("eth") & PacketSet::state(ConnState::new_);
    bool exact = false;
    PacketSet e = checks::with_state(s, ConnState::established, &exact);
    CHECK(exact);
    CHECK(e == (tcp(25) & PacketSet::src(net("10.1.1.0/24")) & PacketSet::in_interface("eth0") &
                PacketSet::out_interface_prefix("eth") & PacketSet::state(ConnState::established)));
  }
  SUBCASE("the firewall itself stays the firewall") {
    PacketSet s = udp(123) & PacketSet::in_interface(kSelf) & PacketSet::state(ConnState::new_);
    PacketSet e = checks::with_state(s, ConnState::established);
    CHECK(e ==
          (udp(123) & PacketSet::in_interface(kSelf) & PacketSet::state(ConnState::established)));
  }
  SUBCASE("the empty set") {
    CHECK(checks::with_state(PacketSet::none(), ConnState::established).empty());
  }
}
