// tests/analyzer/test_ip_address.cpp
#include <doctest/doctest.h>

#include "analyzer/ip_address.hpp"

using namespace fwaudit;

TEST_CASE("IP addresses parse and print") {
  SUBCASE("IPv4") {
    auto a = IpAddress::parse("192.0.2.10");
    REQUIRE(a);
    CHECK(a->family == Family::ipv4);
    CHECK(a->v4_value() == 0xC000020Au);
    CHECK(a->to_string() == "192.0.2.10");
    CHECK(a->bit(0) == true);
    CHECK(a->bit(1) == true);
    CHECK(a->bit(2) == false);
  }
  SUBCASE("IPv6 canonical form") {
    auto a = IpAddress::parse("2001:DB8:0:0::1");
    REQUIRE(a);
    CHECK(a->family == Family::ipv6);
    CHECK(a->to_string() == "2001:db8::1");
  }
  SUBCASE("malformed") {
    CHECK_FALSE(IpAddress::parse("192.0.2"));
    CHECK_FALSE(IpAddress::parse("256.0.0.1"));
    CHECK_FALSE(IpAddress::parse("1.2.3.4.5"));
    CHECK_FALSE(IpAddress::parse(""));
    CHECK_FALSE(IpAddress::parse("2001:db8:::1"));
  }
}

TEST_CASE("IP prefixes") {
  auto p = IpPrefix::parse("10.1.2.3/8");
  REQUIRE(p);
  CHECK(p->length == 8);
  CHECK(p->to_string() == "10.0.0.0/8");
  CHECK(p->first().to_string() == "10.0.0.0");
  CHECK(p->last().to_string() == "10.255.255.255");
  CHECK(p->contains(*IpAddress::parse("10.200.0.1")));
  CHECK_FALSE(p->contains(*IpAddress::parse("11.0.0.1")));
  CHECK_FALSE(p->contains(*IpAddress::parse("::1")));
  CHECK(IpPrefix::parse("192.0.2.7")->to_string() == "192.0.2.7");
  CHECK_FALSE(IpPrefix::parse("10.0.0.0/33"));
  CHECK_FALSE(IpPrefix::parse("10.0.0.0/"));
  CHECK(IpPrefix::parse("2001:db8::/32")->to_string() == "2001:db8::/32");
}

TEST_CASE("netmasks") {
  CHECK(netmask_length(*IpAddress::parse("255.255.255.0")) == 24);
  CHECK(netmask_length(*IpAddress::parse("0.0.0.0")) == 0);
  CHECK(netmask_length(*IpAddress::parse("255.255.255.255")) == 32);
  CHECK_FALSE(netmask_length(*IpAddress::parse("255.0.255.0")));
  CHECK(netmask_of_length(Family::ipv4, 20).to_string() == "255.255.240.0");
}

TEST_CASE("address ranges become the fewest CIDR blocks") {
  auto blocks = range_to_prefixes(*IpAddress::parse("10.0.0.1"), *IpAddress::parse("10.0.0.6"));
  std::vector<std::string> text;
  for (auto& b : blocks)
    text.push_back(b.to_string());
  CHECK(text == std::vector<std::string>{"10.0.0.1", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6"});
  auto all = range_to_prefixes(*IpAddress::parse("0.0.0.0"), *IpAddress::parse("255.255.255.255"));
  REQUIRE(all.size() == 1);
  CHECK(all[0].to_string() == "0.0.0.0/0");
  CHECK(range_to_prefixes(*IpAddress::parse("10.0.0.5"), *IpAddress::parse("10.0.0.4")).empty());
}
