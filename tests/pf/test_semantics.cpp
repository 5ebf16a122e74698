// tests/pf/test_semantics.cpp
// Each test names the pf.conf(5) statement (OpenBSD / FreeBSD manual) it checks.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "pf_test_support.hpp"

namespace fwaudit::pf {

using test::deciding_line;
using test::parse_text;
using test::verdict;

namespace {

ParseOptions site() {
  ParseOptions o;
  o.interface_addresses["em0"] = {*IpPrefix::parse("10.0.0.1/24")};
  o.interface_addresses["em1"] = {*IpPrefix::parse("192.0.2.1/24")};
  o.interface_addresses["lo0"] = {*IpPrefix::parse("127.0.0.1/8")};
  return o;
}

}  // namespace

TEST_CASE("last matching rule wins") {
  // pf.conf(5) PACKET FILTERING: "the filter rules are evaluated in sequential order, from first
  // to last. The last matching rule decides what action is taken."
  Ruleset rs = parse_text("block in all\npass in proto tcp to port 25\n");
  CHECK(rs.diagnostics.items().empty());
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:25 in em1") == "permit");
  CHECK(deciding_line(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:25 in em1") == 2);
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:26 in em1") == "deny");
  CHECK(deciding_line(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:26 in em1") == 1);
}

TEST_CASE("quick ends evaluation") {
  // pf.conf(5) "quick: If a packet matches a rule which has the quick option set, this rule is
  // considered the last matching rule, and evaluation of subsequent rules is skipped."
  SUBCASE("a quick rule beats later rules") {
    Ruleset rs = parse_text("block in quick proto tcp to port 23\npass in all\n");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:23 in em1 out em0") == "deny");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:22 in em1 out em0") == "permit");
  }
  SUBCASE("a quick rule after non-quick ones beats them and the later ones") {
    Ruleset rs =
        parse_text("block in all\npass in quick from 10.0.0.0/8\nblock in from 10.1.0.0/16\n");
    CHECK(deciding_line(rs, "udp 10.1.0.1:40000 -> 192.0.2.10:53 in em0") == 2);
    CHECK(verdict(rs, "udp 10.1.0.1:40000 -> 192.0.2.10:53 in em0 out em1") == "permit");
    CHECK(verdict(rs, "udp 172.16.0.1:40000 -> 192.0.2.10:53 in em0 out em1") == "deny");
  }
  SUBCASE("the first of several matching quick rules decides") {
    Ruleset rs = parse_text("pass in quick proto tcp\nblock in quick all\n");
    CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.2:80 in em0 out em1") == "permit");
    CHECK(verdict(rs, "udp 10.0.0.1:40000 -> 10.0.0.2:80 in em0 out em1") == "deny");
  }
}

TEST_CASE("default is pass") {
  // pf.conf(5): "If no rule matches the packet, the default action is to pass the packet."
  Ruleset rs = parse_text("pass in proto tcp to port 22\n");
  Evaluation e = evaluate(rs, test::packet("udp 10.0.0.1:40000 -> 10.0.0.2:53 in em0 out em1"));
  CHECK(e.verdict == Verdict::permit);
  CHECK_FALSE(e.rule);
  CHECK(e.decided_by == "pf default pass (no rule matched)");
}

TEST_CASE("block variants") {
  // pf.conf(5) "block: The packet is blocked. There are a number of ways in which a block rule
  // can behave when blocking a packet. The default behaviour is to drop packets silently,
  // however this can be overridden or made explicit either globally, by setting the
  // block-policy option, or on a per-rule basis".
  auto action_of = [](const Ruleset& rs) { return rs.policy(rs.find_policy("pf in")).rules.at(0); };
  SUBCASE("block and block drop drop") {
    CHECK(action_of(parse_text("block in all\n")).action == RuleAction::deny);
    CHECK(action_of(parse_text("block drop in all\n")).action == RuleAction::deny);
  }
  SUBCASE("return-rst, return-icmp and return reject") {
    Rule rst = action_of(parse_text("block return-rst in proto tcp all\n"));
    CHECK(rst.action == RuleAction::reject);
    CHECK(rst.rejects_with_reset);
    Rule icmp = action_of(parse_text("block return-icmp(port-unr) in proto udp all\n"));
    CHECK(icmp.action == RuleAction::reject);
    CHECK_FALSE(icmp.rejects_with_reset);
    Rule ret = action_of(parse_text("block return in proto tcp all\n"));
    CHECK(ret.action == RuleAction::reject);
    CHECK(ret.rejects_with_reset);
  }
  SUBCASE("set block-policy return changes a plain block") {
    CHECK(action_of(parse_text("set block-policy return\nblock in all\n")).action ==
          RuleAction::reject);
    CHECK(action_of(parse_text("set block-policy return\nblock drop in all\n")).action ==
          RuleAction::deny);
  }
  SUBCASE("blocked packets are denied") {
    Ruleset rs = parse_text("block return in all\n");
    CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.2:80 in em0 out em1") == "deny");
  }
}

TEST_CASE("set skip") {
  // pf.conf(5) "set skip on ifspec: List interfaces for which packets should not be filtered."
  Ruleset rs = parse_text("set skip on { lo0 em9 }\nblock all\n");
  CHECK(verdict(rs, "tcp 127.0.0.1:40000 -> 127.0.0.1:80 in lo0") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.2:80 in em9 out em0") == "deny");  // out em0
  CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.2:80 in em0 out em9") == "deny");  // in em0
  CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.2:80 in em9 out lo0") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.2:80 in em0") == "deny");
}

TEST_CASE("directions and interfaces") {
  // pf.conf(5) "in or out: This rule applies to incoming or outgoing packets. If neither in nor
  // out are specified, the rule will match packets in both directions." and "on <interface>:
  // This rule applies only to packets coming in on, or going out through, this particular
  // interface". A forwarded packet is filtered inbound on its ingress interface and outbound on
  // its egress interface.
  Ruleset rs = parse_text(
      "block all\n"
      "pass in on em0\n"
      "pass out on em1 proto tcp to port 80\n");
  SUBCASE("forwarded: in rules of the ingress, out rules of the egress") {
    CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 198.51.100.7:80 in em0 out em1") == "permit");
    CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 198.51.100.7:81 in em0 out em1") == "deny");
    CHECK(deciding_line(rs, "tcp 10.0.0.5:40000 -> 198.51.100.7:81 in em0 out em1") == 1);
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 10.0.0.5:80 in em1 out em0") == "deny");
  }
  SUBCASE("to the firewall: only in rules") {
    CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 10.0.0.1:22 in em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in em1") == "deny");
  }
  SUBCASE("from the firewall: only out rules") {
    CHECK(verdict(rs, "tcp 192.0.2.1:40000 -> 198.51.100.7:80 out em1") == "permit");
    CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 10.0.0.5:80 out em0") == "deny");
  }
  SUBCASE("no on: every interface; no direction: both") {
    Ruleset both = parse_text("block all\npass proto udp to port 53\n");
    CHECK(verdict(both, "udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1") == "permit");
    CHECK(verdict(both, "udp 10.0.0.5:40000 -> 198.51.100.7:53 in em7 out em3") == "permit");
    CHECK(verdict(both, "udp 10.0.0.5:40000 -> 198.51.100.7:54 in em7 out em3") == "deny");
  }
  SUBCASE("negated interface") {
    Ruleset neg = parse_text("block in on ! em0 all\n");
    CHECK(verdict(neg, "tcp 10.0.0.5:40000 -> 10.0.0.1:22 in em0") == "permit");
    CHECK(verdict(neg, "tcp 10.0.0.5:40000 -> 10.0.0.1:22 in em1") == "deny");
  }
}

TEST_CASE("interface groups") {
  // pf.conf(5): "on <interface> ... an interface group name" (ifconfig(8) groups like egress).
  ParseOptions o;
  o.interface_groups["egress"] = {"em1"};
  Ruleset rs = parse_text("block in all\npass in on egress proto tcp to port 22\n", o);
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in em1") == "permit");
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in em0") == "deny");
  SUBCASE("unknown members make the rule a may-match") {
    Ruleset unknown = parse_text("block in all\npass in on egress proto tcp to port 22\n");
    CHECK(verdict(unknown, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in em1") == "deny (uncertain)");
    CHECK(test::diagnostics(unknown, Severity::warning) ==
          std::vector<std::string>{
              "2:1: may-match: rule may or may not match: members of interface group 'egress' "
              "unknown (name them in the site profile)"});
  }
}

TEST_CASE("keep state") {
  // pf.conf(5) STATEFUL FILTERING: "all pass rules ... create state by default ... subsequent
  // packets of the connection (in both directions) match the state and pass" and "no state:
  // the rule does not create state".
  SUBCASE("replies of a stateful connection pass") {
    Ruleset rs = parse_text("block all\npass out on em1 proto tcp to port 443\n");
    CHECK(rs.implicit_state);
    CHECK(verdict(rs, "tcp 198.51.100.7:443 -> 192.0.2.1:40000 in em1 state established") ==
          "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:443 -> 192.0.2.1:40000 in em1") == "deny");
  }
  SUBCASE("no state: replies meet the rules") {
    Ruleset rs = parse_text("block all\npass out on em1 proto tcp to port 443 no state\n");
    CHECK(rs.policy(rs.find_policy("pf out")).rules.back().keeps_state == false);
    CHECK(verdict(rs, "tcp 198.51.100.7:443 -> 192.0.2.1:40000 in em1 state established") ==
          "deny");
  }
}

TEST_CASE("self and interface addresses") {
  // pf.conf(5): "self: all addresses assigned to all interfaces"; "(interface): the address of
  // the interface, updated when it changes"; ":network" the network, ":broadcast" the broadcast.
  ParseOptions o = site();
  SUBCASE("self") {
    Ruleset rs = parse_text("block in all\npass in proto tcp to self port 22\n", o);
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in em1") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 10.0.0.1:22 in em1") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.2:22 in em1 out em0") == "deny");
  }
  SUBCASE("(if) and if:network") {
    Ruleset rs =
        parse_text("block in all\npass in on em0 from em0:network to (em0) port 53 proto udp\n", o);
    CHECK(rs.diagnostics.has_errors());  // proto after to: pf order
    Ruleset ok =
        parse_text("block in all\npass in on em0 proto udp from em0:network to (em0) port 53\n", o);
    CHECK(verdict(ok, "udp 10.0.0.7:40000 -> 10.0.0.1:53 in em0") == "permit");
    CHECK(verdict(ok, "udp 10.0.1.7:40000 -> 10.0.0.1:53 in em0") == "deny");
    CHECK(verdict(ok, "udp 10.0.0.7:40000 -> 10.0.0.2:53 in em0 out em1") == "deny");
  }
  SUBCASE("without the site profile the match is uncertain") {
    Ruleset rs = parse_text("block in all\npass in proto tcp to self port 22\n");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in em1") == "deny (uncertain)");
    CHECK(test::diagnostics(rs, Severity::warning) ==
          std::vector<std::string>{
              "2:1: may-match: rule may or may not match: addresses of the firewall (self) "
              "unknown (give interface addresses in the site profile)"});
  }
}

TEST_CASE("tables") {
  // pf.conf(5) TABLES: "an address in a table matches if the most specific (longest prefix)
  // entry containing it is not negated" (the "!" entries of a table).
  Ruleset rs = parse_text(
      "table <t> { 10.0.0.0/8, !10.1.0.0/16, 10.1.2.0/24 }\n"
      "block in all\n"
      "pass in from <t>\n");
  CHECK(verdict(rs, "tcp 10.2.0.1:40000 -> 192.0.2.1:22 in em0") == "permit");
  CHECK(verdict(rs, "tcp 10.1.0.1:40000 -> 192.0.2.1:22 in em0") == "deny");
  CHECK(verdict(rs, "tcp 10.1.2.3:40000 -> 192.0.2.1:22 in em0") == "permit");
  CHECK(verdict(rs, "tcp 11.0.0.1:40000 -> 192.0.2.1:22 in em0") == "deny");
  SUBCASE("a negated table reference") {
    Ruleset neg = parse_text("table <t> { 10.0.0.0/8 }\nblock in from ! <t>\n");
    CHECK(verdict(neg, "tcp 10.2.0.1:40000 -> 192.0.2.1:22 in em0") == "permit");
    CHECK(verdict(neg, "tcp 11.2.0.1:40000 -> 192.0.2.1:22 in em0") == "deny");
  }
  SUBCASE("file contents are unknown without --table") {
    Ruleset unknown = parse_text("table <bad> file \"/etc/bad\"\nblock in from <bad>\n");
    CHECK(verdict(unknown, "tcp 203.0.113.9:40000 -> 192.0.2.1:22 in em0") == "permit (uncertain)");
    CHECK(test::diagnostics(unknown, Severity::warning) ==
          std::vector<std::string>{
              "2:1: may-match: rule may or may not match: table <bad> is loaded from file "
              "\"/etc/bad\" (give its contents with --table bad=FILE)"});
  }
  SUBCASE("file contents from --table") {
    ParseOptions o;
    o.table_files["bad"] = std::string(FWAUDIT_TEST_DATA) + "/tables/bad.txt";
    Ruleset known = parse_text("table <bad> file \"/etc/bad\"\nblock in from <bad>\n", o);
    CHECK(known.diagnostics.items().empty());
    CHECK(verdict(known, "tcp 203.0.113.9:40000 -> 192.0.2.1:22 in em0") == "deny");
    CHECK(verdict(known, "tcp 203.0.113.77:40000 -> 192.0.2.1:22 in em0") == "permit");
    CHECK(verdict(known, "tcp 198.51.100.1:40000 -> 192.0.2.1:22 in em0") == "deny");
  }
  SUBCASE("an undefined table is a warning and unknown (pfctl creates it empty)") {
    Ruleset undefined = parse_text("block in from <nowhere>\n");
    CHECK_FALSE(undefined.diagnostics.has_errors());
    auto w = test::diagnostics(undefined, Severity::warning);
    REQUIRE(w.size() == 2);
    CHECK(w[0] ==
          "1:1: may-match: rule may or may not match: table <nowhere> is not defined (contents "
          "set at run time)");
    CHECK(w[1] ==
          "1:15: undefined-table: table <nowhere> is used but never defined: pfctl creates it "
          "empty and its contents are only known at run time (define it or give it with "
          "--table nowhere=FILE)");
  }
}

TEST_CASE("addresses, ranges and port operators") {
  // pf.conf(5) PARAMETERS: "from <source> port <source> to <dest> port <dest>", address ranges
  // "a - b", and the port operators =, !=, <, <=, >, >=, ><, <> and ':'.
  Ruleset rs = parse_text(
      "block in all\n"
      "pass in proto tcp from 10.0.0.5 - 10.0.0.9 to any port 1000 >< 1005\n");
  CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 192.0.2.1:1001 in em0") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.9:40000 -> 192.0.2.1:1004 in em0") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.4:40000 -> 192.0.2.1:1001 in em0") == "deny");
  CHECK(verdict(rs, "tcp 10.0.0.10:40000 -> 192.0.2.1:1001 in em0") == "deny");
  CHECK(verdict(rs, "tcp 10.0.0.9:40000 -> 192.0.2.1:1005 in em0") == "deny");
  CHECK(verdict(rs, "tcp 10.0.0.9:40000 -> 192.0.2.1:1000 in em0") == "deny");
  Ruleset outside = parse_text("block in all\npass in proto tcp to port 2000 <> 3000\n");
  CHECK(verdict(outside, "tcp 10.0.0.9:40000 -> 192.0.2.1:1999 in em0") == "permit");
  CHECK(verdict(outside, "tcp 10.0.0.9:40000 -> 192.0.2.1:2000 in em0") == "deny");
  CHECK(verdict(outside, "tcp 10.0.0.9:40000 -> 192.0.2.1:3000 in em0") == "deny");
  CHECK(verdict(outside, "tcp 10.0.0.9:40000 -> 192.0.2.1:3001 in em0") == "permit");
  Ruleset range = parse_text("block in all\npass in proto tcp to port 5000:5002\n");
  CHECK(verdict(range, "tcp 10.0.0.9:40000 -> 192.0.2.1:5000 in em0") == "permit");
  CHECK(verdict(range, "tcp 10.0.0.9:40000 -> 192.0.2.1:5002 in em0") == "permit");
  CHECK(verdict(range, "tcp 10.0.0.9:40000 -> 192.0.2.1:5003 in em0") == "deny");
  Ruleset ops = parse_text(
      "pass in all\nblock in proto udp to port != 53\nblock in proto tcp to port <= 1023\n"
      "block in proto tcp from port < 1024\n");
  CHECK(verdict(ops, "udp 10.0.0.9:40000 -> 192.0.2.1:53 in em0") == "permit");
  CHECK(verdict(ops, "udp 10.0.0.9:40000 -> 192.0.2.1:54 in em0") == "deny");
  CHECK(verdict(ops, "tcp 10.0.0.9:40000 -> 192.0.2.1:1023 in em0") == "deny");
  CHECK(verdict(ops, "tcp 10.0.0.9:40000 -> 192.0.2.1:1024 in em0") == "permit");
  CHECK(verdict(ops, "tcp 10.0.0.9:1023 -> 192.0.2.1:1024 in em0") == "deny");
  SUBCASE("service names") {
    Ruleset s = parse_text("block in all\npass in proto tcp to port { smtp, https }\n");
    CHECK(verdict(s, "tcp 10.0.0.9:40000 -> 192.0.2.1:25 in em0") == "permit");
    CHECK(verdict(s, "tcp 10.0.0.9:40000 -> 192.0.2.1:443 in em0") == "permit");
    CHECK(verdict(s, "tcp 10.0.0.9:40000 -> 192.0.2.1:80 in em0") == "deny");
  }
  SUBCASE("icmp-type and code") {
    Ruleset i = parse_text(
        "block in all\npass in inet proto icmp icmp-type echoreq\n"
        "pass in inet proto icmp icmp-type unreach code needfrag\n");
    CHECK(verdict(i, "icmp 10.0.0.9 -> 192.0.2.1 type 8 code 0 in em0") == "permit");
    CHECK(verdict(i, "icmp 10.0.0.9 -> 192.0.2.1 type 0 code 0 in em0") == "deny");
    CHECK(verdict(i, "icmp 10.0.0.9 -> 192.0.2.1 type 3 code 4 in em0") == "permit");
    CHECK(verdict(i, "icmp 10.0.0.9 -> 192.0.2.1 type 3 code 3 in em0") == "deny");
  }
}

TEST_CASE("lists expand into one rule per element") {
  // pf.conf(5) LISTS: "pass in on fxp0 proto tcp from { 10.0.0.1, 10.0.0.2 } to any port 22"
  // expands to one rule per address; a negated list therefore matches everything
  // ("block from { ! a, ! b }" is "block from ! a" plus "block from ! b").
  Ruleset rs = parse_text("block in proto tcp from { !10.0.0.1, !10.0.0.2 }\n");
  CHECK(test::statistic(rs, "rules") == 2);
  CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 192.0.2.1:22 in em0") == "deny");
  CHECK(verdict(rs, "tcp 10.0.0.3:40000 -> 192.0.2.1:22 in em0") == "deny");
  // Every expanded rule keeps the original line.
  for (const Rule& r : rs.policy(rs.find_policy("pf in")).rules) {
    CHECK(r.location.line == 1);
    CHECK(r.location.text == "block in proto tcp from { !10.0.0.1, !10.0.0.2 }");
  }
}

TEST_CASE("antispoof") {
  // pf.conf(5) BLOCKING SPOOFED TRAFFIC: "antispoof for fxp0 inet" expands to
  // "block in on ! fxp0 inet from 10.0.0.0/24 to any" and "block in inet from 10.0.0.1 to any".
  Ruleset rs = parse_text("antispoof for em0 inet\n", site());
  CHECK(test::statistic(rs, "rules") == 2);
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 192.0.2.1:22 in em1") == "deny");
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 192.0.2.1:22 in em0") == "permit");
  CHECK(verdict(rs, "tcp 10.0.0.1:40000 -> 192.0.2.1:22 in em0") == "deny");
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 192.0.2.1:22 in self out em1") == "permit");
  SUBCASE("loopback interfaces get only the network rule") {
    Ruleset lo = parse_text("antispoof for lo0\n", site());
    CHECK(test::statistic(lo, "rules") == 1);
  }
}

TEST_CASE("inline anchors") {
  // pf.conf(5) ANCHORS: "evaluation of the main ruleset continues ... the anchor's rules are
  // evaluated when the anchor rule matches" and "If the anchor itself is marked with the quick
  // option, ruleset evaluation will terminate when the anchor is exited if the packet is
  // matched by any rule within the anchor."
  SUBCASE("an anchor's conditions apply to its rules") {
    Ruleset rs = parse_text("anchor \"a\" in on em0 {\n  block\n  pass proto tcp to port 22\n}\n");
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:22 in em0") == "permit");
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:23 in em0") == "deny");
    CHECK(deciding_line(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:23 in em0") == 2);
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:23 in em1") == "permit");
    CHECK(test::statistic(rs, "anchors") == 1);
  }
  SUBCASE("rules after a non-quick anchor still win") {
    Ruleset rs = parse_text("anchor on em0 {\n  pass proto tcp to port 22\n}\nblock all\n");
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:22 in em0") == "deny");
  }
  SUBCASE("quick inside an anchor ends all evaluation") {
    Ruleset rs = parse_text("anchor on em0 {\n  pass quick proto tcp to port 22\n}\nblock all\n");
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:22 in em0") == "permit");
  }
  SUBCASE("a quick anchor decides when one of its rules matched") {
    Ruleset rs = parse_text(
        "block all\nanchor quick on em0 {\n  block proto tcp\n  pass proto tcp to port 22\n}\n"
        "pass all\n");
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:22 in em0") == "permit");
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:23 in em0") == "deny");
    CHECK(deciding_line(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:23 in em0") == 3);
    CHECK(verdict(rs, "udp 10.0.0.7:40000 -> 10.0.0.1:53 in em0") == "permit");
    CHECK(deciding_line(rs, "udp 10.0.0.7:40000 -> 10.0.0.1:53 in em0") == 6);
  }
  SUBCASE("nested anchors") {
    Ruleset rs =
        parse_text("block all\nanchor in {\n  anchor on em0 {\n    pass proto udp\n  }\n}\n");
    CHECK(verdict(rs, "udp 10.0.0.7:40000 -> 10.0.0.1:53 in em0") == "permit");
    CHECK(verdict(rs, "udp 10.0.0.7:40000 -> 10.0.0.1:53 in em1") == "deny");
  }
}

TEST_CASE("named anchors are unknown offline") {
  // pf.conf(5) ANCHORS: rules of a named anchor are loaded separately (pfctl -a, load anchor);
  // fwaudit cannot see them, so the anchor "may" decide.
  Ruleset rs = parse_text("block all\nanchor \"relayd/*\"\nload anchor \"x\" from \"/etc/x\"\n");
  CHECK_FALSE(rs.diagnostics.has_errors());
  CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:22 in em0") == "deny (uncertain)");
  CHECK(test::diagnostics(rs, Severity::warning) ==
        std::vector<std::string>{
            "2:1: may-match: rule may or may not match: rules of anchor 'relayd/*' are loaded at "
            "run time (not known offline)"});
}

TEST_CASE("matches that cannot be known offline") {
  // pf.conf(5): user / group (socket owner), os (passive fingerprint), probability, tagged.
  Ruleset rs = parse_text(
      "block in all\n"
      "pass in proto tcp to port 22 user root\n"
      "pass in proto tcp to port 23 probability 50%\n"
      "pass in proto tcp from any os \"OpenBSD\" to port 24\n"
      "pass in proto tcp to port 25 tagged INTERNAL\n"
      "pass in proto tcp from www.example.com to port 26\n");
  for (int port = 22; port <= 26; ++port) {
    CAPTURE(port);
    CHECK(verdict(rs, "tcp 10.0.0.7:40000 -> 10.0.0.1:" + std::to_string(port) + " in em0") ==
          "deny (uncertain)");
  }
  CHECK(test::diagnostics(rs, Severity::warning) ==
        std::vector<std::string>{
            "2:1: may-match: rule may or may not match: user/group matches the owner of a local "
            "socket (known only at run time)",
            "3:1: may-match: rule may or may not match: probability 50% makes the match random",
            "4:1: may-match: rule may or may not match: os fingerprint is known only at run time",
            "5:1: may-match: rule may or may not match: tagged INTERNAL depends on tags set by "
            "earlier rules",
            "6:1: may-match: rule may or may not match: host name 'www.example.com' is resolved "
            "by pfctl when the rules load"});
}

TEST_CASE("OpenBSD translation: nat-to and rdr-to") {
  // OpenBSD pf.conf(5) TRANSLATION: nat-to rewrites the source of outgoing packets, rdr-to the
  // destination of incoming ones; the translated packet is what the egress interface filters.
  SUBCASE("match out ... nat-to") {
    Ruleset rs = parse_text("match out on em1 proto tcp from 10.0.0.0/8 nat-to 192.0.2.1\npass\n");
    CHECK(rs.dialect == "openbsd");
    Evaluation e =
        evaluate(rs, test::packet("tcp 10.0.0.5:40000 -> 198.51.100.7:80 in em0 out em1"));
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.src.to_string() == "192.0.2.1");
    CHECK(e.translated.sport == 50001);  // pf picks a source port in 50001-65535
    Evaluation other =
        evaluate(rs, test::packet("tcp 172.16.0.5:40000 -> 198.51.100.7:80 in em0 out em1"));
    CHECK(other.translated.src.to_string() == "172.16.0.5");
  }
  SUBCASE("static-port keeps the source port") {
    Ruleset rs = parse_text("match out on em1 proto tcp nat-to 192.0.2.1 static-port\npass\n");
    Evaluation e =
        evaluate(rs, test::packet("tcp 10.0.0.5:40000 -> 198.51.100.7:80 in em0 out em1"));
    CHECK(e.translated.sport == 40000);
  }
  SUBCASE("rdr-to on a pass rule: the egress sees the new destination") {
    std::string base =
        "block all\n"
        "pass in on em1 proto tcp to 192.0.2.1 port 80 rdr-to 10.0.0.5 port 8080\n";
    Ruleset ok = parse_text(base + "pass out on em0 proto tcp to 10.0.0.5 port 8080\n");
    Evaluation e =
        evaluate(ok, test::packet("tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0"));
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.dst.to_string() == "10.0.0.5");
    CHECK(e.translated.dport == 8080);
    Ruleset wrong = parse_text(base + "pass out on em0 proto tcp to 192.0.2.1 port 80\n");
    CHECK(verdict(wrong, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0") == "deny");
  }
  SUBCASE("rules after a match rule with rdr-to see the translated packet") {
    // OpenBSD pf.conf(5): with a translation on a match rule, "subsequent rules will see
    // packets as they look after any addresses and ports have been translated".
    Ruleset rs = parse_text(
        "match in on em1 proto tcp to 192.0.2.1 port 80 rdr-to 10.0.0.5\n"
        "block in all\n"
        "pass in on em1 proto tcp to 10.0.0.5 port 80\n");
    Evaluation e =
        evaluate(rs, test::packet("tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0"));
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.certain);
    CHECK(e.translated.dst.to_string() == "10.0.0.5");
    // A packet really addressed to 10.0.0.5 passes too; one to 192.0.2.1:81 is not redirected.
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 10.0.0.5:80 in em1 out em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:81 in em1 out em0") == "deny");
    Ruleset before = parse_text(
        "block in all\n"
        "pass in on em1 proto tcp to 10.0.0.5 port 80\n"
        "match in on em1 proto tcp to 192.0.2.1 port 80 rdr-to 10.0.0.5\n");
    CHECK(verdict(before, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0") == "deny");
  }
  SUBCASE("a translation to an unknown address leaves rules that do not look at it certain") {
    Ruleset rs = parse_text(
        "match out on em1 nat-to (em1)\nblock out all\npass out on em1 proto tcp to port 443\n"
        "pass out on em1 proto tcp from 10.0.0.0/8 to port 22\n");
    CHECK(test::diagnostics(rs, Severity::warning) ==
          std::vector<std::string>{
              "4:1: may-match: rule may or may not match: address of interface 'em1' unknown "
              "(give it in the site profile)"});
    Evaluation e =
        evaluate(rs, test::packet("tcp 10.0.0.5:40000 -> 198.51.100.7:443 in em0 out em1"));
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.certain);
    // The source after nat-to (em1) is unknown: a rule on the source may or may not match.
    CHECK(verdict(rs, "tcp 10.0.0.5:40000 -> 198.51.100.7:22 in em0 out em1") ==
          "deny (uncertain)");
  }
  SUBCASE("a quick rule stops later match translations") {
    Ruleset rs =
        parse_text("pass out quick on em1 proto udp\nmatch out on em1 nat-to 192.0.2.1\npass\n");
    Evaluation udp =
        evaluate(rs, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
    CHECK(udp.translated.src.to_string() == "10.0.0.5");
    Evaluation tcp =
        evaluate(rs, test::packet("tcp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
    CHECK(tcp.translated.src.to_string() == "192.0.2.1");
  }
  SUBCASE("nat-to an interface uses its address from the site profile") {
    Ruleset rs = parse_text("match out on em1 nat-to (em1)\npass\n", site());
    Evaluation e =
        evaluate(rs, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
    CHECK(e.translated.src.to_string() == "192.0.2.1");
    Ruleset unknown = parse_text("match out on em1 nat-to (em1)\npass\n");
    Evaluation u =
        evaluate(unknown, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
    CHECK(u.unknowns == std::vector<std::string>{
                            "address of interface 'em1' unknown (give it in the site profile)"});
  }
}

TEST_CASE("FreeBSD translation: nat, rdr, binat before filtering") {
  // FreeBSD pf.conf(5) TRANSLATION: "Since translation occurs before filtering the filter
  // engine will see packets as they look after any addresses and ports have been translated."
  // "The first matching rule decides what action is taken." "binat rules are always evaluated
  // first."
  SUBCASE("rdr: filter rules see the translated destination") {
    Ruleset rs = parse_text(
        "rdr on em1 proto tcp from any to 192.0.2.1 port 80 -> 10.0.0.5 port 8080\n"
        "block all\n"
        "pass in on em1 proto tcp to 10.0.0.5 port 8080\n"
        "pass out on em0 proto tcp to 10.0.0.5 port 8080\n");
    CHECK(rs.dialect == "freebsd");
    Evaluation e =
        evaluate(rs, test::packet("tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0"));
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.translated.dst.to_string() == "10.0.0.5");
    CHECK(e.translated.dport == 8080);
    Ruleset before = parse_text(
        "rdr on em1 proto tcp from any to 192.0.2.1 port 80 -> 10.0.0.5 port 8080\n"
        "block all\npass in on em1 proto tcp to 192.0.2.1 port 80\npass out\n");
    CHECK(verdict(before, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0") == "deny");
  }
  SUBCASE("rdr pass skips the inbound filter rules") {
    // "pass: the translated packets are passed without inspecting the filter rules"
    Ruleset rs =
        parse_text("rdr pass on em1 proto tcp to 192.0.2.1 port 80 -> 10.0.0.5\nblock in all\n");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0") == "permit");
    CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:81 in em1 out em0") == "deny");
  }
  SUBCASE("no rdr exempts; the first matching translation rule decides") {
    Ruleset rs = parse_text(
        "no rdr on em1 proto tcp from 198.51.100.7 to any port 80\n"
        "rdr on em1 proto tcp to port 80 -> 10.0.0.5\n"
        "rdr on em1 proto tcp to port 80 -> 10.0.0.6\n");
    Evaluation exempt =
        evaluate(rs, test::packet("tcp 198.51.100.7:40000 -> 192.0.2.1:80 in em1 out em0"));
    CHECK(exempt.translated.dst.to_string() == "192.0.2.1");
    Evaluation first =
        evaluate(rs, test::packet("tcp 198.51.100.8:40000 -> 192.0.2.1:80 in em1 out em0"));
    CHECK(first.translated.dst.to_string() == "10.0.0.5");
  }
  SUBCASE("nat rewrites the source on the egress interface") {
    Ruleset rs = parse_text("nat on em1 from 10.0.0.0/8 to any -> 192.0.2.1\n");
    Evaluation e =
        evaluate(rs, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
    CHECK(e.translated.src.to_string() == "192.0.2.1");
    Evaluation other =
        evaluate(rs, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em2"));
    CHECK(other.translated.src.to_string() == "10.0.0.5");
  }
  SUBCASE("binat maps both ways") {
    Ruleset rs = parse_text("binat on em1 from 10.0.0.5 to any -> 192.0.2.5\n");
    Evaluation out =
        evaluate(rs, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
    CHECK(out.translated.src.to_string() == "192.0.2.5");
    Evaluation in =
        evaluate(rs, test::packet("udp 198.51.100.7:40000 -> 192.0.2.5:53 in em1 out em0"));
    CHECK(in.translated.dst.to_string() == "10.0.0.5");
  }
}

TEST_CASE("dialect detection") {
  CHECK(parse_text("pass all\n").dialect == "openbsd");
  CHECK(parse_text("match out nat-to 192.0.2.1\n").dialect == "openbsd");
  CHECK(parse_text("scrub in all\n").dialect == "freebsd");
  CHECK(parse_text("nat on em0 from any to any -> 192.0.2.1\n").dialect == "freebsd");
  Ruleset mixed =
      parse_text("nat on em0 from any to any -> 192.0.2.1\nmatch out nat-to 192.0.2.1\n");
  CHECK(mixed.dialect == "freebsd");
  CHECK(test::diagnostics(mixed, Severity::warning).size() == 1);
}

TEST_CASE("interfaces of the ruleset") {
  ParseOptions o;
  o.interface_addresses["em0"] = {*IpPrefix::parse("10.0.0.1/24")};
  Ruleset rs =
      parse_text("pass in on { em0 em1 } all\npass out on egress all\nblock on ! vlan7\n", o);
  REQUIRE(rs.interfaces.size() == 3);
  CHECK(rs.interfaces[0].name == "em0");
  CHECK(rs.interfaces[0].addresses.size() == 1);
  CHECK(rs.interfaces[1].name == "em1");
  CHECK(rs.interfaces[1].location.line == 1);
  CHECK(rs.interfaces[1].location.column == 18);
  CHECK(rs.interfaces[2].name == "vlan7");
}

TEST_CASE("statistics and unsupported constructs") {
  Ruleset rs = parse_text(
      "a = \"10.0.0.1\"\n"
      "table <t> { 10.0.0.0/8 }\n"
      "pass in on em0 route-to (em1 192.0.2.254) from $a\n"
      "anchor \"x\"\n"
      "ether block out on igb0\n");
  CHECK(rs.statistics == std::vector<std::pair<std::string, std::size_t>>{
                             {"rules", 3}, {"macros", 1}, {"tables", 1}, {"anchors", 1}});
  CHECK(test::diagnostics(rs, Severity::unsupported) ==
        std::vector<std::string>{
            "3:1: route-option: route-to changes where the packet leaves; fwaudit keeps the "
            "outgoing interface the packet was given",
            "5:1: ether-rule: layer-2 (ether) rules are not modelled; packets are evaluated at "
            "layer 3 only"});
}

}  // namespace fwaudit::pf

namespace fwaudit::pf {

// The first version of samples/pf/mail-gateway.pf.conf, kept in data/ since the sample grew.
TEST_CASE("sample: mail gateway behind an OpenBSD firewall") {
  std::ifstream in(std::string(FWAUDIT_TEST_DATA) + "/mail-gateway-first-sample.pf.conf");
  std::ostringstream text;
  text << in.rdbuf();
  ParseOptions o;
  o.interface_addresses["em0"] = {*IpPrefix::parse("10.0.10.1/24")};
  o.interface_addresses["em1"] = {*IpPrefix::parse("192.0.2.1/24")};
  o.interface_addresses["em2"] = {*IpPrefix::parse("10.0.20.1/24")};
  Ruleset rs = parse_text(text.str(), o);
  CHECK_FALSE(rs.diagnostics.has_errors());
  CHECK(rs.dialect == "openbsd");
  CHECK(test::statistic(rs, "rules") == 40);
  // Inbound SMTP is redirected to the gateway; the abusers table is unknown offline.
  Evaluation smtp =
      evaluate(rs, test::packet("tcp 198.51.100.7:40000 -> 192.0.2.1:25 in em1 out em0"));
  CHECK(smtp.verdict == Verdict::permit);
  CHECK_FALSE(smtp.certain);
  CHECK(smtp.translated.dst.to_string() == "10.0.10.25");
  CHECK(verdict(rs, "tcp 10.0.10.25:40000 -> 10.0.20.10:25 in em0 out em2") == "permit");
  CHECK(verdict(rs, "tcp 10.0.10.25:40000 -> 10.0.20.12:25 in em0 out em2") == "deny");
  // 203.0.113.66 is a negated entry of <partners>: no redirection, denied either way.
  CHECK(verdict(rs, "tcp 203.0.113.66:40000 -> 192.0.2.1:587 in em1 out em0") == "deny");
  CHECK(verdict(rs, "tcp 10.0.20.130:40000 -> 10.0.20.1:22 in em2") == "permit");
  CHECK(verdict(rs, "tcp 10.0.20.30:40000 -> 10.0.20.1:22 in em2") == "deny");
  Evaluation out =
      evaluate(rs, test::packet("tcp 10.0.10.25:40000 -> 198.51.100.7:25 in em0 out em1"));
  CHECK(out.verdict == Verdict::permit);
  CHECK(out.translated.src.to_string() == "192.0.2.1");
}

}  // namespace fwaudit::pf

namespace fwaudit::pf {

TEST_CASE("IPv6, icmp6-type and state variants") {
  // pf.conf(5): "inet6" rules and IPv6 addresses; "icmp6-type"; "modulate state" and
  // "synproxy state" keep state like "keep state".
  Ruleset rs = parse_text(
      "block all\n"
      "pass in inet6 proto tcp from 2001:db8::/32 to 2001:db8:1::1 port 443 modulate state\n"
      "pass in inet6 proto ipv6-icmp icmp6-type echoreq\n"
      "pass in proto tcp to port 25 synproxy state\n");
  CHECK_FALSE(rs.diagnostics.has_errors());
  CHECK(verdict(rs, "tcp [2001:db8::5]:40000 -> [2001:db8:1::1]:443 in em1") == "permit");
  CHECK(verdict(rs, "tcp [2001:db9::5]:40000 -> [2001:db8:1::1]:443 in em1") == "deny");
  CHECK(verdict(rs, "tcp 192.0.2.5:40000 -> 192.0.2.1:443 in em1") == "deny");
  CHECK(verdict(rs, "icmpv6 2001:db8::5 -> 2001:db8::1 type 128 code 0 in em1") == "permit");
  CHECK(verdict(rs, "icmpv6 2001:db8::5 -> 2001:db8::1 type 129 code 0 in em1") == "deny");
  for (const Rule& r : rs.policy(rs.find_policy("pf in")).rules) {
    if (r.action == RuleAction::permit) CHECK(r.keeps_state);
  }
}

TEST_CASE("addresses known only at run time") {
  // pf.conf(5): "no-route: any address which is not currently routable", "urpf-failed: any
  // source address that fails a unicast reverse path forwarding (URPF) check".
  Ruleset rs = parse_text("block in quick from no-route\nblock in quick from urpf-failed\n");
  CHECK(verdict(rs, "tcp 192.0.2.5:40000 -> 192.0.2.1:22 in em1") == "permit (uncertain)");
  CHECK(test::diagnostics(rs, Severity::warning) ==
        std::vector<std::string>{
            "1:1: may-match: rule may or may not match: no-route depends on the routing table",
            "2:1: may-match: rule may or may not match: urpf-failed depends on the routing "
            "table"});
}

TEST_CASE("interface broadcast address and binat-to") {
  ParseOptions o;
  o.interface_addresses["em0"] = {*IpPrefix::parse("10.0.0.1/24")};
  o.interface_addresses["em1"] = {*IpPrefix::parse("192.0.2.1/24")};
  // pf.conf(5) ":broadcast: translates to the interface's broadcast address(es)".
  Ruleset b = parse_text("block in on em0 to em0:broadcast\n", o);
  CHECK(verdict(b, "udp 10.0.0.7:40000 -> 10.0.0.255:137 in em0") == "deny");
  CHECK(verdict(b, "udp 10.0.0.7:40000 -> 10.0.0.1:137 in em0") == "permit");
  // OpenBSD pf.conf(5) "binat-to: a bidirectional mapping between an external IP netblock and
  // an internal IP netblock".
  Ruleset rs = parse_text("pass on em1 from 10.0.0.5 binat-to 192.0.2.5\n", o);
  Evaluation out =
      evaluate(rs, test::packet("udp 10.0.0.5:40000 -> 198.51.100.7:53 in em0 out em1"));
  CHECK(out.translated.src.to_string() == "192.0.2.5");
}

TEST_CASE("options without effect on filtering are accepted") {
  Ruleset rs = parse_text(
      "set state-policy if-bound\nset optimization aggressive\nset limit states 10000\n"
      "set timeout { tcp.established 600, udp.single 30 }\nset loginterface em0\n"
      "set ruleset-optimization basic\nset debug urgent\nset reassemble yes\n"
      "pass in log (all, to pflog1) quick on em0 proto tcp to port 22 keep state "
      "(max-src-conn 10, max-src-conn-rate 3/60, overload <bruteforce> flush global) "
      "label \"ssh\" tag SSH queue (ssh_bulk, ssh_prio) rtable 0 prio 3\n");
  CHECK(rs.diagnostics.items().size() == 0);
  CHECK(test::statistic(rs, "rules") == 1);
}

}  // namespace fwaudit::pf
