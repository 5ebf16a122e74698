// tests/iptables_kernel/test_addr.cpp
#include <doctest/doctest.h>

#include "harness/addr.hpp"

using fwk::Addr;
using fwk::Masked;

TEST_CASE("harness addresses") {
  SUBCASE("IPv4 and IPv6 round trip") {
    CHECK(Addr::parse("192.0.2.7")->to_string() == "192.0.2.7");
    CHECK(Addr::parse("2001:db8::1")->to_string() == "2001:db8::1");
    CHECK(Addr::parse("2001:db8::1")->v6);
    CHECK_FALSE(Addr::parse("192.0.2.300"));
    CHECK_FALSE(Addr::parse("eth0"));
  }
  SUBCASE("neighbours stop at the ends of the family") {
    CHECK(Addr::parse("192.0.2.255")->next()->to_string() == "192.0.3.0");
    CHECK(Addr::parse("192.0.3.0")->prev()->to_string() == "192.0.2.255");
    CHECK_FALSE(Addr::parse("255.255.255.255")->next());
    CHECK_FALSE(Addr::parse("0.0.0.0")->prev());
    CHECK(Addr::parse("2001:db8::ffff")->next()->to_string() == "2001:db8::1:0");
  }
  SUBCASE("prefixes") {
    auto m = *Masked::parse("192.0.2.77/26");
    CHECK(m.first().to_string() == "192.0.2.64");
    CHECK(m.last().to_string() == "192.0.2.127");
    CHECK(m.prefix_length() == 26);
    CHECK(m.contains(*Addr::parse("192.0.2.64")));
    CHECK(m.contains(*Addr::parse("192.0.2.127")));
    CHECK_FALSE(m.contains(*Addr::parse("192.0.2.128")));
    CHECK_FALSE(m.contains(*Addr::parse("2001:db8::1")));
    CHECK(Masked::parse("198.51.100.9")->prefix_length() == 32);
    CHECK(Masked::parse("2001:db8:1::/48")->last().to_string() ==
          "2001:db8:1:ffff:ffff:ffff:ffff:ffff");
  }
  SUBCASE("netmasks, contiguous or not") {
    auto m = *Masked::parse("10.1.2.3/255.0.255.0");
    CHECK_FALSE(m.contiguous());
    CHECK(m.prefix_length() == -1);
    CHECK(m.first().to_string() == "10.0.2.0");
    CHECK(m.last().to_string() == "10.255.2.255");
    CHECK(m.contains(*Addr::parse("10.77.2.9")));
    CHECK_FALSE(m.contains(*Addr::parse("10.77.3.9")));
    CHECK(Masked::parse("192.0.2.0/255.255.255.0")->prefix_length() == 24);
  }
  SUBCASE("malformed") {
    CHECK_FALSE(Masked::parse("192.0.2.0/33"));
    CHECK_FALSE(Masked::parse("192.0.2.0/"));
    CHECK_FALSE(Masked::parse("192.0.2.0/ffff::"));
  }
}
