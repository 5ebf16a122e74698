// tests/iptables/test_evaluate.cpp
#include <algorithm>

#include "helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables::test;

namespace {

Evaluation run(const Ruleset& rs, std::string_view p) {
  return evaluate(rs, packet(p));
}

std::uint32_t deciding_line(const Evaluation& e) {
  return e.rule ? e.rule->line : 0;
}

}  // namespace

TEST_CASE("iptables semantics: first match per chain and the built-in policy") {
  Ruleset rs = parse_text(
      "*filter\n"
      ":INPUT DROP [0:0]\n"
      "-A INPUT -p tcp --dport 22 -j ACCEPT\n"
      "-A INPUT -p tcp --dport 22 -j DROP\n"
      "-A INPUT -p tcp --dport 23 -j REJECT\n"
      "COMMIT\n");
  REQUIRE(errors(rs) == 0);
  Evaluation ssh = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in eth0");
  CHECK(ssh.verdict == Verdict::permit);
  CHECK(ssh.certain);
  CHECK(deciding_line(ssh) == 3);

  Evaluation telnet = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:23 in eth0");
  CHECK(telnet.verdict == Verdict::deny);
  CHECK(deciding_line(telnet) == 5);

  Evaluation other = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in eth0");
  CHECK(other.verdict == Verdict::deny);
  CHECK_FALSE(other.rule.has_value());
  CHECK(other.decided_by == "policy DROP of filter/INPUT");
  CHECK(other.fallthrough_location.line == 2);

  // Output and forward paths have their own chains (ACCEPT by default).
  CHECK(run(rs, "tcp 192.0.2.1:40000 -> 198.51.100.7:80 out eth0").verdict == Verdict::permit);
}

TEST_CASE("iptables semantics: user chains, RETURN and goto") {
  Ruleset rs = parse_text(
      "*filter\n"
      ":INPUT DROP [0:0]\n"
      ":FORWARD DROP [0:0]\n"
      ":SERVICES - [0:0]\n"
      ":ZONE - [0:0]\n"
      "-A INPUT -j SERVICES\n"                     // 6: call, falls through
      "-A INPUT -p tcp --dport 443 -j ACCEPT\n"    // 7
      "-A SERVICES -s 10.66.0.0/16 -j RETURN\n"    // 8
      "-A SERVICES -p tcp --dport 22 -j ACCEPT\n"  // 9
      "-A FORWARD -j ZONE\n"                       // 10
      "-A FORWARD -p tcp --dport 25 -j ACCEPT\n"   // 11
      "-A ZONE -i eth0 -g SERVICES\n"              // 12: goto
      "-A ZONE -p tcp --dport 25 -j DROP\n"        // 13
      "COMMIT\n");
  REQUIRE(errors(rs) == 0);
  SUBCASE("a called chain that decides") {
    Evaluation e = run(rs, "tcp 10.1.0.1:40000 -> 192.0.2.1:22 in eth0");
    CHECK(e.verdict == Verdict::permit);
    CHECK(deciding_line(e) == 9);
  }
  SUBCASE("RETURN continues after the jump") {
    Evaluation e = run(rs, "tcp 10.66.0.1:40000 -> 192.0.2.1:22 in eth0");
    CHECK(e.verdict == Verdict::deny);  // rule 9 skipped, 443 does not match, policy DROP
    CHECK_FALSE(e.rule.has_value());
    CHECK(run(rs, "tcp 10.66.0.1:40000 -> 192.0.2.1:443 in eth0").verdict == Verdict::permit);
  }
  SUBCASE("falling off a user chain returns to the caller") {
    Evaluation e = run(rs, "tcp 10.1.0.1:40000 -> 192.0.2.1:443 in eth0");
    CHECK(e.verdict == Verdict::permit);
    CHECK(deciding_line(e) == 7);
  }
  SUBCASE("-g returns to the caller's caller") {
    // From eth0: ZONE goes to SERVICES, which falls through: back in FORWARD after "-j ZONE",
    // not in ZONE, so rule 13 is skipped and rule 11 accepts.
    Evaluation e = run(rs, "tcp 198.51.100.7:40000 -> 10.0.0.25:25 in eth0 out eth1");
    CHECK(e.verdict == Verdict::permit);
    CHECK(deciding_line(e) == 11);
    // From eth1 the goto does not happen and ZONE drops port 25.
    Evaluation f = run(rs, "tcp 198.51.100.7:40000 -> 10.0.0.25:25 in eth1 out eth0");
    CHECK(f.verdict == Verdict::deny);
    CHECK(deciding_line(f) == 13);
  }
}

TEST_CASE("iptables semantics: non-terminating targets") {
  Ruleset rs = parse_text(
      "*filter\n:INPUT DROP [0:0]\n"
      "-A INPUT -j LOG --log-prefix \"in: \"\n"
      "-A INPUT -p udp -j MARK --set-mark 1\n"
      "-A INPUT -p udp --dport 53 -j ACCEPT\nCOMMIT\n");
  REQUIRE(errors(rs) == 0);
  Evaluation e = run(rs, "udp 10.0.0.1:40000 -> 10.0.0.2:53 in eth0");
  CHECK(e.verdict == Verdict::permit);
  CHECK(e.certain);
  CHECK(deciding_line(e) == 5);
}

TEST_CASE("iptables semantics: connection tracking states") {
  Ruleset rs = parse_text(
      "*filter\n:INPUT DROP [0:0]\n:OUTPUT DROP [0:0]\n"
      "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
      "-A INPUT -p tcp -m conntrack --ctstate NEW -m tcp --dport 25 -j ACCEPT\n"
      "-A OUTPUT -m state --state ESTABLISHED -j ACCEPT\nCOMMIT\n");
  REQUIRE(errors(rs) == 0);
  Packet first = packet("tcp 198.51.100.7:40000 -> 192.0.2.1:25 in eth0");
  CHECK(evaluate(rs, first).verdict == Verdict::permit);
  // iptables has no implicit state: the reply meets the OUTPUT rules, which let it go.
  CHECK_FALSE(rs.implicit_state);
  Packet reply = first.reply();
  CHECK(reply.state == ConnState::established);
  CHECK(evaluate(rs, reply).verdict == Verdict::permit);
  // A NEW packet to port 80 is dropped, an ESTABLISHED one passes rule 4.
  CHECK(run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in eth0").verdict == Verdict::deny);
  Evaluation est = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in eth0 state established");
  CHECK(est.verdict == Verdict::permit);
  CHECK(deciding_line(est) == 4);
  // The firewall's own NEW connections are dropped by OUTPUT.
  CHECK(run(rs, "tcp 192.0.2.1:40000 -> 198.51.100.7:80 out eth0").verdict == Verdict::deny);
}

TEST_CASE("iptables semantics: the NAT path") {
  Ruleset rs = parse_text(
      "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
      "-A PREROUTING -i eth0 -p tcp --dport 25 -j DNAT --to-destination 10.0.0.25\n"
      "-A POSTROUTING -o eth0 -j SNAT --to-source 192.0.2.1\nCOMMIT\n"
      "*filter\n:FORWARD DROP [0:0]\n"
      "-A FORWARD -d 10.0.0.25/32 -p tcp --dport 25 -j ACCEPT\nCOMMIT\n");
  REQUIRE(errors(rs) == 0);
  REQUIRE(rs.path(PathKind::forward).size() == 3);
  CHECK(rs.path(PathKind::forward)[0].kind == Stage::Kind::translate);
  CHECK(rs.policy(rs.path(PathKind::forward)[1].policy).name == "filter/FORWARD");
  CHECK(rs.policy(rs.path(PathKind::forward)[2].policy).name == "nat/POSTROUTING");

  // filter/FORWARD sees the DNATed destination.
  Evaluation in = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:25 in eth0 out eth1");
  CHECK(in.verdict == Verdict::permit);
  CHECK(deciding_line(in) == 9);
  CHECK(in.translated.dst == *IpAddress::parse("10.0.0.25"));

  // Without the DNAT (other port) the FORWARD policy drops.
  CHECK(run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:26 in eth0 out eth1").verdict ==
        Verdict::deny);
}

TEST_CASE("iptables semantics: uncertain matches") {
  Ruleset rs = parse_text(
      "*filter\n:INPUT DROP [0:0]\n"
      "-A INPUT -p tcp --dport 22 -m recent --name ssh --rcheck -j DROP\n"
      "-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
  REQUIRE(errors(rs) == 0);
  Evaluation e = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in eth0");
  CHECK_FALSE(e.certain);
  CHECK(e.verdict == Verdict::permit);  // taking the uncertain rule as not matching
}

TEST_CASE("iptables semantics: jump cycles are errors with their locations") {
  Ruleset rs = parse_text(
      "*filter\n:A - [0:0]\n:B - [0:0]\n"
      "-A INPUT -j A\n"
      "-A A -j B\n"
      "-A B -p tcp -g A\nCOMMIT\n");
  REQUIRE(errors(rs) == 1);
  const Diagnostic& d = rs.diagnostics.items().back();
  CHECK(d.code == "jump-cycle");
  std::vector<std::uint32_t> lines{d.location.line};
  for (const auto& r : d.related)
    lines.push_back(r.line);
  std::sort(lines.begin(), lines.end());
  CHECK(lines == std::vector<std::uint32_t>{5, 6});
}

TEST_CASE("iptables semantics: RETURN and goto in a built-in chain apply its policy") {
  Ruleset rs = parse_text(
      "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:EMPTY - [0:0]\n"
      "-A INPUT -p tcp --dport 22 -j RETURN\n"
      "-A INPUT -p tcp -j ACCEPT\n"
      "-A FORWARD -p tcp -g EMPTY\n"
      "-A FORWARD -p tcp -j ACCEPT\nCOMMIT\n");
  REQUIRE(errors(rs) == 0);
  Evaluation ret = run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:22 in eth0");
  CHECK(ret.verdict == Verdict::deny);
  CHECK_FALSE(ret.rule.has_value());
  CHECK(ret.decided_by == "policy DROP of filter/INPUT");
  CHECK(run(rs, "tcp 198.51.100.7:40000 -> 192.0.2.1:80 in eth0").verdict == Verdict::permit);
  Evaluation go = run(rs, "tcp 198.51.100.7:40000 -> 10.0.0.1:80 in eth0 out eth1");
  CHECK(go.verdict == Verdict::deny);
  CHECK_FALSE(go.rule.has_value());
  CHECK(go.decided_by == "policy DROP of filter/FORWARD");
}
