// tests/asa/test_operands.cpp
// ACE operands as ASA evaluates them: port operators, address families, interface addresses,
// identity matches; and NAT forms beyond object NAT.
#include <doctest/doctest.h>

#include <string>

#include "asa_test_util.hpp"

using namespace fwaudit;
namespace test = fwaudit::asa::test;
using test::verdict;

namespace {

const std::string kTwo =
    "ASA Version 9.12(4)\n"
    "interface Gi0/0\n nameif outside\n security-level 0\n ip address 192.0.2.1 255.255.255.0\n"
    " ipv6 address 2001:db8:ffff::1/64\n"
    "interface Gi0/1\n nameif inside\n security-level 100\n ip address 10.0.0.1 255.255.255.0\n";

std::string with_acl(const std::string& aces) {
  return kTwo + aces + "access-group out_in in interface outside\n";
}

}  // namespace

TEST_CASE("ASA port operators eq neq lt gt range match as the command reference defines them") {
  Ruleset rs = test::parse_text(
      with_acl("access-list out_in extended permit tcp any host 10.0.0.10 neq 23\n"
               "access-list out_in extended permit tcp any host 10.0.0.11 lt 1024\n"
               "access-list out_in extended permit tcp any host 10.0.0.12 gt 1023\n"
               "access-list out_in extended permit udp any host 10.0.0.13 range 5060 5061\n"
               "access-list out_in extended permit tcp any range 1 1023 host 10.0.0.14 eq ssh\n"
               "access-list out_in extended permit tcp-udp any host 10.0.0.15 eq domain\n"));
  CHECK(test::errors(rs).size() == 1);  // tcp-udp is a service-object protocol, not an ACE one
  auto v = [&](const char* p) { return verdict(rs, p); };
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.10:22 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.10:23 in outside out inside") == "deny");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.11:1023 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.11:1024 in outside out inside") == "deny");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.12:1024 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.12:1023 in outside out inside") == "deny");
  CHECK(v("udp 1.1.1.1:40000 -> 10.0.0.13:5061 in outside out inside") == "permit");
  CHECK(v("udp 1.1.1.1:40000 -> 10.0.0.13:5062 in outside out inside") == "deny");
  CHECK(v("tcp 1.1.1.1:1000 -> 10.0.0.14:22 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.14:22 in outside out inside") == "deny");
}

TEST_CASE("ASA any any4 any6 and IPv6 prefixes select address families") {
  Ruleset rs = test::parse_text(
      with_acl("access-list out_in extended permit tcp any4 any eq 80\n"
               "access-list out_in extended permit tcp any6 2001:db8:1::/48 eq 443\n"
               "access-list out_in extended permit icmp6 any any6 echo\n"));
  CHECK(test::errors(rs).empty());
  auto v = [&](const char* p) { return verdict(rs, p); };
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.5:80 in outside out inside") == "permit");
  CHECK(v("tcp [2001:db8:9::1]:40000 -> [2001:db8:1::5]:80 in outside out inside") == "deny");
  CHECK(v("tcp [2001:db8:9::1]:40000 -> [2001:db8:1::5]:443 in outside out inside") == "permit");
  CHECK(v("tcp [2001:db8:9::1]:40000 -> [2001:db8:2::5]:443 in outside out inside") == "deny");
  CHECK(v("icmp6 2001:db8:9::1 -> 2001:db8:1::5 type 128 code 0 in outside out inside") ==
        "permit");
  CHECK(v("icmp6 2001:db8:9::1 -> 2001:db8:1::5 type 129 code 0 in outside out inside") == "deny");
}

TEST_CASE("ASA interface operands stand for the interface's own addresses") {
  Ruleset rs = test::parse_text(
      with_acl("access-list out_in extended permit tcp interface inside any eq 25\n"
               "access-list out_in extended deny ip any interface outside\n"
               "access-list out_in extended permit ip any any\n"));
  CHECK(test::errors(rs).empty());
  auto v = [&](const char* p) { return verdict(rs, p); };
  CHECK(v("tcp 10.0.0.1:40000 -> 10.0.0.9:25 in outside out inside") == "permit");
  CHECK(v("tcp 10.0.0.2:40000 -> 10.0.0.9:25 in outside out inside") == "permit");  // rule 3
  CHECK(v("tcp 1.1.1.1:40000 -> 192.0.2.1:80 in outside out inside") == "deny");
  CHECK(v("tcp [2001:db8::9]:40000 -> [2001:db8:ffff::1]:80 in outside out inside") == "deny");
  CHECK(v("tcp 1.1.1.1:40000 -> 192.0.2.2:80 in outside out inside") == "permit");
  SUBCASE("an interface with a dhcp address makes the rule may-match") {
    Ruleset d = test::parse_text(
        "interface Gi0/0\n nameif outside\n security-level 0\n ip address dhcp setroute\n"
        "interface Gi0/1\n nameif inside\n security-level 100\n"
        "access-list in_in extended permit tcp any interface outside eq 22\n"
        "access-group in_in in interface inside\n");
    CHECK(test::diagnostics(d) ==
          std::vector<std::string>{"8:1 warning may-match: this rule may match: address of "
                                   "interface 'outside' is not in the configuration (assigned "
                                   "by dhcp/pppoe)"});
    CHECK(verdict(d, "tcp 10.0.0.5:40000 -> 203.0.113.9:22 in inside out outside") ==
          "deny uncertain");
  }
}

TEST_CASE("ASA identity firewall matches are may-match") {
  Ruleset rs = test::parse_text(
      with_acl("access-list out_in extended permit ip user CORP\\alice any any\n"));
  CHECK(test::diagnostics(rs) ==
        std::vector<std::string>{"11:1 warning may-match: this rule may match: identity firewall "
                                 "match 'user CORP\\alice' cannot be evaluated offline"});
  CHECK(verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:80 in outside out inside") == "deny uncertain");
}

TEST_CASE("ASA binds one ACL to several interfaces and a later binding replaces an earlier one") {
  Ruleset rs = test::parse_text(kTwo +
                                "access-list a extended permit tcp any any eq 80\n"
                                "access-list b extended permit tcp any any eq 443\n"
                                "access-group a in interface outside\n"
                                "access-group a in interface inside\n"
                                "access-group b in interface outside\n");
  CHECK(verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:80 in outside out inside") == "deny");
  CHECK(verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:443 in outside out inside") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 1.1.1.1:80 in inside out outside") == "permit");
  CHECK(rs.find_policy("ACL a (in, inside)") != kNoPolicy);
  CHECK(rs.find_policy("ACL a (in, outside)") == kNoPolicy);
}

TEST_CASE(
    "ASA twice NAT with a static destination translates both ways (config guide: twice NAT)") {
  Ruleset rs = test::parse_text(
      kTwo +
      "object network web-real\n host 10.0.0.80\n"
      "object network web-mapped\n host 192.0.2.80\n"
      "object network partner\n host 198.51.100.10\n"
      "object network partner-seen\n host 10.255.0.10\n"
      "nat (inside,outside) source static web-real web-mapped destination static partner-seen "
      "partner\n"
      "access-list out_in extended permit tcp host 198.51.100.10 host 10.0.0.80 eq 443\n"
      "access-group out_in in interface outside\n");
  CHECK(test::errors(rs).empty());
  SUBCASE("forward: the inside host reaches the partner through its inside-side address") {
    Evaluation e =
        test::evaluation(rs, "tcp 10.0.0.80:40000 -> 10.255.0.10:443 in inside out outside");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.src.to_string() == "192.0.2.80");
    CHECK(e.translated.dst.to_string() == "198.51.100.10");
  }
  SUBCASE("reverse: the partner reaches the mapped address; the ACL sees real addresses") {
    Evaluation e =
        test::evaluation(rs, "tcp 198.51.100.10:40000 -> 192.0.2.80:443 in outside out inside");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.dst.to_string() == "10.0.0.80");
    CHECK(e.translated.src.to_string() == "10.255.0.10");
    CHECK(verdict(rs, "tcp 198.51.100.11:40000 -> 192.0.2.80:443 in outside out inside") == "deny");
  }
}

TEST_CASE("ASA pre-8.3 static port redirection forwards one port of the interface address") {
  Ruleset rs = test::parse_text(
      "ASA Version 8.2(5)\n"
      "interface Gi0/0\n nameif outside\n security-level 0\n ip address 192.0.2.1 255.255.255.0\n"
      "interface Gi0/1\n nameif inside\n security-level 100\n ip address 10.0.0.1 255.255.255.0\n"
      "static (inside,outside) tcp interface www 10.0.0.80 8080 netmask 255.255.255.255\n"
      "access-list out_in extended permit tcp any interface outside eq www\n"
      "access-group out_in in interface outside\n");
  CHECK(test::errors(rs).empty());
  Evaluation e =
      test::evaluation(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in outside out inside");
  CHECK(e.verdict == Verdict::permit);
  CHECK(e.translated.dst.to_string() == "10.0.0.80");
  CHECK(e.translated.dport == 8080);
}
