// tests/asa/test_objects.cpp
// Objects and object-groups: full expansion of nested groups, and the errors ASA gives for an
// undefined name, a group of the wrong type or a nesting cycle.
#include <doctest/doctest.h>

#include <string>

#include "asa_test_util.hpp"
#include "parsers/asa/lower.hpp"
#include "parsers/asa/read_config.hpp"

using namespace fwaudit;
using namespace fwaudit::asa;

namespace {

std::vector<std::string> expansion(std::string_view text, std::string_view group) {
  Config c = read_config("o.cfg", text);
  Ruleset rs;
  ParseOptions options;
  Lowering lowering(c, options, rs);
  std::vector<std::string> out;
  for (const AddressElement& e : lowering.expand_network_group(group, {}))
    out.push_back(e.to_string());
  return out;
}

}  // namespace

TEST_CASE("ASA network object-groups expand fully including nested groups") {
  const std::string text =
      "names\n"
      "name 10.9.9.9 jump-host\n"
      "object network web\n"
      " host 10.0.0.5\n"
      "object network pool\n"
      " range 10.0.1.10 10.0.1.20\n"
      "object network lan\n"
      " subnet 10.1.0.0 255.255.0.0\n"
      "object network www\n"
      " fqdn www.example.com\n"
      "object-group network inner\n"
      " network-object object web\n"
      " network-object object pool\n"
      " network-object host jump-host\n"
      "object-group network middle\n"
      " group-object inner\n"
      " network-object 192.168.0.0 255.255.255.0\n"
      "object-group network outer\n"
      " group-object middle\n"
      " network-object object lan\n"
      " network-object 2001:db8::/32\n"
      " network-object object www\n";
  CHECK(expansion(text, "inner") ==
        std::vector<std::string>{"10.0.0.5", "10.0.1.10-10.0.1.20", "10.9.9.9"});
  CHECK(expansion(text, "outer") ==
        std::vector<std::string>{
            "10.0.0.5", "10.0.1.10-10.0.1.20", "10.9.9.9", "192.168.0.0/24", "10.1.0.0/16",
            "2001:db8::/32", "unknown (fqdn object 'www' (www.example.com) resolves at run time)"});

  SUBCASE("an ACE over the groups matches exactly the expansion, and is counted expanded") {
    Ruleset rs = test::parse_text(
        text +
        "access-list a extended permit tcp object-group middle object-group inner eq 22\n"
        "access-group a in interface outside\n"
        "interface Gi0/0\n nameif outside\n security-level 0\n"
        "interface Gi0/1\n nameif inside\n security-level 100\n");
    CHECK(test::errors(rs).empty());
    CHECK(test::statistic(rs, "ACEs") == 1);
    CHECK(test::statistic(rs, "ACEs (expanded)") == 12);  // 4 sources x 3 destinations
    CHECK(test::verdict(rs, "tcp 192.168.0.7:40000 -> 10.0.1.15:22 in outside out inside") ==
          "permit");
    CHECK(test::verdict(rs, "tcp 10.9.9.9:40000 -> 10.0.0.5:22 in outside out inside") == "permit");
    CHECK(test::verdict(rs, "tcp 10.9.9.8:40000 -> 10.0.0.5:22 in outside out inside") == "deny");
    CHECK(test::verdict(rs, "tcp 10.9.9.9:40000 -> 10.0.1.21:22 in outside out inside") == "deny");
  }
}

TEST_CASE("ASA service and protocol and icmp-type groups expand into protocols and ports") {
  const std::string text =
      "interface Gi0/0\n nameif outside\n security-level 0\n"
      "interface Gi0/1\n nameif inside\n security-level 100\n"
      "object service dns-udp\n service udp destination eq domain\n"
      "object-group service web tcp\n port-object eq www\n port-object range 8000 8080\n"
      "object-group service mixed\n service-object object dns-udp\n service-object tcp destination "
      "eq 25\n group-object web-svc\n"
      "object-group service web-svc\n service-object tcp destination eq https\n"
      "object-group protocol vpn\n protocol-object esp\n protocol-object ah\n"
      "object-group icmp-type pings\n icmp-object echo\n"
      "access-list a extended permit tcp any any object-group web\n"
      "access-list a extended permit object-group mixed any host 10.0.0.53\n"
      "access-list a extended permit object-group vpn any host 10.0.0.1\n"
      "access-list a extended permit icmp any any object-group pings\n"
      "access-group a in interface outside\n";
  Ruleset rs = test::parse_text(text);
  CHECK(test::errors(rs).empty());
  auto v = [&](const char* p) { return test::verdict(rs, p); };
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.9:8080 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.9:8081 in outside out inside") == "deny");
  CHECK(v("udp 1.1.1.1:40000 -> 10.0.0.53:53 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.53:53 in outside out inside") == "deny");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.53:25 in outside out inside") == "permit");
  CHECK(v("tcp 1.1.1.1:40000 -> 10.0.0.53:443 in outside out inside") == "permit");
  CHECK(v("esp 1.1.1.1 -> 10.0.0.1 in outside out inside") == "permit");
  CHECK(v("gre 1.1.1.1 -> 10.0.0.1 in outside out inside") == "deny");
  CHECK(v("icmp 1.1.1.1 -> 10.0.0.7 type 8 code 0 in outside out inside") == "permit");
  CHECK(v("icmp 1.1.1.1 -> 10.0.0.7 type 0 code 0 in outside out inside") == "deny");
}

TEST_CASE("ASA undefined and mistyped object references are errors with their locations") {
  SUBCASE("an undefined network object in an ACE") {
    Ruleset rs = test::parse_text("access-list a extended permit ip any object nothere\n");
    CHECK(
        test::errors(rs) ==
        std::vector<std::string>{"1:38 undefined-object: network object 'nothere' is not defined"});
  }
  SUBCASE("an undefined object-group in a group-object") {
    Ruleset rs = test::parse_text("object-group network g\n group-object missing\n");
    CHECK(test::errors(rs) ==
          std::vector<std::string>{"2:2 undefined-object: object-group 'missing' is not defined"});
  }
  SUBCASE("a service group where a network group is expected names both places") {
    Ruleset rs = test::parse_text(
        "object-group service svc tcp\n port-object eq 80\n"
        "access-list a extended permit tcp any any object-group svc\n"
        "access-list a extended permit ip object-group svc any\n");
    CHECK(test::errors(rs) ==
          std::vector<std::string>{"4:34 wrong-object-type: object-group 'svc' is a service "
                                   "group; a network object-group is expected here"});
    REQUIRE(rs.diagnostics.items().size() == 1);
    REQUIRE(rs.diagnostics.items()[0].related.size() == 1);
    CHECK(rs.diagnostics.items()[0].related[0].line == 1);
  }
  SUBCASE("an access-group binding an undefined access-list") {
    Ruleset rs = test::parse_text(
        "interface Gi0/0\n nameif outside\naccess-group nope in interface outside\n");
    CHECK(test::errors(rs) ==
          std::vector<std::string>{"3:1 undefined-acl: access-group binds access-list 'nope', "
                                   "which is not defined"});
  }
}

TEST_CASE("ASA object-group nesting cycles are errors naming every step") {
  Ruleset rs = test::parse_text(
      "object-group network a\n group-object b\n"
      "object-group network b\n network-object host 10.0.0.1\n group-object c\n"
      "object-group network c\n group-object a\n"
      "access-list x extended permit ip object-group a any\n");
  std::vector<std::string> errors = test::errors(rs);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        "2:2 object-group-cycle: object-group nesting forms a cycle: a -> b -> c -> a");
  const Diagnostic& d = rs.diagnostics.items()[0];
  std::vector<std::uint32_t> related;
  for (const auto& r : d.related)
    related.push_back(r.line);
  // The group definitions and the group-object lines of the cycle, each with its text.
  CHECK(related == std::vector<std::uint32_t>{1, 5, 3, 7, 6});
  CHECK(d.related[1].text == " group-object c");
}

TEST_CASE("ASA fqdn objects and time-ranges make a rule may-match with a warning") {
  Ruleset rs = test::parse_text(
      "interface Gi0/0\n nameif outside\n security-level 0\n"
      "interface Gi0/1\n nameif inside\n security-level 100\n"
      "object network updates\n fqdn updates.example.com\n"
      "access-list a extended permit tcp any object updates eq 443\n"
      "access-list a extended permit tcp any host 10.0.0.8 eq 22 time-range office-hours\n"
      "access-group a in interface outside\n");
  CHECK(test::errors(rs).empty());
  CHECK(test::diagnostics(rs) ==
        std::vector<std::string>{
            "9:1 warning may-match: this rule may match: fqdn object 'updates' "
            "(updates.example.com) resolves at run time",
            "10:1 warning may-match: this rule may match: time-range 'office-hours' (the rule "
            "applies only while the time range is active)"});
  CHECK(test::verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.9:443 in outside out inside") ==
        "deny uncertain");
  CHECK(test::verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.8:22 in outside out inside") ==
        "deny uncertain");
  CHECK(test::verdict(rs, "tcp 1.1.1.1:40000 -> 10.0.0.8:23 in outside out inside") == "deny");
  const Policy& acl = rs.policy(rs.find_policy("ACL a (in, outside)"));
  REQUIRE(acl.rules.size() == 2);
  CHECK(acl.rules[0].sure.empty());
  CHECK_FALSE(acl.rules[0].may.empty());
  CHECK(acl.rules[1].unknowns ==
        std::vector<std::string>{
            "time-range 'office-hours' (the rule applies only while the time range is active)"});
}

TEST_CASE("ASA very deep object-group nesting is an error and not a crash") {
  std::string text;
  const int depth = 3000;
  // Defined top-down, so expanding g1 (and s1) walks the whole chain.
  for (int i = 1; i <= depth; ++i)
    text += "object-group network g" + std::to_string(i) + "\n group-object g" +
            std::to_string(i + 1) + "\n";
  text +=
      "object-group network g" + std::to_string(depth + 1) + "\n network-object host 10.0.0.1\n";
  for (int i = 1; i <= depth; ++i)
    text += "object-group service s" + std::to_string(i) + " tcp\n group-object s" +
            std::to_string(i + 1) + "\n";
  text += "object-group service s" + std::to_string(depth + 1) + " tcp\n port-object eq 80\n";
  text += "access-list a extended permit object-group s1 object-group g1 any\n";
  Ruleset rs = test::parse_text(text);
  std::vector<std::string> errors = test::errors(rs);
  REQUIRE(errors.size() >= 2);
  // The network chain stops at g257 (line 512), the service chain at s257.
  CHECK(errors.front() ==
        "512:2 nesting-too-deep: object-group nesting deeper than 256 levels; the groups below "
        "are not expanded");
  CHECK(errors.back() ==
        "6515:1 nesting-too-deep: object-group nesting deeper than 256 levels; the groups below "
        "are not expanded");
  for (const auto& e : errors)
    CHECK(e.find(" nesting-too-deep: ") != std::string::npos);
}
