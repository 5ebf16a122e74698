// tests/iptables_kernel/test_compare.cpp
#include <doctest/doctest.h>

#include <stdexcept>

#include "harness/compare.hpp"
#include "harness/fwaudit_query.hpp"

using namespace fwk;

namespace {

Probe probe(int id, std::uint8_t proto) {
  Probe p;
  p.id = id;
  p.path = Path::forward;
  p.in_if = "lan0";
  p.out_if = "wan0";
  p.header.src = *Addr::parse("192.0.2.7");
  p.header.dst = *Addr::parse("203.0.113.9");
  p.header.proto = proto;
  p.header.sport = 40000;
  p.header.dport = 25;
  p.why = "random";
  return p;
}

KernelResult kernel(KernelVerdict::Kind kind, std::optional<int> line) {
  KernelResult k;
  k.verdict.kind = kind;
  k.verdict.rule_index = line ? 0 : -1;
  k.verdict.detail = line ? "ACCEPT" : "policy DROP";
  k.rule_line = line;
  return k;
}

FwauditAnswer answer(const char* verdict, std::optional<int> line, bool certain = true,
                     const char* trace = "") {
  return {verdict, certain, line, "", trace};
}

}  // namespace

TEST_CASE("kernel against fwaudit") {
  RulesetFile r;
  r.name = "sample";
  std::vector<Probe> probes = {probe(1, kTcp), probe(2, kTcp), probe(3, kTcp),
                               probe(4, kTcp), probe(5, kTcp), probe(6, kTcp)};
  std::vector<KernelResult> k = {
      kernel(KernelVerdict::Kind::permit, 9), kernel(KernelVerdict::Kind::deny, std::nullopt),
      kernel(KernelVerdict::Kind::permit, 9), kernel(KernelVerdict::Kind::permit, 9),
      kernel(KernelVerdict::Kind::permit, 9), kernel(KernelVerdict::Kind::deny, std::nullopt)};
  k[5].problem = "permitted by the counters but never left the firewall";
  std::vector<FwauditAnswer> f = {answer("permit", 9),          answer("deny", std::nullopt),
                                  answer("deny", std::nullopt), answer("permit", 10, true, "T"),
                                  answer("deny", 4, false),     answer("deny", std::nullopt)};
  auto t = compare(r, probes, k, f);
  CHECK(t.packets == 6);
  CHECK(t.agreements == 2);
  CHECK(t.verdict_disagreements == 1);
  CHECK(t.rule_disagreements == 1);
  CHECK(t.uncertain == 1);
  CHECK(t.kernel_unusable == 1);
  REQUIRE(t.messages.size() == 3);
  CHECK(t.messages[0] ==
        "sample: packet 3 (random): tcp 192.0.2.7:40000 -> 203.0.113.9:25 in lan0 out wan0 state "
        "new: VERDICT DIFFERS: kernel permit (line 9, ACCEPT), fwaudit deny (policy)");
  CHECK(t.messages[1] ==
        "sample: packet 4 (random): tcp 192.0.2.7:40000 -> 203.0.113.9:25 in lan0 out wan0 state "
        "new: DECIDING RULE DIFFERS: kernel permit (line 9, ACCEPT), fwaudit permit (line 10); "
        "fwaudit trace: T");
  CHECK(t.messages[2] ==
        "sample: packet 6 (random): tcp 192.0.2.7:40000 -> 203.0.113.9:25 in lan0 out wan0 state "
        "new: kernel answer unusable: permitted by the counters but never left the firewall");
  CHECK(t.summary() ==
        "1 rulesets, 6 packets, 2 agreements, 2 disagreements (1 verdict, 1 deciding rule), 1 "
        "uncertain (not compared), 1 without a usable kernel answer");
}

TEST_CASE("fwaudit query exchange") {
  SUBCASE("a TCP packet as a --packets element") {
    auto j = query_packet(probe(1, kTcp));
    CHECK(
        j.dump() ==
        R"({"dport":25,"dst":"203.0.113.9","in_if":"lan0","out_if":"wan0","proto":"tcp","sport":40000,"src":"192.0.2.7","state":"new"})");
  }
  SUBCASE("ICMP carries type and code, other protocols their number") {
    auto p = probe(2, kIcmpV6);
    p.header.src = *Addr::parse("2001:db8:1::7");
    p.header.dst = *Addr::parse("2001:db8:3::1");
    p.header.icmp_type = 128;
    p.out_if = "self";
    auto j = query_packet(p);
    CHECK(j["proto"] == "ipv6-icmp");
    CHECK(j["icmp_type"] == 128);
    CHECK(j["icmp_code"] == 0);
    CHECK_FALSE(j.contains("sport"));
    CHECK(j["out_if"] == "self");
    CHECK(query_packet(probe(3, 253))["proto"] == 253);
  }
  SUBCASE("reading answers") {
    auto a = parse_answers(
        R"({"schema_version":1,"results":[{"verdict":"permit","certain":true,"rule":{"file":"x","line":12,"text":"-A INPUT -j ACCEPT"},"trace":[{"policy":"filter/INPUT","rule":0,"location":{"file":"x","line":12},"event":"match: permit"}]},{"verdict":"deny","certain":false,"rule":null,"trace":["a","b"]}]})",
        2);
    REQUIRE(a.size() == 2);
    CHECK(a[0].verdict == "permit");
    CHECK(a[0].rule_line == 12);
    CHECK(a[0].rule_text == "-A INPUT -j ACCEPT");
    CHECK(a[0].trace == "filter/INPUT line 12: match: permit");
    CHECK_FALSE(a[1].certain);
    CHECK_FALSE(a[1].rule_line);
    CHECK(a[1].trace == "a; b");
  }
  SUBCASE("answers that cannot be used") {
    CHECK_THROWS_WITH_AS(parse_answers(R"({"results":[]})", 1),
                         "fwaudit query answered 0 packets, 1 were asked", std::runtime_error);
    CHECK_THROWS_WITH_AS(parse_answers(R"({"results":[{"verdict":"drop"}]})", 1),
                         "fwaudit query result 0: verdict \"drop\" is not permit or deny",
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(parse_answers(R"([1,2])", 1),
                         "fwaudit query JSON has no \"results\" array", std::runtime_error);
    CHECK_THROWS_AS(parse_answers("not json", 1), std::runtime_error);
  }
}
