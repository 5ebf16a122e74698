// tests/iptables/test_lower_targets.cpp
#include "helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables::test;

TEST_CASE("iptables lowering: targets become actions") {
  Ruleset rs = parse_text(
      "*filter\n"
      ":INPUT DROP [0:0]\n"
      ":FORWARD ACCEPT [0:0]\n"
      ":LOGDROP - [0:0]\n"
      ":LOGDROP2 - [0:0]\n"
      "-A INPUT -p tcp --dport 22 -j ACCEPT\n"                          // 0
      "-A INPUT -p tcp --dport 23 -j DROP\n"                            // 1
      "-A INPUT -p tcp --dport 24 -j REJECT --reject-with tcp-reset\n"  // 2
      "-A INPUT -p udp -j REJECT\n"                                     // 3
      "-A INPUT -p tcp --dport 25 -j RETURN\n"                          // 4
      "-A INPUT -p tcp --dport 26 -j LOGDROP\n"                         // 5
      "-A INPUT -p tcp --dport 27 -g LOGDROP\n"                         // 6
      "-A INPUT -j LOG --log-prefix \"in: \"\n"                         // 7
      "-A INPUT -j NFQUEUE --queue-num 1 --queue-bypass\n"              // 8
      "-A INPUT -j QUEUE\n"                                             // 9
      "-A INPUT -p icmp\n"                                              // 10
      "-A LOGDROP -s 10.0.0.1 -j RETURN\n"
      "-A LOGDROP -s 10.0.0.2 -g LOGDROP2\n"
      "-A LOGDROP -j NFLOG --nflog-group 2\n"
      "-A LOGDROP -j DROP\n"
      "COMMIT\n");
  CHECK(diagnostics_text(rs) == "");
  // INPUT has RETURN and -g rules: in a built-in chain their return applies the chain's policy,
  // so its rules go into "filter/INPUT rules", which filter/INPUT calls before its policy.
  const Policy& top = rs.policy(rs.find_policy("filter/INPUT"));
  REQUIRE(top.rules.size() == 1);
  CHECK(top.rules[0].action == RuleAction::call);
  CHECK(top.rules[0].target == rs.find_policy("filter/INPUT rules"));
  CHECK(top.rules[0].location.line == 2);
  const std::vector<RuleAction> expected = {
      RuleAction::permit,  RuleAction::deny,    RuleAction::reject, RuleAction::reject,
      RuleAction::return_, RuleAction::call,    RuleAction::go_to,  RuleAction::next,
      RuleAction::unknown, RuleAction::unknown, RuleAction::next};
  const Policy& input = rs.policy(rs.find_policy("filter/INPUT rules"));
  CHECK(input.fallthrough == RuleAction::return_);
  REQUIRE(input.rules.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(input.rules[i].action == expected[i]);
  }
  CHECK(input.rules[2].rejects_with_reset);
  CHECK_FALSE(input.rules[3].rejects_with_reset);
  PolicyId logdrop = rs.find_policy("filter/LOGDROP");
  CHECK(input.rules[5].target == logdrop);
  CHECK(input.rules[6].target == logdrop);
  // In a user chain RETURN and -g keep their meaning.
  const Policy& user_chain = rs.policy(logdrop);
  CHECK(user_chain.rules[0].action == RuleAction::return_);
  CHECK(user_chain.rules[1].action == RuleAction::go_to);
  CHECK(input.rules[0].location.line == 6);
  CHECK(input.rules[0].location.column == 1);
  CHECK(input.rules[0].location.text == "-A INPUT -p tcp --dport 22 -j ACCEPT");

  SUBCASE("built-in policies and user-chain fallthrough") {
    CHECK(top.fallthrough == RuleAction::deny);
    CHECK(top.fallthrough_label == "policy DROP of filter/INPUT");
    CHECK(top.fallthrough_location.line == 2);
    const Policy& forward = rs.policy(rs.find_policy("filter/FORWARD"));
    CHECK(forward.fallthrough == RuleAction::permit);
    const Policy& user = rs.policy(logdrop);
    CHECK(user.fallthrough == RuleAction::return_);
    CHECK(user.fallthrough_label == "end of chain filter/LOGDROP (return to the caller)");
    // An undeclared built-in chain of a table in the file has policy ACCEPT.
    const Policy& output = rs.policy(rs.find_policy("filter/OUTPUT"));
    CHECK(output.fallthrough == RuleAction::permit);
    CHECK(output.fallthrough_label == "policy ACCEPT of filter/OUTPUT");
  }
  SUBCASE("statistics") {
    CHECK(rs.vendor == "iptables");
    CHECK(rs.statistics == std::vector<std::pair<std::string, std::size_t>>{
                               {"tables", 1}, {"chains", 5}, {"user chains", 2}, {"rules", 15}});
  }
}

TEST_CASE("iptables lowering: unknown targets") {
  Ruleset rs = parse_text("*mangle\n-A PREROUTING -p tcp -j FANCY --level 3\nCOMMIT\n");
  CHECK(diagnostics_text(rs) ==
        "2:25: warning: target FANCY is neither a chain of table mangle nor a target fwaudit "
        "models; it is taken as non-terminating, and packets it matches get an uncertain verdict "
        "[unknown-target]\n");
  const Rule& r = rule_of(rs, "mangle/PREROUTING", 0);
  CHECK(r.action == RuleAction::next);
  CHECK(r.sure.empty());
  CHECK(r.may.contains(packet("tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth0")));
  CHECK(r.unknowns == std::vector<std::string>{"target FANCY"});
  SUBCASE("known non-terminating targets are certain") {
    Ruleset m = parse_text(
        "*mangle\n-A PREROUTING -j MARK --set-mark 1\n-A FORWARD -p tcp -j TCPMSS "
        "--clamp-mss-to-pmtu\n-A PREROUTING -j DSCP --set-dscp 10\nCOMMIT\n");
    CHECK(diagnostics_text(m) == "");
    CHECK(rule_of(m, "mangle/PREROUTING", 0).certain());
    CHECK(rule_of(m, "mangle/PREROUTING", 1).action == RuleAction::next);
  }
  SUBCASE("a lower-case name is a chain that was never declared") {
    Ruleset bad = parse_text("*filter\n-A INPUT -j logdrop\nCOMMIT\n");
    CHECK(diagnostics_text(bad) ==
          "2:13: error: chain logdrop does not exist in table filter; expected ':logdrop - [0:0]' "
          "or '-N logdrop' before it is used [undeclared-chain]\n");
  }
}

TEST_CASE("iptables lowering: NAT targets") {
  Packet web = packet("tcp 198.51.100.7:40000 -> 192.0.2.1:80 in eth0 out eth1");
  SUBCASE("DNAT to an address and port") {
    Ruleset rs = parse_text(
        "*nat\n-A PREROUTING -i eth0 -p tcp --dport 80 -j DNAT --to-destination "
        "10.0.0.5:8080\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    const Rule& r = rule_of(rs, "nat/PREROUTING", 0);
    CHECK(r.action == RuleAction::translate);
    REQUIRE(r.translation.has_value());
    CHECK(r.translation->description == "DNAT --to-destination 10.0.0.5:8080");
    CHECK(r.translation->unknown_reason.empty());
    Packet after = r.translation->rewrite.apply(web);
    CHECK(after.dst == *IpAddress::parse("10.0.0.5"));
    CHECK(after.dport == 8080);
    CHECK(after.src == web.src);
  }
  SUBCASE("SNAT to a range") {
    Ruleset rs = parse_text(
        "*nat\n-A POSTROUTING -o eth1 -j SNAT --to-source 203.0.113.1-203.0.113.4\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    const Rule& r = rule_of(rs, "nat/POSTROUTING", 0);
    Packet after = r.translation->rewrite.apply(web);
    CHECK(after.src == *IpAddress::parse("203.0.113.1"));
    CHECK(after.dst == web.dst);
  }
  SUBCASE("MASQUERADE needs the egress interface's address") {
    std::string text = "*nat\n-A POSTROUTING -o eth1 -j MASQUERADE\nCOMMIT\n";
    Ruleset unknown = parse_text(text);
    CHECK(rule_of(unknown, "nat/POSTROUTING", 0).translation->unknown_reason ==
          "MASQUERADE: address of eth1 unknown");
    ParseOptions options;
    options.interface_addresses["eth1"] = {*IpPrefix::parse("203.0.113.9/24")};
    Ruleset known = parse_text(text, options);
    const Translation& t = *rule_of(known, "nat/POSTROUTING", 0).translation;
    CHECK(t.unknown_reason.empty());
    CHECK(t.rewrite.apply(web).src == *IpAddress::parse("203.0.113.9"));
  }
  SUBCASE("REDIRECT in OUTPUT goes to the loopback address") {
    Ruleset rs =
        parse_text("*nat\n-A OUTPUT -p tcp --dport 80 -j REDIRECT --to-ports 3128\nCOMMIT\n");
    const Translation& t = *rule_of(rs, "nat/OUTPUT", 0).translation;
    CHECK(t.unknown_reason.empty());
    Packet after = t.rewrite.apply(web);
    CHECK(after.dst == *IpAddress::parse("127.0.0.1"));
    CHECK(after.dport == 3128);
  }
  SUBCASE("NETMAP maps destinations in PREROUTING, sources in POSTROUTING") {
    Ruleset rs = parse_text(
        "*nat\n-A PREROUTING -d 192.0.2.0/24 -j NETMAP --to 10.9.0.0/24\n"
        "-A POSTROUTING -s 10.9.0.0/24 -j NETMAP --to 192.0.2.0/24\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    Packet in = rule_of(rs, "nat/PREROUTING", 0).translation->rewrite.apply(web);
    CHECK(in.dst == *IpAddress::parse("10.9.0.1"));
    Packet out = rule_of(rs, "nat/POSTROUTING", 0)
                     .translation->rewrite.apply(packet("udp 10.9.0.7:1 -> 8.8.8.8:53 in eth1"));
    CHECK(out.src == *IpAddress::parse("192.0.2.7"));
  }
  SUBCASE("ACCEPT in a nat chain means no translation") {
    Ruleset rs = parse_text("*nat\n-A PREROUTING -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n");
    const Rule& r = rule_of(rs, "nat/PREROUTING", 0);
    CHECK(r.action == RuleAction::permit);
    CHECK_FALSE(r.translation.has_value());
  }
  SUBCASE("NAT targets outside the nat table and in the wrong chain are errors") {
    CHECK(diagnostics_text(
              parse_text("*filter\n-A INPUT -j DNAT --to-destination 10.0.0.1\nCOMMIT\n")) ==
          "2:13: error: DNAT is only valid in the nat table, not in filter [target-in-table]\n");
    CHECK(diagnostics_text(
              parse_text("*nat\n-A POSTROUTING -j DNAT --to-destination 10.0.0.1\nCOMMIT\n")) ==
          "2:19: error: DNAT is only valid in PREROUTING, OUTPUT, but chain POSTROUTING is "
          "reached from POSTROUTING [target-in-hook]\n");
    CHECK(diagnostics_text(parse_text("*nat\n-A PREROUTING -j DNAT --to-destination "
                                      "10.0.0.1:80\nCOMMIT\n")) ==
          "2:40: error: a port in --to-destination needs -p tcp, udp, sctp or dccp "
          "[nat-port-needs-protocol]\n");
  }
}

TEST_CASE("iptables lowering: documented corner cases") {
  SUBCASE("NOTRACK warns that later state matches see the query's state") {
    Ruleset rs = parse_text("*raw\n-A PREROUTING -p udp --dport 53 -j NOTRACK\nCOMMIT\n");
    CHECK(diagnostics_text(rs) ==
          "2:36: warning: NOTRACK: packets it matches are UNTRACKED in later tables; fwaudit "
          "evaluates them with the connection state the query gives [notrack]\n");
    CHECK(rule_of(rs, "raw/PREROUTING", 0).action == RuleAction::next);
    CHECK(diagnostics_text(parse_text("*filter\n-A INPUT -j NOTRACK\nCOMMIT\n")) ==
          "2:13: error: NOTRACK is only valid in the raw table, not in filter [target-in-table]\n");
  }
  SUBCASE("-4 and -6 select the family") {
    Ruleset rs = parse_text("*filter\n-A INPUT -4 -j ACCEPT\n-A INPUT -6 -j ACCEPT\nCOMMIT\n");
    CHECK(rule_of(rs, "filter/INPUT", 0).sure == PacketSet::family(Family::ipv4));
    CHECK(rule_of(rs, "filter/INPUT", 1).may.empty());
  }
  SUBCASE("conntrack DNAT state is uncertain") {
    Ruleset rs =
        parse_text("*filter\n-A FORWARD -m conntrack --ctstate NEW,DNAT -j ACCEPT\nCOMMIT\n");
    const Rule& r = rule_of(rs, "filter/FORWARD", 0);
    CHECK(r.sure.contains(packet("tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth0 out eth1")));
    CHECK_FALSE(
        r.sure.contains(packet("tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth0 out eth1 state established")));
    CHECK(
        r.may.contains(packet("tcp 10.0.0.1:1 -> 10.0.0.2:2 in eth0 out eth1 state established")));
    CHECK(r.unknowns == std::vector<std::string>{"conntrack SNAT/DNAT state"});
  }
  SUBCASE("REDIRECT in PREROUTING goes to the incoming interface's address when known") {
    ParseOptions options;
    options.interface_addresses["eth1"] = {*IpPrefix::parse("10.0.0.1/24")};
    Ruleset rs = parse_text(
        "*nat\n-A PREROUTING -i eth1 -p tcp --dport 80 -j REDIRECT --to-ports 3128\nCOMMIT\n",
        options);
    const Translation& t = *rule_of(rs, "nat/PREROUTING", 0).translation;
    CHECK(t.unknown_reason.empty());
    Packet after =
        t.rewrite.apply(packet("tcp 10.0.0.9:40000 -> 93.184.216.34:80 in eth1 out eth0"));
    CHECK(after.dst == *IpAddress::parse("10.0.0.1"));
    CHECK(after.dport == 3128);
    Ruleset unknown = parse_text(
        "*nat\n-A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 3128\nCOMMIT\n", options);
    CHECK(rule_of(unknown, "nat/PREROUTING", 0).translation->unknown_reason ==
          "REDIRECT: address of the incoming interface unknown");
  }
}
