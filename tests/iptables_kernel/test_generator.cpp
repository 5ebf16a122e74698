// tests/iptables_kernel/test_generator.cpp
#include <doctest/doctest.h>

#include <dirent.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "harness/generator.hpp"
#include "harness/topology.hpp"

using namespace fwk;

namespace {

RulesetFile sample(const std::string& header) {
  return parse_ruleset("sample.rules",
                       header +
                           "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                           "-A FORWARD -d 192.0.2.64/26 -p tcp -m tcp --dport 1024:2048 -j ACCEPT\n"
                           "-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT\n"
                           "-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n");
}

bool has(const std::vector<Probe>& probes, const std::string& why) {
  return std::any_of(probes.begin(), probes.end(), [&](const Probe& p) { return p.why == why; });
}

std::vector<std::string> ruleset_files() {
  std::vector<std::string> out;
  if (DIR* dir = opendir(FWK_RULESETS_DIR)) {
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (name.size() > 6 && name.substr(name.size() - 6) == ".rules") {
        out.push_back(std::string(FWK_RULESETS_DIR) + "/" + name);
      }
    }
    closedir(dir);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("probe generation") {
  auto r = sample("# fwk: packets=40 established=6 related=4\n");
  auto probes = generate_probes(r, 7);

  SUBCASE("same ruleset and seed, same packets; another seed, others") {
    auto again = generate_probes(r, 7);
    REQUIRE(again.size() == probes.size());
    for (std::size_t i = 0; i < probes.size(); ++i) {
      CHECK(again[i].describe() == probes[i].describe());
    }
    auto other = generate_probes(r, 8);
    bool differs = other.size() != probes.size();
    for (std::size_t i = 0; !differs && i < probes.size(); ++i) {
      differs = other[i].describe() != probes[i].describe();
    }
    CHECK(differs);
  }
  SUBCASE("boundaries of prefixes and port ranges") {
    for (const char* a : {"192.0.2.63", "192.0.2.64", "192.0.2.127", "192.0.2.128"}) {
      CAPTURE(a);
      CHECK(has(probes, std::string("boundary dst ") + a));
    }
    for (int p : {1023, 1024, 2048, 2049}) {
      CAPTURE(p);
      CHECK(has(probes, "boundary dport " + std::to_string(p)));
      CHECK(has(probes, "boundary sport " + std::to_string(p)));
    }
    CHECK(has(probes, "boundary icmp 7/0"));
    CHECK(has(probes, "boundary icmp 9/0"));
  }
  SUBCASE("counts and ids") {
    int random = 0, targeted = 0, established = 0, related = 0;
    for (std::size_t i = 0; i < probes.size(); ++i) {
      CHECK(probes[i].id == static_cast<int>(i) + 1);
      random += probes[i].why == "random";
      targeted += probes[i].why.rfind("rule at line ", 0) == 0;
      established += probes[i].state == "established";
      related += probes[i].state == "related";
    }
    CHECK(random + targeted == 40);
    CHECK(targeted >= 15);
    CHECK(established == 6);
    CHECK(related == 4);
  }
  SUBCASE("interfaces follow the path and the firewall's routes") {
    for (const auto& p : probes) {
      CAPTURE(p.describe());
      const auto& h = p.header;
      switch (p.path) {
        case Path::input:
          CHECK(p.out_if == "self");
          CHECK(Addressing::is_local(h.dst));
          CHECK_FALSE(Addressing::is_local(h.src));
          break;
        case Path::output:
          CHECK(p.in_if == "self");
          CHECK(p.out_if == Addressing::route(h.dst));
          break;
        case Path::forward:
          CHECK(p.out_if == Addressing::route(h.dst));
          CHECK(p.in_if != p.out_if);
          CHECK(p.in_if != "self");
          break;
      }
      if (p.setup) {
        // The setup packet enters where the probe leaves.
        CHECK(p.setup_in_if == p.out_if);
      }
    }
  }
  SUBCASE("no packet meets the connection of another one") {
    std::set<std::string> seen;
    for (const auto& p : probes) {
      if (p.state != "new" || (p.header.proto != kTcp && p.header.proto != kUdp)) continue;
      const auto& h = p.header;
      std::string forward = h.src.to_string() + ":" + std::to_string(h.sport) + ">" +
                            h.dst.to_string() + ":" + std::to_string(h.dport) + "/" +
                            std::to_string(h.proto);
      std::string reverse = h.dst.to_string() + ":" + std::to_string(h.dport) + ">" +
                            h.src.to_string() + ":" + std::to_string(h.sport) + "/" +
                            std::to_string(h.proto);
      CHECK(seen.count(forward) == 0);
      CHECK(seen.count(reverse) == 0);
      seen.insert(forward);
    }
  }
  SUBCASE("conntrack states match the packets") {
    for (const auto& p : probes) {
      CAPTURE(p.describe());
      const auto& h = p.header;
      if (p.state == "established") {
        REQUIRE(p.setup);
        CHECK(p.setup->src == h.dst);
        CHECK(p.setup->dst == h.src);
        if (h.proto == kTcp) {
          CHECK(h.tcp_flags == TcpFlags::syn_ack);
          CHECK(h.ack == p.setup->seq + 1);
        }
        if (h.proto == kIcmp) CHECK(h.icmp_type == 0);
      } else if (p.state == "related") {
        REQUIRE(p.setup);
        CHECK(h.proto == kIcmp);
        CHECK(is_icmp_error(h.proto, h.icmp_type));
        CHECK(h.dst == p.setup->src);
        CHECK(h.payload == build_packet(*p.setup));
      } else if (h.proto == kIcmp) {
        CHECK(p.state ==
              (h.icmp_type == 8 || h.icmp_type == 13 || h.icmp_type == 15 || h.icmp_type == 17
                   ? "new"
                   : "invalid"));
      } else {
        CHECK(p.state == "new");
        if (h.proto == kTcp) CHECK(h.tcp_flags == TcpFlags::syn);
      }
      if (p.state != "related") {
        CHECK(h.payload == p.token());
      }
    }
  }
  SUBCASE("packets aimed at a rule match it, or miss it by one port") {
    int aimed = 0;
    for (const auto& p : probes) {
      if (p.why.rfind("rule at line 6", 0) != 0) continue;  // -d 192.0.2.64/26 --dport 1024:2048
      ++aimed;
      CAPTURE(p.describe());
      CHECK(p.header.proto == kTcp);
      CHECK(Masked::parse("192.0.2.64/26")->contains(p.header.dst));
      if (p.why == "rule at line 6") {
        CHECK(p.header.dport >= 1024);
        CHECK(p.header.dport <= 2048);
      } else {
        CHECK(p.why == "rule at line 6, dport just outside");
        CHECK((p.header.dport == 1023 || p.header.dport == 2049));
      }
    }
    CHECK(aimed > 0);
  }
  SUBCASE("paths the ruleset leaves out are not generated") {
    auto only_input = generate_probes(sample("# fwk: paths=input packets=30\n"), 3);
    CHECK(only_input.size() >= 30);
    for (const auto& p : only_input)
      CHECK(p.path == Path::input);
  }
}

TEST_CASE("the shipped rulesets") {
  auto files = ruleset_files();
  int packets = 0, v6 = 0;
  std::map<std::string, int> paths, backend_rulesets, backend_packets;
  for (const auto& f : files) {
    CAPTURE(f);
    RulesetFile r;
    REQUIRE_NOTHROW(r = load_ruleset(f));
    CHECK_FALSE(r.about.empty());
    auto probes = generate_probes(r, 20261123);
    CHECK(probes.size() >= static_cast<std::size_t>(r.packets + r.established + r.related));
    packets += static_cast<int>(probes.size());
    CHECK_FALSE(r.backends.empty());
    for (const auto& b : r.backends) {
      ++backend_rulesets[b];
      backend_packets[b] += static_cast<int>(probes.size());
    }
    v6 += r.v6;
    for (const auto& p : probes)
      ++paths[to_string(p.path)];
  }
  // The issue asks for at least 20 rulesets and 2,000 packets, IPv6 among them, and all paths.
  CHECK(files.size() >= 20);
  CHECK(packets >= 2000);
  for (const char* b : {"nft", "legacy"}) {
    CAPTURE(b);
    CHECK(backend_rulesets[b] >= 20);
    CHECK(backend_packets[b] >= 2000);
  }
  CHECK(v6 >= 3);
  CHECK(paths["input"] >= 200);
  CHECK(paths["forward"] >= 200);
  CHECK(paths["output"] >= 200);
}
