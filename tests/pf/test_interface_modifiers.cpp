// tests/pf/test_interface_modifiers.cpp
// pf.conf(5) PARAMETERS: an interface name used as an address, with the modifiers ":network",
// ":broadcast", ":peer" and ":0" ("aliases are not included"), static (em0) or dynamic ((em0)).
#include <doctest/doctest.h>

#include "parsers/pf/interface_modifiers.hpp"
#include "pf_test_support.hpp"

namespace fwaudit::pf {

using test::parse_text;
using test::verdict;

namespace {

// em0 has a primary address and an alias in each family, listed primary first as in the site
// profile's interface_addresses; the IPv6 link-local comes first, as ifconfig lists it.
ParseOptions aliased() {
  ParseOptions o;
  o.interface_addresses["em0"] = {
      *IpPrefix::parse("fe80::1/64"),      *IpPrefix::parse("203.0.113.2/24"),
      *IpPrefix::parse("203.0.113.30/24"), *IpPrefix::parse("2001:db8::2/64"),
      *IpPrefix::parse("2001:db8::30/64"), *IpPrefix::parse("198.51.100.1/28")};
  o.interface_addresses["em1"] = {*IpPrefix::parse("192.0.2.1/24"),
                                  *IpPrefix::parse("192.0.2.99/24")};
  o.interface_groups["egress"] = {"em0", "em1"};
  return o;
}

std::string pass_to(const std::string& host) {
  return "block in all\npass in proto tcp to " + host + " port 25\n";
}

}  // namespace

TEST_CASE("interface modifiers are read as pfctl reads them") {
  auto m = parse_interface_modifiers("network:0");
  REQUIRE(m);
  CHECK(m->network);
  CHECK(m->first_only);
  CHECK_FALSE(m->broadcast);
  CHECK_FALSE(parse_interface_modifiers("netwrok"));
  CHECK(conflicting_modifiers(*parse_interface_modifiers("network:broadcast")));
  CHECK_FALSE(conflicting_modifiers(*parse_interface_modifiers("0:broadcast")));
  SUBCASE("a bad modifier and an illegal combination are errors") {
    CHECK(test::diagnostics(parse_text(pass_to("(em0:foo)"), aliased())) ==
          std::vector<std::string>{"2:22: invalid-interface: interface em0:foo has bad modifier"});
    CHECK(test::diagnostics(parse_text(pass_to("em0:network:broadcast"), aliased())) ==
          std::vector<std::string>{"2:22: invalid-interface: illegal combination of interface "
                                   "modifiers 'em0:network:broadcast'"});
    CHECK_FALSE(parse_text(pass_to("em0:broadcast:0"), aliased()).diagnostics.has_errors());
  }
}

TEST_CASE(":0 selects the first address of each family, aliases are not included") {
  ParseOptions o = aliased();
  for (std::string host : {"(em0:0)", "em0:0"}) {
    CAPTURE(host);
    Ruleset rs = parse_text(pass_to(host), o);
    REQUIRE_FALSE(rs.diagnostics.has_errors());
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 203.0.113.2:25 in em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 203.0.113.30:25 in em0") == "deny");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 198.51.100.1:25 in em0") == "deny");
    CHECK(verdict(rs, "tcp [2001:db8:1::7]:40000 -> [2001:db8::30]:25 in em0") == "deny");
  }
  SUBCASE("without :0 every alias is included") {
    Ruleset rs = parse_text(pass_to("(em0)"), o);
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 203.0.113.30:25 in em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 198.51.100.1:25 in em0") == "permit");
  }
  SUBCASE("IPv6 link-local: pfctl skips it for em0:0, the kernel keeps it for (em0:0)") {
    Ruleset load_time = parse_text(pass_to("em0:0"), o);
    CHECK(verdict(load_time, "tcp [fe80::7]:40000 -> [fe80::1]:25 in em0") == "deny");
    CHECK(verdict(load_time, "tcp [2001:db8:1::7]:40000 -> [2001:db8::2]:25 in em0") == "permit");
    Ruleset dynamic = parse_text(pass_to("(em0:0)"), o);
    CHECK(verdict(dynamic, "tcp [fe80::7]:40000 -> [fe80::1]:25 in em0") == "permit");
    CHECK(verdict(dynamic, "tcp [2001:db8:1::7]:40000 -> [2001:db8::2]:25 in em0") == "deny");
  }
  SUBCASE("a group: the first address of each member") {
    Ruleset rs = parse_text(pass_to("(egress:0)"), o);
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 203.0.113.2:25 in em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:25 in em1") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.99:25 in em1") == "deny");
  }
  SUBCASE("nat-to (em0:0) translates to the first address") {
    Ruleset rs = parse_text(
        "match out on em1 inet from 10.0.0.0/8 nat-to (em0:0)\n"
        "block out on em1 from 203.0.113.2\n",
        o);
    CHECK(verdict(rs, "tcp 10.1.1.1:40000 -> 192.0.2.50:25 in em0 out em1") == "deny");
  }
}

TEST_CASE(":0 with :network and :broadcast") {
  ParseOptions o = aliased();
  for (std::string host : {"em0:network:0", "(em0:network:0)", "(em0:0:network)"}) {
    CAPTURE(host);
    Ruleset rs = parse_text(pass_to(host), o);
    REQUIRE_FALSE(rs.diagnostics.has_errors());
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 203.0.113.77:25 in em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 198.51.100.2:25 in em0") == "deny");
    CHECK(verdict(rs, "tcp [2001:db8:1::7]:40000 -> [2001:db8::77]:25 in em0") == "permit");
    CHECK(verdict(rs, "tcp [fe80::7]:40000 -> [fe80::9]:25 in em0") == "deny");
  }
  SUBCASE("without :0 the alias's network is included") {
    Ruleset rs = parse_text(pass_to("em0:network"), o);
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 198.51.100.2:25 in em0") == "permit");
  }
  for (std::string host : {"em0:broadcast:0", "(em0:broadcast:0)"}) {
    CAPTURE(host);
    Ruleset rs = parse_text(pass_to(host), o);
    REQUIRE_FALSE(rs.diagnostics.has_errors());
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 203.0.113.255:25 in em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 198.51.100.15:25 in em0") == "deny");
  }
}

}  // namespace fwaudit::pf
