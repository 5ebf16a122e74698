// tests/iptables/test_restore.cpp
#include "helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables::test;

namespace {

// The destination ports of the rules of a chain, in order ("-p tcp --dport N" rules).
std::vector<int> ports(const Ruleset& rs, std::string_view chain) {
  std::vector<int> out;
  for (const Rule& r : rs.policy(rs.find_policy(chain)).rules) {
    auto p = r.sure.dst_ports();
    out.push_back(p.size() == 1 && p[0].lo == p[0].hi ? p[0].lo : -1);
  }
  return out;
}

}  // namespace

TEST_CASE("iptables-restore commands") {
  SUBCASE("-I inserts at a position, 1 by default") {
    Ruleset rs = parse_text(
        "*filter\n"
        "-A INPUT -p tcp --dport 1 -j ACCEPT\n"
        "-A INPUT -p tcp --dport 2 -j ACCEPT\n"
        "-I INPUT -p tcp --dport 3 -j ACCEPT\n"
        "-I INPUT 3 -p tcp --dport 4 -j ACCEPT\n"
        "-I INPUT 5 -p tcp --dport 5 -j ACCEPT\n"
        "COMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(ports(rs, "filter/INPUT") == std::vector<int>{3, 1, 4, 2, 5});
  }
  SUBCASE("-F flushes one chain or the whole table") {
    Ruleset rs = parse_text(
        "*filter\n:X - [0:0]\n"
        "-A INPUT -p tcp --dport 1 -j ACCEPT\n"
        "-A X -p tcp --dport 2 -j ACCEPT\n"
        "-F X\n"
        "-A OUTPUT -p tcp --dport 3 -j ACCEPT\n"
        "COMMIT\n"
        "*nat\n-A OUTPUT -p tcp --dport 4 -j ACCEPT\n-F\n-A OUTPUT -p tcp --dport 5 -j ACCEPT\n"
        "COMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(ports(rs, "filter/INPUT") == std::vector<int>{1});
    CHECK(ports(rs, "filter/X").empty());
    CHECK(ports(rs, "nat/OUTPUT") == std::vector<int>{5});
  }
  SUBCASE("-N declares, -X deletes, -P sets a policy") {
    Ruleset rs = parse_text(
        "*filter\n-N LOGDROP\n-N UNUSED\n-A LOGDROP -j DROP\n-A INPUT -j LOGDROP\n-X UNUSED\n"
        "-P INPUT DROP\n-P FORWARD DROP\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(rs.find_policy("filter/LOGDROP") != kNoPolicy);
    CHECK(rs.find_policy("filter/UNUSED") == kNoPolicy);
    const Policy& input = rs.policy(rs.find_policy("filter/INPUT"));
    CHECK(input.fallthrough == RuleAction::deny);
    CHECK(input.fallthrough_location.line == 7);
  }
  SUBCASE("-D by number and by rule, -R replaces") {
    Ruleset rs = parse_text(
        "*filter\n"
        "-A INPUT -p tcp --dport 1 -j ACCEPT\n"
        "-A INPUT -p tcp --dport 2 -j ACCEPT\n"
        "-A INPUT -p tcp --dport 3 -j ACCEPT\n"
        "-A INPUT -p tcp --dport 4 -j ACCEPT\n"
        "-D INPUT 1\n"
        "-D INPUT -p tcp --dport 3 -j ACCEPT\n"
        "-R INPUT 2 -p tcp --dport 9 -j DROP\n"
        "COMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(ports(rs, "filter/INPUT") == std::vector<int>{2, 9});
    CHECK(rule_of(rs, "filter/INPUT", 1).action == RuleAction::deny);
  }
  SUBCASE("-E renames a chain and jumps follow it") {
    Ruleset rs = parse_text("*filter\n:OLD - [0:0]\n-A INPUT -j OLD\n-E OLD NEW\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(rule_of(rs, "filter/INPUT", 0).target == rs.find_policy("filter/NEW"));
  }
  SUBCASE("a chain header naming an existing chain flushes it") {
    Ruleset rs =
        parse_text("*filter\n:X - [0:0]\n-A X -p tcp --dport 1 -j ACCEPT\n:X - [0:0]\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(ports(rs, "filter/X").empty());
  }
  SUBCASE("a table given twice: the second block replaces the first") {
    Ruleset rs = parse_text(
        "*filter\n-A INPUT -p tcp --dport 1 -j ACCEPT\nCOMMIT\n"
        "*filter\n-A INPUT -p tcp --dport 2 -j ACCEPT\nCOMMIT\n");
    CHECK(diagnostics_text(rs) ==
          "4:1: warning: table filter appears again (first at line 1): iptables-restore flushes "
          "it, so this block replaces the earlier one [table-replaced]\n");
    CHECK(ports(rs, "filter/INPUT") == std::vector<int>{2});
  }
  SUBCASE("-Z and counters are accepted without effect") {
    Ruleset rs = parse_text("*filter\n-Z\n-Z INPUT 1\n[1:2] -A INPUT -j ACCEPT\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    CHECK(rs.rule_count() == 1);
  }
  SUBCASE("listing commands are unsupported, counted and located") {
    Ruleset rs = parse_text("*filter\n-L INPUT\n--check INPUT -j ACCEPT\nCOMMIT\n");
    CHECK(diagnostics_text(rs) ==
          "2:1: unsupported: command '-L' has no effect in a restore file and is ignored "
          "[unsupported-command]\n"
          "3:1: unsupported: command '--check' has no effect in a restore file and is ignored "
          "[unsupported-command]\n");
    CHECK(rs.diagnostics.count(Severity::unsupported) == 2);
  }
}

TEST_CASE("iptables paths: only the tables in the file take part") {
  SUBCASE("filter only") {
    Ruleset rs = parse_text("*filter\nCOMMIT\n");
    REQUIRE(rs.path(PathKind::input).size() == 1);
    CHECK(rs.policy(rs.path(PathKind::input)[0].policy).name == "filter/INPUT");
    CHECK(rs.policy(rs.path(PathKind::output)[0].policy).name == "filter/OUTPUT");
    CHECK(rs.policy(rs.path(PathKind::forward)[0].policy).name == "filter/FORWARD");
  }
  SUBCASE("all tables, in kernel order") {
    Ruleset rs = parse_text(
        "*security\nCOMMIT\n*filter\nCOMMIT\n*nat\nCOMMIT\n*mangle\nCOMMIT\n*raw\nCOMMIT\n");
    CHECK(diagnostics_text(rs) == "");
    auto names = [&](PathKind k) {
      std::vector<std::string> out;
      for (const Stage& s : rs.path(k))
        out.push_back(rs.policy(s.policy).name +
                      (s.kind == Stage::Kind::translate ? " (translate)" : ""));
      return out;
    };
    CHECK(names(PathKind::input) ==
          std::vector<std::string>{"raw/PREROUTING", "mangle/PREROUTING",
                                   "nat/PREROUTING (translate)", "mangle/INPUT", "filter/INPUT",
                                   "security/INPUT", "nat/INPUT (translate)"});
    CHECK(names(PathKind::forward) ==
          std::vector<std::string>{"raw/PREROUTING", "mangle/PREROUTING",
                                   "nat/PREROUTING (translate)", "mangle/FORWARD", "filter/FORWARD",
                                   "security/FORWARD", "mangle/POSTROUTING",
                                   "nat/POSTROUTING (translate)"});
    CHECK(names(PathKind::output) ==
          std::vector<std::string>{"raw/OUTPUT", "mangle/OUTPUT", "nat/OUTPUT (translate)",
                                   "filter/OUTPUT", "security/OUTPUT", "mangle/POSTROUTING",
                                   "nat/POSTROUTING (translate)"});
    CHECK(rs.statistics[0] == std::pair<std::string, std::size_t>{"tables", 5});
  }
}
