// tests/audit/test_suggest.cpp
// Rules proposed in the configuration's own syntax: permits for blocked flows, and what lets
// replies back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"
#include "audit_test_support.hpp"
#include "reports/audit_suggest.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;
using reports::RuleProposal;
using reports::suggest_reply_rule;
using reports::suggest_rule;

namespace {

RuleProposal smtp_to_gateway(const std::string& vendor) {
  RuleProposal p;
  p.vendor = vendor;
  p.protocols = {6};
  p.dports = {{25, 25}};
  p.dst = {net("192.0.2.25")};
  p.in_if = "outside";
  p.out_if = "dmz";
  return p;
}

}  // namespace

TEST_CASE("suggested permits in each syntax") {
  SUBCASE("iptables: inserted before the rule that dropped, NEW only") {
    RuleProposal p = smtp_to_gateway("iptables");
    p.container = "FORWARD";
    p.position = 3;
    CHECK(suggest_rule(p) ==
          "-I FORWARD 3 -i outside -o dmz -d 192.0.2.25 -p tcp -m tcp --dport "
          "25 -m conntrack --ctstate NEW -j ACCEPT");
    p.position = 0;
    p.protocols = {6, 17};
    p.dports = {{25, 25}, {587, 587}};
    CHECK(suggest_rule(p) ==
          "-A FORWARD -i outside -o dmz -d 192.0.2.25 -p tcp -m multiport --dports 25,587 -m "
          "conntrack --ctstate NEW -j ACCEPT\n"
          "-A FORWARD -i outside -o dmz -d 192.0.2.25 -p udp -m multiport --dports 25,587 -m "
          "conntrack --ctstate NEW -j ACCEPT");
  }
  SUBCASE("iptables: no -o in PREROUTING / INPUT, no -i in OUTPUT / POSTROUTING") {
    RuleProposal p = smtp_to_gateway("iptables");
    p.container = "PREROUTING -t raw";
    p.position = 2;
    CHECK(suggest_rule(p) ==
          "-t raw -I PREROUTING 2 -i outside -d 192.0.2.25 -p tcp -m tcp "
          "--dport 25 -m conntrack --ctstate NEW -j ACCEPT");
    p.container = "POSTROUTING -t mangle";
    p.position = 0;
    CHECK(suggest_rule(p) ==
          "-t mangle -A POSTROUTING -o dmz -d 192.0.2.25 -p tcp -m tcp --dport "
          "25 -m conntrack --ctstate NEW -j ACCEPT");
  }
  SUBCASE("nothing to propose without a protocol") {
    RuleProposal p = smtp_to_gateway("pf");
    p.protocols.clear();
    CHECK(suggest_rule(p) == "");
  }
}

TEST_CASE("suggested rules for blocked replies") {
  CHECK(suggest_reply_rule("iptables", "FORWARD", "") ==
        "-I FORWARD 1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
  CHECK(suggest_reply_rule("iptables", "FORWARD -t mangle", "") ==
        "-t mangle -I FORWARD 1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
  CHECK(suggest_reply_rule("iptables", "", "") ==
        "-I FORWARD 1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
  CHECK(suggest_reply_rule("pf", "", "pass in on em0 proto tcp to 192.0.2.25 port 25 no state") ==
        "pass in on em0 proto tcp to 192.0.2.25 port 25 keep state");
  CHECK(suggest_reply_rule("pf", "", "pass in on em0 proto tcp to port 25 no state tag MAIL") ==
        "pass in on em0 proto tcp to port 25 keep state tag MAIL");
  // A pf rule that keeps state is not what blocks replies; ASA always keeps state.
  CHECK(suggest_reply_rule("pf", "", "pass in on em0 proto tcp to port 25") == "");
  CHECK(suggest_reply_rule("asa", "outside_in", "access-list x permit tcp any any") == "");
}

TEST_CASE("removing a rule, in each syntax") {
  CHECK(reports::suggest_removal("iptables", "FORWARD",
                                 "-A FORWARD -p udp -m udp --dport 53 -j ACCEPT") ==
        "-D FORWARD -p udp -m udp --dport 53 -j ACCEPT");
  CHECK(reports::suggest_removal("asa", "outside_in",
                                 "access-list outside_in extended permit ip any any") ==
        "no access-list outside_in extended permit ip any any");
  CHECK(reports::suggest_removal("pf", "", "pass in on em0 all") == "# remove: pass in on em0 all");
  CHECK(reports::suggest_removal("iptables", "FORWARD", ":FORWARD ACCEPT [0:0]") == "");
  CHECK(reports::suggest_removal("iptables", "PREROUTING -t mangle", "-A PREROUTING -j MARKED") ==
        "-t mangle -D PREROUTING -j MARKED");
  CHECK(reports::comment_line("asa", "check") == "! check");
}

TEST_CASE("ASA: one access-list line per port range") {
  RuleProposal p = smtp_to_gateway("asa");
  p.container = "outside_access_in";
  p.dports = {{25, 25}, {465, 465}, {5000, 5010}};
  CHECK(suggest_rule(p) ==
        "access-list outside_access_in extended permit tcp any host 192.0.2.25 eq 25\n"
        "access-list outside_access_in extended permit tcp any host 192.0.2.25 eq 465\n"
        "access-list outside_access_in extended permit tcp any host 192.0.2.25 range 5000 5010");
}

TEST_CASE("fwaudit audit: a fix behind a DNAT names the real address the filter sees") {
  const std::string data = FWAUDIT_TEST_DATA;
  auto r = fwaudit::testing::run_fwaudit("audit '" + data + "/dnat-missing.rules' --profile '" +
                                         data + "/stateless-site.json' --format json");
  const nlohmann::json report = nlohmann::json::parse(r.out);
  std::string fix;
  for (const auto& f : report.at("findings"))
    if (!f.at("requirement").is_null() &&
        f.at("requirement").at("id") == "symantec-sma-5/smtp-from-internet" &&
        f.at("flow").at("to") != "192.0.2.25")
      fix = f.value("suggestion", "");
  CHECK(fix ==
        "-A FORWARD -i eth0 -o eth1 -d 192.0.2.25 -p tcp -m tcp --dport 25 -m conntrack "
        "--ctstate NEW -j ACCEPT");
}
