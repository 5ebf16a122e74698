// tests/analyzer/test_evaluate.cpp
// One packet through the vendor-neutral model: each semantic point of docs/semantics/model.md.
#include <doctest/doctest.h>

#include "analyzer/call_cycles.hpp"
#include "analyzer/evaluate.hpp"
#include "analyzer/fold.hpp"
#include "ruleset_builder.hpp"

using namespace fwaudit;
using namespace fwaudit::testing;

namespace {

PacketSet dport(std::uint16_t p) {
  return PacketSet::protocol(6) & PacketSet::dst_port(p, p);
}

}  // namespace

TEST_CASE("first match decides; the fallthrough decides when nothing matches") {
  RulesetBuilder b;
  PolicyId fwd = b.policy("FORWARD", RuleAction::deny);
  b.rule(fwd, dport(25), RuleAction::permit);
  b.rule(fwd, dport(25) | dport(22), RuleAction::deny);
  b.stage(PathKind::forward, fwd);
  Ruleset& rs = b.ruleset();

  Evaluation smtp =
      evaluate(rs, packet("tcp 198.51.100.7:40000 -> 192.0.2.10:25 in eth0 out eth1"));
  CHECK(smtp.verdict == Verdict::permit);
  CHECK(smtp.certain);
  REQUIRE(smtp.rule);
  CHECK(smtp.rule->line == 2);

  Evaluation ssh = evaluate(rs, packet("tcp 198.51.100.7:40000 -> 192.0.2.10:22 in eth0 out eth1"));
  CHECK(ssh.verdict == Verdict::deny);
  REQUIRE(ssh.rule);
  CHECK(ssh.rule->line == 3);

  Evaluation web = evaluate(rs, packet("tcp 198.51.100.7:40000 -> 192.0.2.10:80 in eth0 out eth1"));
  CHECK(web.verdict == Verdict::deny);
  CHECK_FALSE(web.rule);
  CHECK(web.decided_by == "policy deny of FORWARD");
  CHECK(web.fallthrough_location.line == 1);
  REQUIRE(web.trace.size() == 3);
  CHECK(web.trace[0].event == "no match");
  CHECK(web.trace[2].event == "fallthrough: deny");
}

TEST_CASE("calls return to the caller, goto returns past it, return leaves early") {
  RulesetBuilder b;
  PolicyId top = b.policy("FORWARD", RuleAction::deny);
  PolicyId user = b.policy("USER");
  PolicyId jumped = b.policy("GOTO_TARGET");
  PolicyId via_goto = b.policy("VIA_GOTO");
  b.rule(top, PacketSet::all(), RuleAction::call, user);
  b.rule(top, dport(80), RuleAction::permit);
  b.rule(top, dport(443) | dport(8443), RuleAction::call, via_goto);
  b.rule(top, dport(8443), RuleAction::permit);  // reached only when VIA_GOTO returns through goto
  b.rule(user, dport(22), RuleAction::return_);
  b.rule(user, dport(22) | dport(23), RuleAction::deny);
  b.rule(via_goto, PacketSet::all(), RuleAction::go_to, jumped);
  b.rule(via_goto, PacketSet::all(), RuleAction::deny);  // never reached: goto does not come back
  b.rule(jumped, dport(443), RuleAction::permit);
  b.stage(PathKind::forward, top);
  Ruleset& rs = b.ruleset();
  auto verdict = [&rs](const char* p) { return evaluate(rs, packet(p)); };

  SUBCASE("user chain falls through to the caller") {
    auto e = verdict("tcp 1.1.1.1:1 -> 2.2.2.2:80 in a out b");
    CHECK(e.verdict == Verdict::permit);
    CHECK(e.rule->line == 6);
  }
  SUBCASE("RETURN skips the rest of the user chain") {
    auto e = verdict("tcp 1.1.1.1:1 -> 2.2.2.2:22 in a out b");
    CHECK(e.verdict == Verdict::deny);
    CHECK_FALSE(e.rule);  // FORWARD's policy, not USER's deny
  }
  SUBCASE("a rule in the user chain decides") {
    auto e = verdict("tcp 1.1.1.1:1 -> 2.2.2.2:23 in a out b");
    CHECK(e.verdict == Verdict::deny);
    CHECK(e.rule->line == 10);
  }
  SUBCASE("goto: the target decides, or its return goes back past the caller") {
    auto https = verdict("tcp 1.1.1.1:1 -> 2.2.2.2:443 in a out b");
    CHECK(https.verdict == Verdict::permit);
    CHECK(https.rule->line == 13);
    auto alt = verdict("tcp 1.1.1.1:1 -> 2.2.2.2:8443 in a out b");
    CHECK(alt.verdict == Verdict::permit);
    CHECK(alt.rule->line == 8);
  }
}

TEST_CASE("non-terminating rules and unknown verdicts") {
  RulesetBuilder b;
  PolicyId in = b.policy("INPUT", RuleAction::permit);
  b.rule(in, dport(25), RuleAction::next);  // LOG
  b.rule(in, dport(25), RuleAction::deny);
  b.rule(in, dport(5000), RuleAction::unknown);  // NFQUEUE
  b.stage(PathKind::input, in);
  Ruleset& rs = b.ruleset();
  auto logged = evaluate(rs, packet("tcp 1.1.1.1:1 -> 2.2.2.2:25 in eth0"));
  CHECK(logged.verdict == Verdict::deny);
  CHECK(logged.rule->line == 3);
  CHECK(logged.trace[0].event == "match: next");
  auto queued = evaluate(rs, packet("tcp 1.1.1.1:1 -> 2.2.2.2:5000 in eth0"));
  CHECK(queued.verdict == Verdict::deny);
  CHECK_FALSE(queued.certain);
  CHECK(queued.unknowns.size() == 1);
}

TEST_CASE("uncertain matches: certain only when every outcome agrees") {
  RulesetBuilder b;
  PolicyId in = b.policy("INPUT", RuleAction::deny);
  b.uncertain(in, PacketSet::none(), dport(22), RuleAction::deny,
              "ipset 'blocklist' contents unknown");
  b.rule(in, dport(22), RuleAction::permit);
  b.uncertain(in, PacketSet::none(), dport(80), RuleAction::deny, "-m limit rate");
  b.rule(in, dport(80), RuleAction::deny);
  b.stage(PathKind::input, in);
  Ruleset& rs = b.ruleset();

  auto ssh = evaluate(rs, packet("tcp 1.1.1.1:1 -> 2.2.2.2:22 in eth0"));
  CHECK(ssh.verdict == Verdict::permit);  // taken as no match
  CHECK_FALSE(ssh.certain);
  CHECK(ssh.unknowns == std::vector<std::string>{"ipset 'blocklist' contents unknown"});
  CHECK(ssh.trace[0].event ==
        "uncertain match (ipset 'blocklist' contents unknown): taken as no match");

  auto web = evaluate(rs, packet("tcp 1.1.1.1:1 -> 2.2.2.2:80 in eth0"));
  CHECK(web.verdict == Verdict::deny);
  CHECK(web.certain);  // denied either way
  CHECK(web.unknowns == std::vector<std::string>{"-m limit rate"});
}

TEST_CASE("translation stages rewrite new connections only") {
  RulesetBuilder b;
  PolicyId pre = b.policy("nat/PREROUTING", RuleAction::permit);
  PolicyId fwd = b.policy("filter/FORWARD", RuleAction::deny);
  Rule& dnat =
      b.rule(pre, PacketSet::dst(net("203.0.113.5/32")) & dport(25), RuleAction::translate);
  dnat.translation = Translation{};
  dnat.translation->rewrite.dst_range(*IpAddress::parse("10.0.0.5"), *IpAddress::parse("10.0.0.5"));
  b.rule(fwd, PacketSet::dst(net("10.0.0.5/32")) & dport(25), RuleAction::permit);
  b.stage(PathKind::forward, pre, Stage::Kind::translate);
  b.stage(PathKind::forward, fwd);
  Ruleset& rs = b.ruleset();

  auto fresh = evaluate(rs, packet("tcp 198.51.100.7:40000 -> 203.0.113.5:25 in eth0 out eth1"));
  CHECK(fresh.verdict == Verdict::permit);
  CHECK(fresh.translated.dst.to_string() == "10.0.0.5");
  auto later = evaluate(
      rs, packet("tcp 198.51.100.7:40000 -> 203.0.113.5:25 in eth0 out eth1 state established"));
  CHECK(later.verdict == Verdict::deny);
  CHECK(later.trace[0].event ==
        "skipped: translation rules see only the first packet of a connection");
}

TEST_CASE("implicit state: replies pass when the connection's rule kept state") {
  RulesetBuilder b;
  PolicyId fwd = b.policy("pf", RuleAction::deny);
  b.rule(fwd, PacketSet::in_interface("eth0") & dport(25), RuleAction::permit);
  Rule& stateless = b.rule(fwd, PacketSet::in_interface("eth0") & dport(53), RuleAction::permit);
  stateless.keeps_state = false;
  b.stage(PathKind::forward, fwd);
  Ruleset& rs = b.ruleset();
  rs.implicit_state = true;

  auto reply = evaluate(
      rs, packet("tcp 10.0.0.5:25 -> 198.51.100.7:40000 in eth1 out eth0 state established"));
  CHECK(reply.verdict == Verdict::permit);
  CHECK(reply.trace.front().event ==
        "reply of connection tcp 198.51.100.7:40000 -> 10.0.0.5:25 in eth0 out eth1");
  auto no_state = evaluate(
      rs, packet("tcp 10.0.0.5:53 -> 198.51.100.7:40000 in eth1 out eth0 state established"));
  CHECK(no_state.verdict == Verdict::deny);
  auto unsolicited = evaluate(
      rs, packet("tcp 10.0.0.5:80 -> 198.51.100.7:40000 in eth1 out eth0 state established"));
  CHECK(unsolicited.verdict == Verdict::deny);
}

TEST_CASE("paths follow from the interfaces") {
  CHECK(path_of(packet("tcp 1.1.1.1 -> 2.2.2.2 in eth0")) == PathKind::input);
  CHECK(path_of(packet("tcp 1.1.1.1 -> 2.2.2.2 out eth0")) == PathKind::output);
  CHECK(path_of(packet("tcp 1.1.1.1 -> 2.2.2.2 in eth0 out eth1")) == PathKind::forward);
  RulesetBuilder b;
  PolicyId in = b.policy("INPUT", RuleAction::deny);
  b.stage(PathKind::input, in);
  // No stage on the forward path: nothing filters it.
  CHECK(evaluate(b.ruleset(), packet("tcp 1.1.1.1 -> 2.2.2.2 in eth0 out eth1")).verdict ==
        Verdict::permit);
  CHECK(evaluate(b.ruleset(), packet("tcp 1.1.1.1 -> 2.2.2.2 in eth0")).verdict == Verdict::deny);
}

TEST_CASE("jump cycles are reported with every rule on them") {
  RulesetBuilder b;
  PolicyId a = b.policy("A"), c = b.policy("C"), d = b.policy("D");
  b.rule(a, dport(1), RuleAction::call, c);
  b.rule(c, dport(1), RuleAction::go_to, d);
  b.rule(d, dport(1), RuleAction::call, a);
  Ruleset& rs = b.ruleset();
  CHECK_FALSE(check_call_cycles(rs));
  REQUIRE(rs.diagnostics.items().size() == 1);
  const Diagnostic& diag = rs.diagnostics.items()[0];
  CHECK(diag.code == "jump-cycle");
  CHECK(diag.message == "jump cycle: A -> C -> D -> A (evaluation would never end)");
  CHECK(diag.location.line == 4);
  REQUIRE(diag.related.size() == 2);
  CHECK(diag.related[0].line == 5);
  CHECK(diag.related[1].line == 6);
  // Evaluation still ends, with an uncertain verdict.
  b.stage(PathKind::input, a);
  auto e = evaluate(rs, packet("tcp 1.1.1.1:1 -> 2.2.2.2:1 in eth0"));
  CHECK_FALSE(e.certain);
}

TEST_CASE("find_cycle on plain graphs") {
  CHECK(find_cycle(3, {{0, 1}, {1, 2}}).empty());
  CHECK(find_cycle(1, {{0, 0}}) == std::vector<int>{0});
  CHECK(find_cycle(4, {{0, 1}, {1, 2}, {2, 3}, {3, 1}}) == std::vector<int>{1, 2, 3});
}

TEST_CASE("the deciding rule of a permitted packet is the filter rule, not a later default") {
  RulesetBuilder b;
  PolicyId filter = b.policy("filter/FORWARD", RuleAction::deny);
  PolicyId mangle = b.policy("mangle/POSTROUTING", RuleAction::permit);
  PolicyId nat = b.policy("nat/POSTROUTING", RuleAction::permit);
  b.rule(filter, dport(25), RuleAction::permit);
  b.rule(nat, PacketSet::all(), RuleAction::permit);  // "-A POSTROUTING -j ACCEPT": no translation
  b.stage(PathKind::forward, filter);
  b.stage(PathKind::forward, mangle);
  b.stage(PathKind::forward, nat, Stage::Kind::translate);
  auto e = evaluate(b.ruleset(), packet("tcp 1.1.1.1:1 -> 2.2.2.2:25 in a out b"));
  CHECK(e.verdict == Verdict::permit);
  REQUIRE(e.rule);
  CHECK(e.rule->line == 4);
}

TEST_CASE("a deny in a translation stage drops the packet") {
  RulesetBuilder b;
  PolicyId nat = b.policy("nat/PREROUTING", RuleAction::permit);
  PolicyId filter = b.policy("filter/FORWARD", RuleAction::permit);
  b.rule(nat, dport(25), RuleAction::deny);
  b.stage(PathKind::forward, nat, Stage::Kind::translate);
  b.stage(PathKind::forward, filter);
  auto e = evaluate(b.ruleset(), packet("tcp 1.1.1.1:1 -> 2.2.2.2:25 in a out b"));
  CHECK(e.verdict == Verdict::deny);
  REQUIRE(e.rule);
  CHECK(e.rule->line == 3);
  PathFold fold = fold_path(b.ruleset(), PathKind::forward, PacketSet::all());
  CHECK_FALSE(fold.permitted_may.contains(packet("tcp 1.1.1.1:1 -> 2.2.2.2:25 in a out b")));
  CHECK(fold.permitted_sure.contains(packet("tcp 1.1.1.1:1 -> 2.2.2.2:80 in a out b")));
}
