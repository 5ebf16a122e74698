// tests/analyzer/test_fold.cpp
// Folding sets through paths agrees with evaluating packets one by one.
#include <doctest/doctest.h>

#include <random>

#include "analyzer/acl_graph.hpp"
#include "analyzer/fold.hpp"
#include "ruleset_builder.hpp"

using namespace fwaudit;
using namespace fwaudit::testing;

namespace {

// Every packet of a small universe: 4 sources, 4 destinations, tcp/udp, ports 20-27, two states,
// two ingress interfaces, forwarded to eth9.
std::vector<Packet> small_universe() {
  std::vector<Packet> out;
  for (int s = 0; s < 4; ++s)
    for (int d = 0; d < 4; ++d)
      for (std::uint8_t proto : {6, 17})
        for (std::uint16_t port = 20; port < 28; ++port)
          for (ConnState st : {ConnState::new_, ConnState::established})
            for (const char* in : {"eth0", "eth1"}) {
              Packet p;
              p.src = IpAddress::v4(0x0A000000u + static_cast<unsigned>(s));
              p.dst = IpAddress::v4(0xC0000200u + static_cast<unsigned>(d));
              p.proto = proto, p.sport = 40000, p.dport = port, p.state = st;
              p.in_if = in, p.out_if = "eth9";
              out.push_back(p);
            }
  return out;
}

PacketSet random_match(std::mt19937& rng) {
  auto pick = [&rng](unsigned n) { return rng() % n; };
  PacketSet m = PacketSet::all();
  if (pick(2))
    m &= PacketSet::src(
        IpPrefix{IpAddress::v4(0x0A000000u + pick(4)), 30 + static_cast<int>(pick(3))});
  if (pick(2))
    m &= PacketSet::dst(
        IpPrefix{IpAddress::v4(0xC0000200u + pick(4)), 30 + static_cast<int>(pick(3))});
  if (pick(2)) m &= PacketSet::protocol(pick(2) ? 6 : 17);
  if (pick(2)) {
    auto lo = static_cast<std::uint16_t>(20 + pick(8));
    m &= PacketSet::dst_port(lo, static_cast<std::uint16_t>(lo + pick(4)));
  }
  if (pick(3) == 0) m &= PacketSet::state(pick(2) ? ConnState::new_ : ConnState::established);
  if (pick(3) == 0) m &= PacketSet::in_interface(pick(2) ? "eth0" : "eth1");
  return m;
}

// Three policies: the stage's top and two user policies it may call (never backwards: no cycles).
Ruleset random_ruleset(std::mt19937& rng, bool with_uncertain, bool with_nat) {
  RulesetBuilder b;
  RuleAction falls[] = {RuleAction::deny, RuleAction::permit};
  PolicyId top = b.policy("TOP", falls[rng() % 2]);
  PolicyId u1 = b.policy("U1"), u2 = b.policy("U2");
  const RuleAction top_actions[] = {RuleAction::permit, RuleAction::deny, RuleAction::reject,
                                    RuleAction::next,   RuleAction::call, RuleAction::go_to};
  const RuleAction user_actions[] = {RuleAction::permit, RuleAction::deny, RuleAction::return_,
                                     RuleAction::next};
  for (PolicyId pid : {top, u1, u2}) {
    int n = 2 + static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
      RuleAction a = pid == top ? top_actions[rng() % 6] : user_actions[rng() % 4];
      PolicyId target = kNoPolicy;
      if (a == RuleAction::call || a == RuleAction::go_to) target = rng() % 2 ? u1 : u2;
      if (pid == u1 && rng() % 4 == 0) a = RuleAction::call, target = u2;
      PacketSet m = random_match(rng);
      if (with_uncertain && rng() % 4 == 0)
        b.uncertain(pid, PacketSet::none(), m, a, "unknown #" + std::to_string(i)).target = target;
      else
        b.rule(pid, m, a, target);
    }
  }
  if (with_nat) {
    PolicyId nat = b.policy("NAT", RuleAction::permit);
    Rule& r = b.rule(nat, PacketSet::dst(net("192.0.2.3/32")) & PacketSet::protocol(6),
                     RuleAction::translate);
    r.translation = Translation{};
    r.translation->rewrite.dst_range(*IpAddress::parse("192.0.2.1"),
                                     *IpAddress::parse("192.0.2.1"));
    b.stage(PathKind::forward, nat, Stage::Kind::translate);
  }
  b.stage(PathKind::forward, top);
  return std::move(b.ruleset());
}

}  // namespace

TEST_CASE("fold agrees with evaluate on every packet of small random rulesets") {
  static const std::vector<Packet> universe = small_universe();
  PacketSet all;
  for (const Packet& p : universe)
    all |= PacketSet::of(p);
  std::mt19937 rng(7);
  for (int round = 0; round < 60; ++round) {
    CAPTURE(round);
    bool uncertain = round % 3 == 1, nat = round % 3 == 2;
    Ruleset rs = random_ruleset(rng, uncertain, nat);
    PathFold fold = fold_path(rs, PathKind::forward, all);
    CHECK(fold.permitted_sure.subset_of(fold.permitted_may));
    int wrong = 0;
    std::string first;
    for (const Packet& p : universe) {
      Evaluation e = evaluate(rs, p);
      bool sure = fold.permitted_sure.contains(p), may = fold.permitted_may.contains(p);
      bool ok = true;
      if (!uncertain) {
        ok = sure == may && sure == (e.verdict == Verdict::permit) && e.certain;
      } else {
        // The fold's bounds are sound: surely permitted means every outcome permits, outside
        // the may-set every outcome denies.
        if (sure) ok = ok && e.certain && e.verdict == Verdict::permit;
        if (!may) ok = ok && e.certain && e.verdict == Verdict::deny;
        if (e.certain && e.verdict == Verdict::permit) ok = ok && may;
      }
      if (!ok && first.empty())
        first = p.to_string() + " evaluate=" + to_string(e.verdict) + (e.certain ? "" : "?");
      wrong += !ok;
    }
    CAPTURE(first);
    CHECK(wrong == 0);
  }
}

TEST_CASE("fold partitions packets by the deciding rule") {
  RulesetBuilder b;
  PolicyId fwd = b.policy("FORWARD", RuleAction::deny);
  PacketSet smtp = PacketSet::protocol(6) & PacketSet::dst_port(25, 25);
  PacketSet ssh = PacketSet::protocol(6) & PacketSet::dst_port(22, 22);
  b.rule(fwd, smtp, RuleAction::permit);
  b.rule(fwd, smtp | ssh, RuleAction::deny);
  b.stage(PathKind::forward, fwd);
  PacketSet entering = PacketSet::in_interface("eth0") & PacketSet::out_interface("eth1");
  PathFold fold = fold_path(b.ruleset(), PathKind::forward, entering);
  CHECK(fold.permitted_sure == (entering & smtp));
  CHECK(fold.permitted_may == fold.permitted_sure);
  REQUIRE(fold.decisions.size() == 3);
  CHECK(fold.decisions[0].by == RuleRef{fwd, 0});
  CHECK(fold.decisions[0].verdict == Verdict::permit);
  CHECK(fold.decisions[1].by == RuleRef{fwd, 1});
  CHECK(fold.decisions[1].sure == (entering & ssh));  // the smtp part was taken by rule 1
  CHECK(fold.decisions[2].by.is_fallthrough());
  CHECK(fold.decisions[2].sure == (entering - smtp - ssh));
  auto deciding = fold.deciding(entering & ssh);
  REQUIRE(deciding.size() == 1);
  CHECK(deciding[0]->by == RuleRef{fwd, 1});
}

TEST_CASE("NAT: decisions and permits are in terms of entering packets") {
  RulesetBuilder b;
  PolicyId pre = b.policy("PRE", RuleAction::permit);
  PolicyId fwd = b.policy("FWD", RuleAction::deny);
  Rule& dnat = b.rule(pre, PacketSet::dst(net("203.0.113.5/32")), RuleAction::translate);
  dnat.translation = Translation{};
  dnat.translation->rewrite.dst_range(*IpAddress::parse("10.0.0.5"), *IpAddress::parse("10.0.0.5"));
  b.rule(fwd,
         PacketSet::dst(net("10.0.0.5/32")) & PacketSet::protocol(6) & PacketSet::dst_port(25, 25),
         RuleAction::permit);
  b.stage(PathKind::forward, pre, Stage::Kind::translate);
  b.stage(PathKind::forward, fwd);
  PacketSet entering = PacketSet::in_interface("eth0") & PacketSet::out_interface("eth1") &
                       PacketSet::state(ConnState::new_) & PacketSet::family(Family::ipv4);
  PathFold fold = fold_path(b.ruleset(), PathKind::forward, entering);
  PacketSet public_smtp = entering & PacketSet::dst(net("203.0.113.5/32")) &
                          PacketSet::protocol(6) & PacketSet::dst_port(25, 25);
  PacketSet direct_smtp = entering & PacketSet::dst(net("10.0.0.5/32")) & PacketSet::protocol(6) &
                          PacketSet::dst_port(25, 25);
  CHECK(fold.permitted_sure == (public_smtp | direct_smtp));
  CHECK(fold.permitted_may == fold.permitted_sure);
}

TEST_CASE("the ACL graph folds every zone pair once") {
  RulesetBuilder b;
  PolicyId fwd = b.policy("FORWARD", RuleAction::deny);
  PolicyId in = b.policy("INPUT", RuleAction::deny);
  b.rule(fwd,
         PacketSet::in_interface("eth0") & PacketSet::protocol(6) & PacketSet::dst_port(25, 25),
         RuleAction::permit);
  b.rule(in, PacketSet::in_interface("eth1") & PacketSet::protocol(6) & PacketSet::dst_port(22, 22),
         RuleAction::permit);
  b.stage(PathKind::forward, fwd);
  b.stage(PathKind::input, in);
  Ruleset& rs = b.ruleset();
  rs.interfaces = {{"eth0", {}, -1, {}}, {"eth1", {}, -1, {}}};
  std::vector<Zone> zones = default_zones(rs);
  REQUIRE(zones.size() == 3);
  CHECK(zones[0].is_firewall);
  zones[2].networks = {net("10.0.0.0/8")};
  AclGraph g = build_acl_graph(rs, zones);
  CHECK(boost::num_vertices(g) == 3);
  CHECK(boost::num_edges(g) == 6);
  bool seen_internet_to_lan = false, seen_lan_to_fw = false;
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const Zone& from = g[boost::source(*it, g)];
    const Zone& to = g[boost::target(*it, g)];
    const ZoneEdge& e = g[*it];
    if (from.name == "eth0" && to.name == "eth1") {
      seen_internet_to_lan = true;
      CHECK(e.path == PathKind::forward);
      CHECK(e.fold.permitted_sure ==
            (e.flows & PacketSet::protocol(6) & PacketSet::dst_port(25, 25)));
      CHECK(e.flows.subset_of(PacketSet::dst(net("10.0.0.0/8"))));
    }
    if (from.name == "eth1" && to.is_firewall) {
      seen_lan_to_fw = true;
      CHECK(e.path == PathKind::input);
      CHECK(e.fold.permitted_sure ==
            (e.flows & PacketSet::protocol(6) & PacketSet::dst_port(22, 22)));
    }
  }
  CHECK(seen_internet_to_lan);
  CHECK(seen_lan_to_fw);
}

TEST_CASE("a zone without interfaces is reached through any interface") {
  Zone internet{"internet", {}, {net("0.0.0.0/0")}, false};
  Packet p = packet("tcp 198.51.100.7:40000 -> 192.0.2.1:25 in whatever0 out eth1");
  CHECK(internet.as_source().contains(p));
  CHECK_FALSE(
      internet.as_source().contains(packet("tcp 198.51.100.7:40000 -> 192.0.2.1:25 out eth1")));
  CHECK(internet.as_destination().contains(
      packet("tcp 192.0.2.1:25 -> 198.51.100.7:40000 in eth1 out x")));
}
