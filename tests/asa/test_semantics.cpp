// tests/asa/test_semantics.cpp
// Verdicts for the ASA behaviours documented in docs/semantics/asa.md; each test names the
// behaviour and its source.
#include <doctest/doctest.h>

#include <string>

#include "asa_test_util.hpp"

using namespace fwaudit;
using namespace fwaudit::asa;
using test::verdict;

namespace {

const std::string kInterfaces =
    "ASA Version 9.8(4)\n"
    "interface Gi0/0\n nameif outside\n security-level 0\n ip address 192.0.2.1 255.255.255.0\n"
    "interface Gi0/1\n nameif inside\n security-level 100\n ip address 10.0.0.1 255.255.255.0\n"
    "interface Gi0/2\n nameif dmz\n security-level 50\n ip address 172.16.0.1 255.255.255.0\n"
    "interface Gi0/3\n nameif dmz2\n security-level 50\n ip address 172.17.0.1 255.255.255.0\n";

Ruleset parse_with(const std::string& more) {
  return test::parse_text(kInterfaces + more);
}

}  // namespace

TEST_CASE(
    "ASA security levels decide when no access-group is bound (config guide: security levels)") {
  SUBCASE("higher to lower is permitted, lower to higher denied") {
    Ruleset rs = parse_with("");
    CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 198.51.100.1:443 in inside out outside") == "permit");
    CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 172.16.0.9:443 in inside out dmz") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.1:40000 -> 10.0.0.5:443 in outside out inside") == "deny");
    Evaluation e = test::evaluation(rs, "tcp 172.16.0.9:40000 -> 10.0.0.5:443 in dmz out inside");
    CHECK(e.decided_by ==
          "security-level: no access-group on the ingress interface, and the egress interface's "
          "level is not lower");
    CHECK_FALSE(e.rule.has_value());
  }
  SUBCASE("equal levels are denied without same-security-traffic") {
    Ruleset rs = parse_with("");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.17.0.9:443 in dmz out dmz2") == "deny");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.16.0.10:443 in dmz out dmz") == "deny");
  }
  SUBCASE("same-security-traffic permit inter-interface lets equal levels talk") {
    Ruleset rs = parse_with("same-security-traffic permit inter-interface\n");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.17.0.9:443 in dmz out dmz2") == "permit");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.16.0.10:443 in dmz out dmz") == "deny");
  }
  SUBCASE("same-security-traffic permit intra-interface lets traffic leave where it entered") {
    Ruleset rs = parse_with("same-security-traffic permit intra-interface\n");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.16.0.10:443 in dmz out dmz") == "permit");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.17.0.9:443 in dmz out dmz2") == "deny");
  }
  SUBCASE("same-security-traffic applies even when an ACL permits (command reference)") {
    Ruleset rs =
        parse_with("access-list d extended permit ip any any\naccess-group d in interface dmz\n");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 172.17.0.9:443 in dmz out dmz2") == "deny");
    CHECK(verdict(rs, "tcp 172.16.0.9:40000 -> 10.0.0.9:443 in dmz out inside") == "permit");
  }
}

TEST_CASE(
    "ASA ACLs are first match with an implicit deny (config guide: access rules and implicit "
    "deny)") {
  Ruleset rs = parse_with(
      "access-list out_in extended deny tcp host 198.51.100.66 any\n"
      "access-list out_in extended permit tcp any any eq www\n"
      "access-list out_in extended permit tcp any any eq https inactive\n"
      "access-group out_in in interface outside\n");
  CHECK(verdict(rs, "tcp 198.51.100.66:40000 -> 10.0.0.5:80 in outside out inside") == "deny");
  Evaluation permitted =
      test::evaluation(rs, "tcp 198.51.100.7:40000 -> 10.0.0.5:80 in outside out inside");
  CHECK(permitted.verdict == Verdict::permit);
  REQUIRE(permitted.rule.has_value());
  CHECK(permitted.rule->line == 19);
  CHECK(permitted.rule->text == "access-list out_in extended permit tcp any any eq www");
  SUBCASE("an inactive entry never matches") {
    Evaluation e =
        test::evaluation(rs, "tcp 198.51.100.7:40000 -> 10.0.0.5:443 in outside out inside");
    CHECK(e.verdict == Verdict::deny);
    CHECK(e.decided_by == "implicit deny at end of ACL out_in");
    CHECK(e.fallthrough_location.line == 20);  // the ACL's last line
  }
  SUBCASE("an ACL replaces the security levels of its interface, both ways") {
    // The interface ACL permits lower to higher ...
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 10.0.0.5:80 in outside out inside") == "permit");
    // ... and its implicit deny applies to higher-to-lower as well.
    Ruleset rs2 = parse_with(
        "access-list in_in extended permit tcp any any eq 25\naccess-group in_in in interface "
        "inside\n");
    CHECK(verdict(rs2, "tcp 10.0.0.5:40000 -> 198.51.100.1:443 in inside out outside") == "deny");
    CHECK(verdict(rs2, "tcp 10.0.0.5:40000 -> 198.51.100.1:25 in inside out outside") == "permit");
  }
}

TEST_CASE(
    "ASA checks the ingress ACL then the global ACL then the egress ACL (config guide: rule "
    "order)") {
  Ruleset rs = parse_with(
      "access-list out_in extended permit tcp any any eq www\n"
      "access-list out_in extended deny tcp any any eq 22\n"
      "access-list glob extended permit tcp any any eq 22\n"
      "access-list glob extended permit tcp any any eq 25\n"
      "access-list in_out extended deny tcp any any eq 25\n"
      "access-list in_out extended permit ip any any\n"
      "access-group out_in in interface outside\n"
      "access-group glob global\n"
      "access-group in_out out interface inside\n");
  SUBCASE("the interface ACL decides before the global one") {
    CHECK(verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:80 in outside out inside") == "permit");
    CHECK(verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:22 in outside out inside") == "deny");
  }
  SUBCASE("no interface match: the global ACL, then its implicit deny") {
    CHECK(verdict(rs, "tcp 1.1.1.1:40000 -> 172.16.0.5:25 in outside out dmz") == "permit");
    Evaluation e = test::evaluation(rs, "tcp 1.1.1.1:40000 -> 172.16.0.5:26 in outside out dmz");
    CHECK(e.verdict == Verdict::deny);
    CHECK(e.decided_by == "implicit deny at end of global ACL glob");
  }
  SUBCASE("a permitted packet still meets the egress interface's out ACL") {
    Evaluation e = test::evaluation(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:25 in outside out inside");
    CHECK(e.verdict == Verdict::deny);
    REQUIRE(e.rule.has_value());
    CHECK(e.rule->text == "access-list in_out extended deny tcp any any eq 25");
  }
  SUBCASE("with a global ACL, interfaces without an ACL lose the security-level permit") {
    CHECK(verdict(rs, "tcp 172.16.0.5:40000 -> 198.51.100.1:443 in dmz out outside") == "deny");
    CHECK(verdict(rs, "tcp 172.16.0.5:40000 -> 198.51.100.1:25 in dmz out outside") == "permit");
  }
  SUBCASE("the trace reads like packet-tracer phases") {
    Evaluation e = test::evaluation(rs, "tcp 1.1.1.1:40000 -> 10.0.0.5:80 in outside out inside");
    std::vector<std::string> policies;
    for (const auto& step : e.trace)
      if (policies.empty() || policies.back() != step.policy) policies.push_back(step.policy);
    CHECK(policies == std::vector<std::string>{
                          "interface checks (shutdown, management-only, same-security-traffic)",
                          "access-group in", "ACL out_in (in, outside)", "access-group out",
                          "ACL in_out (out, inside)"});
  }
}

TEST_CASE(
    "ASA is stateful: replies of a permitted connection pass (config guide: stateful inspection)") {
  Ruleset rs = parse_with("");
  CHECK(rs.implicit_state);
  CHECK(verdict(rs,
                "tcp 198.51.100.1:443 -> 10.0.0.5:40000 in outside out inside state established") ==
        "permit");
  CHECK(verdict(rs, "tcp 198.51.100.1:443 -> 10.0.0.5:40000 in outside out inside") == "deny");
  // The reply of a connection that was never permitted (outside to inside) has no state.
  CHECK(verdict(rs,
                "tcp 10.0.0.5:443 -> 198.51.100.1:40000 in inside out outside state established") ==
        "deny");
}

TEST_CASE(
    "ASA 8.3+ ACLs match real addresses and NAT untranslates the destination first (config guide: "
    "NAT and ACLs)") {
  const std::string nat =
      "object network web\n host 10.0.0.5\n nat (inside,outside) static 192.0.2.5\n"
      "object network lan\n subnet 10.0.0.0 255.255.255.0\n nat (inside,outside) dynamic "
      "interface\n";
  SUBCASE("an ACL on the real address permits traffic sent to the mapped one") {
    Ruleset rs = parse_with(nat +
                            "access-list out_in extended permit tcp any host 10.0.0.5 eq www\n"
                            "access-group out_in in interface outside\n");
    CHECK(test::errors(rs).empty());
    Evaluation e =
        test::evaluation(rs, "tcp 198.51.100.7:40000 -> 192.0.2.5:80 in outside out inside");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.dst.to_string() == "10.0.0.5");
  }
  SUBCASE("an ACL on the mapped address does not match") {
    Ruleset rs = parse_with(nat +
                            "access-list out_in extended permit tcp any host 192.0.2.5 eq www\n"
                            "access-group out_in in interface outside\n");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.5:80 in outside out inside") == "deny");
  }
  SUBCASE("outbound: the source is translated after the ACL, dynamic PAT to the interface") {
    Ruleset rs =
        parse_with(nat +
                   "access-list in_in extended permit tcp 10.0.0.0 255.255.255.0 any eq https\n"
                   "access-group in_in in interface inside\n");
    Evaluation e =
        test::evaluation(rs, "tcp 10.0.0.9:40000 -> 198.51.100.1:443 in inside out outside");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.src.to_string() == "192.0.2.1");
    // Static NAT takes precedence over dynamic NAT (object NAT order).
    Evaluation s =
        test::evaluation(rs, "tcp 10.0.0.5:40000 -> 198.51.100.1:443 in inside out outside");
    CHECK(s.translated.src.to_string() == "192.0.2.5");
  }
  SUBCASE("static NAT with a port: only that port is forwarded") {
    Ruleset rs = parse_with(
        "object network mail\n host 10.0.0.25\n nat (inside,outside) static interface service tcp "
        "smtp smtp\n"
        "access-list out_in extended permit tcp any host 10.0.0.25 eq smtp\n"
        "access-group out_in in interface outside\n");
    Evaluation e =
        test::evaluation(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:25 in outside out inside");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.dst.to_string() == "10.0.0.25");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:26 in outside out inside") == "deny");
  }
  SUBCASE("twice NAT identity (exemption) leaves the addresses as they are") {
    Ruleset rs = parse_with(
        "object network lan\n subnet 10.0.0.0 255.255.255.0\n"
        "object network dmznet\n subnet 172.16.0.0 255.255.255.0\n"
        "nat (inside,dmz) source static lan lan destination static dmznet dmznet\n");
    Evaluation e = test::evaluation(rs, "tcp 10.0.0.9:40000 -> 172.16.0.9:443 in inside out dmz");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.src.to_string() == "10.0.0.9");
    CHECK(e.translated.dst.to_string() == "172.16.0.9");
  }
}

TEST_CASE("ASA before 8.3 matches ACLs against mapped addresses (8.3 migration guide)") {
  const std::string pix =
      "PIX Version 6.3(5)\n"
      "nameif ethernet0 outside security0\n"
      "nameif ethernet1 inside security100\n"
      "ip address outside 192.0.2.1 255.255.255.0\n"
      "static (inside,outside) 192.0.2.5 10.0.0.5 netmask 255.255.255.255\n";
  SUBCASE("the ACL names the mapped (global) address") {
    Ruleset rs = test::parse_text(pix +
                                  "access-list out_in permit tcp any host 192.0.2.5 eq www\n"
                                  "access-group out_in in interface outside\n");
    CHECK(rs.dialect == "pix 6.3(5)");
    Evaluation e =
        test::evaluation(rs, "tcp 198.51.100.7:40000 -> 192.0.2.5:80 in outside out inside");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.dst.to_string() == "10.0.0.5");
  }
  SUBCASE("an ACL naming the real address does not match the packet on the wire") {
    Ruleset rs = test::parse_text(pix +
                                  "access-list out_in permit tcp any host 10.0.0.5 eq www\n"
                                  "access-group out_in in interface outside\n");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.5:80 in outside out inside") == "deny");
  }
}

TEST_CASE(
    "ASA to-the-box traffic is decided by ssh/telnet/http/icmp and not by ACLs (config guide: "
    "management access)") {
  Ruleset rs = parse_with(
      "access-list out_in extended permit ip any any\n"
      "access-group out_in in interface outside\n"
      "ssh 10.0.0.0 255.255.255.0 inside\n"
      "http server enable\n"
      "http 10.0.0.0 255.255.255.0 inside\n"
      "icmp permit host 198.51.100.9 echo outside\n"
      "icmp deny any outside\n");
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:22 in inside") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:443 in inside") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:23 in inside") == "deny");
  // The outside ACL permits everything, yet ssh to the box from outside is not allowed.
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in outside") == "deny");
  CHECK(verdict(rs, "icmp 198.51.100.9 -> 192.0.2.1 type 8 code 0 in outside") == "permit");
  CHECK(verdict(rs, "icmp 198.51.100.8 -> 192.0.2.1 type 8 code 0 in outside") == "deny");
  // No icmp command names inside: ICMP to it is permitted.
  CHECK(verdict(rs, "icmp 10.0.0.7 -> 10.0.0.1 type 8 code 0 in inside") == "permit");
  // Traffic from the ASA itself is not filtered.
  CHECK(verdict(rs, "udp 192.0.2.1:40000 -> 198.51.100.53:53 out outside") == "permit");
}

TEST_CASE(
    "ASA shutdown and management-only interfaces pass no through traffic (command reference)") {
  Ruleset rs = test::parse_text(
      kInterfaces +
      "interface Management0/0\n management-only\n nameif mgmt\n security-level 100\n"
      "interface Gi0/5\n shutdown\n nameif spare\n security-level 100\n"
      "ssh 10.9.0.0 255.255.0.0 mgmt\n");
  CHECK(verdict(rs, "tcp 10.9.0.5:40000 -> 198.51.100.1:443 in mgmt out outside") == "deny");
  CHECK(verdict(rs, "tcp 10.8.0.5:40000 -> 198.51.100.1:443 in spare out outside") == "deny");
  CHECK(verdict(rs, "tcp 10.9.0.5:40000 -> 10.9.0.1:22 in mgmt") == "permit");
}
