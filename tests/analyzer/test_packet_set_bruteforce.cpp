// tests/analyzer/test_packet_set_bruteforce.cpp
// Every packet-set operation agrees with explicit enumeration on small random universes.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <random>

#include "analyzer/packet_set.hpp"

using namespace fwaudit;

namespace {

// The small universe: every combination of these field values.
struct Universe {
  std::vector<IpAddress> srcs, dsts;
  std::vector<std::uint8_t> protos{6, 17};
  std::vector<std::uint16_t> dports{0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<ConnState> states{ConnState::new_, ConnState::established, ConnState::related,
                                ConnState::invalid, ConnState::untracked};
  std::vector<std::string> ins{"eth0", "eth1", "wlan0"};
  std::vector<Packet> packets;
  PacketSet as_set;

  Universe() {
    for (int i = 0; i < 4; ++i)
      srcs.push_back(IpAddress::v4(0x0A000000u + static_cast<unsigned>(i)));
    for (int i = 0; i < 4; ++i)
      dsts.push_back(IpAddress::v4(0x0A000100u + static_cast<unsigned>(i)));
    PacketSet srcs_set, dsts_set, protos_set, dports_set, ins_set;
    for (auto& a : srcs)
      srcs_set |= PacketSet::src(IpPrefix::host(a));
    for (auto& a : dsts)
      dsts_set |= PacketSet::dst(IpPrefix::host(a));
    for (auto p : protos)
      protos_set |= PacketSet::protocol(p);
    for (auto& n : ins)
      ins_set |= PacketSet::in_interface(n);
    as_set = srcs_set & dsts_set & protos_set & PacketSet::dst_port(0, 7) & ins_set &
             PacketSet::src_port(1000, 1000) & PacketSet::out_interface("eth2") &
             PacketSet::family(Family::ipv4);
    for (auto& s : srcs)
      for (auto& d : dsts)
        for (auto pr : protos)
          for (auto dp : dports)
            for (auto st : states)
              for (auto& in : ins) {
                Packet p;
                p.src = s, p.dst = d, p.proto = pr, p.sport = 1000, p.dport = dp, p.state = st;
                p.in_if = in, p.out_if = "eth2";
                packets.push_back(p);
              }
  }
};

// A random set expression with its explicit predicate.
struct Expr {
  PacketSet set;
  std::function<bool(const Packet&)> holds;
};

Expr random_primitive(std::mt19937& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  switch (pick(9)) {
    case 0: {
      int len = 30 + pick(3);
      auto base = IpAddress::v4(0x0A000000u + static_cast<unsigned>(pick(4)));
      IpPrefix p{base, len};
      return {PacketSet::src(p), [p](const Packet& x) { return p.contains(x.src); }};
    }
    case 1: {
      int len = 30 + pick(3);
      auto base = IpAddress::v4(0x0A000100u + static_cast<unsigned>(pick(4)));
      IpPrefix p{base, len};
      return {PacketSet::dst(p), [p](const Packet& x) { return p.contains(x.dst); }};
    }
    case 2: {
      // Non-contiguous mask: only the lowest bit of the source address is tested.
      bool odd = pick(2);
      auto value = IpAddress::v4(odd ? 1 : 0), mask = IpAddress::v4(1);
      return {PacketSet::src_masked(value, mask),
              [odd](const Packet& x) { return (x.src.v4_value() & 1) == (odd ? 1u : 0u); }};
    }
    case 3: {
      std::uint32_t lo = 0x0A000100u + static_cast<unsigned>(pick(4)),
                    hi = lo + static_cast<unsigned>(pick(3));
      return {
          PacketSet::dst_range(IpAddress::v4(lo), IpAddress::v4(hi)),
          [lo, hi](const Packet& x) { return x.dst.v4_value() >= lo && x.dst.v4_value() <= hi; }};
    }
    case 4: {
      std::uint8_t p = pick(2) ? 6 : 17;
      return {PacketSet::protocol(p), [p](const Packet& x) { return x.proto == p; }};
    }
    case 5: {
      std::uint16_t lo = static_cast<std::uint16_t>(pick(8)),
                    hi = static_cast<std::uint16_t>(lo + pick(4));
      return {PacketSet::dst_port(lo, hi),
              [lo, hi](const Packet& x) { return x.dport >= lo && x.dport <= hi; }};
    }
    case 6: {
      auto s = static_cast<ConnState>(pick(kConnStateCount));
      return {PacketSet::state(s), [s](const Packet& x) { return x.state == s; }};
    }
    case 7: {
      std::string n = pick(2) ? "eth0" : "wlan0";
      return {PacketSet::in_interface(n), [n](const Packet& x) { return x.in_if == n; }};
    }
    default: {
      return {PacketSet::in_interface_prefix("eth"),
              [](const Packet& x) { return x.in_if.rfind("eth", 0) == 0; }};
    }
  }
}

Expr random_expr(std::mt19937& rng, int depth) {
  if (depth == 0 || rng() % 4 == 0) return random_primitive(rng);
  Expr a = random_expr(rng, depth - 1);
  switch (rng() % 4) {
    case 0: {
      Expr b = random_expr(rng, depth - 1);
      return {a.set | b.set, [a, b](const Packet& x) { return a.holds(x) || b.holds(x); }};
    }
    case 1: {
      Expr b = random_expr(rng, depth - 1);
      return {a.set & b.set, [a, b](const Packet& x) { return a.holds(x) && b.holds(x); }};
    }
    case 2: {
      Expr b = random_expr(rng, depth - 1);
      return {a.set - b.set, [a, b](const Packet& x) { return a.holds(x) && !b.holds(x); }};
    }
    default:
      return {~a.set, [a](const Packet& x) { return !a.holds(x); }};
  }
}

}  // namespace

TEST_CASE("packet sets agree with explicit enumeration") {
  static Universe u;
  REQUIRE(u.packets.size() == 4 * 4 * 2 * 8 * 5 * 3);
  for (const Packet& p : u.packets)
    REQUIRE(u.as_set.contains(p));
  CHECK(u.as_set.count() == doctest::Approx(static_cast<double>(u.packets.size())));

  std::mt19937 rng(20261123);
  for (int round = 0; round < 150; ++round) {
    CAPTURE(round);
    Expr a = random_expr(rng, 3), b = random_expr(rng, 3);
    PacketSet a_small = a.set & u.as_set, b_small = b.set & u.as_set;
    const PacketSet both = a.set & b.set, either = a.set | b.set, a_not_b = a.set - b.set,
                    not_a = ~a.set;
    std::size_t in_a = 0, in_b = 0;
    bool a_sub_b = true, b_sub_a = true, meet = false;
    // Count disagreements per operation and report the first one, instead of one assertion per
    // packet: the same strength, far less noise.
    int wrong[5] = {0, 0, 0, 0, 0};
    std::string first_wrong;
    for (const Packet& p : u.packets) {
      bool ha = a.holds(p), hb = b.holds(p);
      bool ok[5] = {a.set.contains(p) == ha, either.contains(p) == (ha || hb),
                    both.contains(p) == (ha && hb), a_not_b.contains(p) == (ha && !hb),
                    not_a.contains(p) == !ha};
      for (int k = 0; k < 5; ++k) {
        if (!ok[k] && first_wrong.empty())
          first_wrong = "operation " + std::to_string(k) + " on " + p.to_string();
        wrong[k] += !ok[k];
      }
      in_a += ha, in_b += hb;
      if (ha && !hb) a_sub_b = false;
      if (hb && !ha) b_sub_a = false;
      if (ha && hb) meet = true;
    }
    CAPTURE(first_wrong);
    CHECK(wrong[0] == 0);  // membership
    CHECK(wrong[1] == 0);  // union
    CHECK(wrong[2] == 0);  // intersection
    CHECK(wrong[3] == 0);  // difference
    CHECK(wrong[4] == 0);  // complement
    CHECK(a_small.empty() == (in_a == 0));
    CHECK(a_small.count() == doctest::Approx(static_cast<double>(in_a)));
    CHECK(b_small.count() == doctest::Approx(static_cast<double>(in_b)));
    CHECK(a_small.subset_of(b_small) == a_sub_b);
    CHECK(b_small.subset_of(a_small) == b_sub_a);
    CHECK((a_small == b_small) == (a_sub_b && b_sub_a));
    CHECK(a_small.intersects(b_small) == meet);
    auto w = a_small.witness();
    CHECK(w.has_value() == (in_a > 0));
    if (w) {
      CHECK(a.holds(*w));
      CHECK(u.as_set.contains(*w));
    }
  }
}
