// tests/analyzer/test_packet.cpp
#include <doctest/doctest.h>

#include "analyzer/packet.hpp"

using namespace fwaudit;

TEST_CASE("packets in text") {
  SUBCASE("round trip") {
    auto p = Packet::parse("tcp 198.51.100.7:40000 -> 192.0.2.10:25 in eth0 out eth1");
    REQUIRE(p);
    CHECK(p->proto == 6);
    CHECK(p->sport == 40000);
    CHECK(p->dport == 25);
    CHECK(p->in_if == "eth0");
    CHECK(p->out_if == "eth1");
    CHECK(p->state == ConnState::new_);
    CHECK(p->to_string() == "tcp 198.51.100.7:40000 -> 192.0.2.10:25 in eth0 out eth1");
  }
  SUBCASE("IPv6, the firewall itself and a state") {
    auto p = Packet::parse(
        "udp [2001:db8::1]:53 -> [2001:db8::2]:5353 in self out wan state established");
    REQUIRE(p);
    CHECK(p->family == Family::ipv6);
    CHECK(p->in_if.empty());
    CHECK(p->to_string() ==
          "udp [2001:db8::1]:53 -> [2001:db8::2]:5353 in self out wan state established");
  }
  SUBCASE("ICMP") {
    auto p = Packet::parse("icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0 in eth0");
    REQUIRE(p);
    CHECK(p->icmp_type() == 8);
    CHECK(p->out_if.empty());
    CHECK(p->reply().icmp_type() == 0);
  }
  SUBCASE("errors say what was expected") {
    std::string error;
    CHECK_FALSE(Packet::parse("tcp 1.2.3.4 2.3.4.5", &error));
    CHECK(error ==
          "expected 'PROTO SRC[:PORT] -> DST[:PORT]', e.g. 'tcp 198.51.100.7:40000 -> "
          "192.0.2.10:25'");
    CHECK_FALSE(Packet::parse("bogus 1.2.3.4 -> 2.3.4.5 in a", &error));
    CHECK(error == "unknown protocol 'bogus'");
    CHECK_FALSE(Packet::parse("tcp 1.2.3.4 -> 2001:db8::1 in a", &error));
    CHECK(error == "source and destination are of different families");
    CHECK_FALSE(Packet::parse("tcp 1.2.3.4 -> 2.3.4.5", &error));
    CHECK(error == "expected 'in IF' and/or 'out IF' (use 'self' for the firewall itself)");
    CHECK_FALSE(Packet::parse("tcp 1.2.3.4 -> 2.3.4.5 in a state weird", &error));
  }
  SUBCASE("reply swaps ends") {
    auto p = Packet::parse("tcp 1.1.1.1:40000 -> 2.2.2.2:25 in a out b");
    Packet r = p->reply();
    CHECK(r.to_string() == "tcp 2.2.2.2:25 -> 1.1.1.1:40000 in b out a state established");
  }
}

TEST_CASE("protocol names") {
  CHECK(protocol_from_name("tcp") == 6);
  CHECK(protocol_from_name("ipv6-icmp") == 58);
  CHECK(protocol_from_name("icmpv6") == 58);
  CHECK(protocol_from_name("47") == 47);
  CHECK_FALSE(protocol_from_name("256"));
  CHECK(protocol_name(17) == "udp");
  CHECK(protocol_name(250) == "250");
}
