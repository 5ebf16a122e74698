// tests/iptables/test_sample.cpp
#include <fstream>
#include <sstream>

#include "helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables::test;

// The first version of samples/iptables/mail-dmz-firewall.rules, kept in data/ since the sample
// grew (the sample itself: tests/audit/test_samples.cpp).
TEST_CASE("iptables sample: the demo's mail DMZ firewall") {
  const std::string path = FWAUDIT_TEST_DATA "/mail-dmz-first-sample.rules";
  std::ifstream in(path);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  Ruleset rs = iptables::parse(path, text.str(), {});
  CHECK(errors(rs) == 0);
  CHECK(rs.statistics == std::vector<std::pair<std::string, std::size_t>>{
                             {"tables", 3}, {"chains", 13}, {"user chains", 4}, {"rules", 36}});
  // Inbound mail reaches the gateway; other inbound traffic is dropped by LOG_DROP.
  Evaluation smtp =
      evaluate(rs, packet("tcp 198.51.100.7:40000 -> 192.0.2.25:25 in eth0 out eth1"));
  CHECK(smtp.verdict == Verdict::permit);
  REQUIRE(smtp.rule.has_value());
  CHECK(smtp.rule->line == 44);
  Evaluation ssh = evaluate(rs, packet("tcp 198.51.100.7:40000 -> 192.0.2.25:22 in eth0 out eth1"));
  CHECK(ssh.verdict == Verdict::deny);
  CHECK(ssh.rule->line == 43);
  // Spoofed private sources are dropped in the raw table.
  CHECK(evaluate(rs, packet("tcp 10.1.1.1:40000 -> 192.0.2.25:25 in eth0 out eth1")).verdict ==
        Verdict::deny);
}
