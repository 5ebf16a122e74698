// tests/iptables_kernel/test_ruleset_file.cpp
#include <doctest/doctest.h>

#include <stdexcept>

#include "harness/ruleset_file.hpp"

using namespace fwk;

TEST_CASE("ruleset files") {
  SUBCASE("header and defaults") {
    auto r = parse_ruleset("/x/07_sample.rules",
                           "# fwk: family=ipv6 paths=input,output packets=12 established=3\n"
                           "# fwk-about: first part,\n# fwk-about: second part\n"
                           "*filter\n:INPUT DROP [0:0]\nCOMMIT\n");
    CHECK(r.name == "07_sample");
    CHECK(r.v6);
    CHECK(r.paths == std::set<std::string>{"input", "output"});
    CHECK(r.packets == 12);
    CHECK(r.established == 3);
    CHECK(r.related == 0);
    CHECK(r.about == "first part, second part");
    CHECK(r.backends == std::set<std::string>{"nft", "legacy"});
    auto d = parse_ruleset("d.rules", "*filter\n:INPUT DROP [0:0]\nCOMMIT\n");
    CHECK_FALSE(d.v6);
    CHECK(d.paths.size() == 3);
    CHECK(d.packets == 100);
  }
  SUBCASE("values the rules test") {
    auto r = parse_ruleset(
        "v.rules",
        "*nat\n:PREROUTING ACCEPT [0:0]\n"
        "-A PREROUTING -d 203.0.113.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination "
        "203.0.113.20:8080\nCOMMIT\n"
        "*filter\n:FORWARD DROP [0:0]\n"
        "-A FORWARD -s 10.1.0.0/255.255.0.255 -p udp -m multiport --dports 53,1000:1010 -j ACCEPT\n"
        "-A FORWARD -m iprange --src-range 192.0.2.10-192.0.2.20 -j ACCEPT\n"
        "-A FORWARD -p icmp -m icmp --icmp-type 3/4 -j ACCEPT\n"
        "-A FORWARD -p icmp -m icmp --icmp-type echo-request -j ACCEPT\n"
        "-A FORWARD -p 253 -j ACCEPT\nCOMMIT\n");
    REQUIRE(r.values.networks.size() == 3);
    CHECK(r.values.networks[0].address.to_string() == "203.0.113.10");
    CHECK(r.values.networks[1].address.to_string() == "203.0.113.20");
    CHECK(r.values.networks[2].mask.to_string() == "255.255.0.255");
    CHECK(r.values.ports ==
          std::vector<std::pair<int, int>>{{80, 80}, {8080, 8080}, {53, 53}, {1000, 1010}});
    REQUIRE(r.values.ranges.size() == 1);
    CHECK(r.values.ranges[0].second.to_string() == "192.0.2.20");
    CHECK(r.values.icmp == std::vector<std::pair<int, int>>{{3, 4}, {8, -1}});
    CHECK(r.values.protocols == std::set<int>{1, 6, 17, 253});
  }
  SUBCASE("protocol and ICMP names") {
    CHECK(protocol_number("TCP") == 6);
    CHECK(protocol_number("ipv6-icmp") == 58);
    CHECK(protocol_number("all") == 0);
    CHECK(protocol_number("300") == -1);
    CHECK(icmp_type_code("port-unreachable", false) == std::pair{3, 3});
    CHECK(icmp_type_code("port-unreachable", true) == std::pair{1, 4});
    CHECK(icmp_type_code("echo-request", true) == std::pair{128, -1});
    CHECK(icmp_type_code("11/1", false) == std::pair{11, 1});
    CHECK(icmp_type_code("bogus", false).first == -1);
  }
  SUBCASE("errors name the file and line") {
    CHECK_THROWS_WITH_AS(parse_ruleset("e.rules", "# fwk: family=ipx\n"),
                         "e.rules:1: family must be ipv4 or ipv6", std::runtime_error);
    CHECK_THROWS_WITH_AS(parse_ruleset("e.rules", "# fwk: paths=sideways\n"),
                         "e.rules:1: unknown path 'sideways'", std::runtime_error);
    CHECK(parse_ruleset("b.rules", "# fwk: backends=legacy\n").backends ==
          std::set<std::string>{"legacy"});
    CHECK_THROWS_WITH_AS(parse_ruleset("e.rules", "# fwk: backends=pf\n"),
                         "e.rules:1: unknown backend 'pf'", std::runtime_error);
    CHECK_THROWS_WITH_AS(parse_ruleset("e.rules", "# fwk: colour=red\n"),
                         "e.rules:1: unknown key 'colour'", std::runtime_error);
    CHECK_THROWS_WITH_AS(
        parse_ruleset("e.rules",
                      "*filter\n:INPUT DROP [0:0]\n-A INPUT -s 192.0.2.0/40 -j DROP\nCOMMIT\n"),
        "e.rules:3: cannot read address '192.0.2.0/40'", std::runtime_error);
    CHECK_THROWS_WITH_AS(parse_ruleset("e.rules",
                                       "# fwk: family=ipv6\n*filter\n:INPUT DROP [0:0]\n"
                                       "-A INPUT -s 192.0.2.0/24 -j DROP\nCOMMIT\n"),
                         "e.rules: address 192.0.2.0 does not match the file's family",
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(parse_ruleset("e.rules", "*filter\n-A INPUT -j DROP\nCOMMIT\n"),
                         "e.rules: line 2: undeclared chain INPUT", std::runtime_error);
  }
}
