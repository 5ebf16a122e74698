// tests/iptables/test_bad_input.cpp
#include "helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables::test;

TEST_CASE("iptables bad input: structure") {
  SUBCASE("a truncated file: the table is not committed") {
    Ruleset rs = parse_text("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACC");
    CHECK(diagnostics_text(rs) ==
          "3:31: warning: target ACC is neither a chain of table filter nor a target fwaudit "
          "models; it is taken as non-terminating, and packets it matches get an uncertain "
          "verdict [unknown-target]\n"
          "3:34: error: table filter opened at line 1 is not committed: expected COMMIT before "
          "the end of the file (iptables-restore would apply nothing) [missing-commit]\n");
  }
  SUBCASE("a truncated line inside a quote") {
    Ruleset rs = parse_text("*filter\n-A INPUT -m comment --comment \"cut");
    CHECK(diagnostics_text(rs) ==
          "2:35: error: expected '\"' to close the quoted string [syntax]\n"
          "2:35: error: table filter opened at line 1 is not committed: expected COMMIT before "
          "the end of the file (iptables-restore would apply nothing) [missing-commit]\n");
  }
  SUBCASE("a missing COMMIT before the next table") {
    Ruleset rs = parse_text("*filter\n-A INPUT -j ACCEPT\n*nat\nCOMMIT\n");
    CHECK(diagnostics_text(rs) ==
          "3:1: error: table filter opened at line 1 is not committed: expected COMMIT before the "
          "next table [missing-commit]\n");
  }
  SUBCASE("a rule outside any table") {
    Ruleset rs = parse_text("-A INPUT -j ACCEPT\n");
    CHECK(diagnostics_text(rs) ==
          "1:1: error: expected a table header such as *filter before this line [outside-table]\n");
  }
  SUBCASE("COMMIT without a table") {
    CHECK(diagnostics_text(parse_text("COMMIT\n")) ==
          "1:1: error: COMMIT without a table: expected a table header such as *filter before it "
          "[commit-without-table]\n");
  }
  SUBCASE("an unknown table") {
    Ruleset rs = parse_text("*filtre\n-A INPUT -j ACCEPT\nCOMMIT\n");
    CHECK(diagnostics_text(rs) ==
          "1:2: error: unknown table 'filtre'; expected filter, nat, mangle, raw or security "
          "[unknown-table]\n");
    CHECK(rs.policies.empty());
  }
  SUBCASE("a rule in an undeclared chain is reported once, and its rules are kept") {
    Ruleset rs =
        parse_text("*filter\n-A INPUT -j LOGDROP\n-A LOGDROP -j LOG\n-A LOGDROP -j DROP\nCOMMIT\n");
    CHECK(diagnostics_text(rs) ==
          "3:4: error: chain LOGDROP does not exist in table filter; expected ':LOGDROP - [0:0]' "
          "or '-N LOGDROP' before it is used [undeclared-chain]\n");
    CHECK(rs.policy(rs.find_policy("filter/LOGDROP")).rules.size() == 2);
  }
  SUBCASE("bad policies") {
    CHECK(diagnostics_text(parse_text("*filter\n:INPUT REJECT [0:0]\nCOMMIT\n")) ==
          "2:8: error: bad policy 'REJECT' for built-in chain INPUT; expected ACCEPT or DROP "
          "[bad-policy]\n");
    CHECK(diagnostics_text(parse_text("*filter\n:MINE DROP [0:0]\nCOMMIT\n")) ==
          "2:7: error: user chain MINE cannot have a policy ('DROP'); expected '-' (built-in "
          "chains of table filter are INPUT, FORWARD, OUTPUT) [bad-policy]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-P INPUT REJECT\nCOMMIT\n")) ==
          "2:4: error: bad policy 'REJECT'; expected ACCEPT or DROP [bad-policy]\n");
  }
  SUBCASE("chain commands that the kernel refuses") {
    CHECK(diagnostics_text(parse_text("*filter\n-N INPUT\nCOMMIT\n")) ==
          "2:4: error: chain INPUT already exists in table filter [chain-exists]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-X INPUT\nCOMMIT\n")) ==
          "2:4: error: cannot delete built-in chain INPUT [builtin-chain]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-N A\n-A INPUT -j A\n-X A\nCOMMIT\n")) ==
          "4:4: error: cannot delete chain A: a rule still jumps to it [chain-in-use]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-N A\n-A A -j DROP\n-X A\nCOMMIT\n")) ==
          "4:4: error: cannot delete chain A: it still has rules (flush it first) "
          "[chain-not-empty]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-I INPUT 3 -j DROP\nCOMMIT\n")) ==
          "2:1: error: cannot insert at position 3: chain INPUT has 0 rules [bad-rule-number]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-D INPUT 1\nCOMMIT\n")) ==
          "2:1: error: chain INPUT has no rule 1 [no-such-rule]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-A INPUT -j INPUT\nCOMMIT\n")) ==
          "2:13: error: cannot jump to built-in chain INPUT; expected a user chain "
          "[jump-to-builtin]\n");
    CHECK(diagnostics_text(parse_text("*filter\n-A INPUT -g NOWHERE\nCOMMIT\n")) ==
          "2:13: error: chain NOWHERE does not exist in table filter; expected ':NOWHERE - [0:0]' "
          "or '-N NOWHERE' before it is used [undeclared-chain]\n");
  }
}

TEST_CASE("iptables bad input: values") {
  // The header fixes the family (otherwise an IPv6 address would make the dump IPv6).
  auto rule = [](const std::string& spec) {
    return diagnostics_text(
        parse_text("# Generated by iptables-save\n*filter\n-A INPUT " + spec + "\nCOMMIT\n"));
  };
  CHECK(rule("-s 10.0.0.300 -j DROP") ==
        "3:13: error: expected an IPv4 address, optionally with /length or /netmask, got "
        "'10.0.0.300' [bad-address]\n");
  CHECK(rule("-s 10.0.0.0/33 -j DROP") ==
        "3:13: error: bad prefix length '33'; expected 0 to 32 [bad-address]\n");
  CHECK(rule("-s 2001:db8::1 -j DROP") ==
        "3:13: error: IPv6 address '2001:db8::1' in an IPv4 ruleset; expected an IPv4 address, "
        "optionally with /length or /netmask [bad-address]\n");
  CHECK(rule("! -s 10.0.0.1,10.0.0.2 -j DROP") ==
        "3:12: error: '!' cannot negate a list of addresses (iptables expands lists into one "
        "rule each) [negated-list]\n");
  CHECK(rule("-p tpc -j DROP") ==
        "3:13: error: unknown protocol 'tpc'; expected a name such as tcp, udp, icmp, a number "
        "from 0 to 255, or all [bad-protocol]\n");
  CHECK(rule("-p tcp --dport 70000 -j DROP") ==
        "3:25: error: port 70000 is out of range; expected 0 to 65535 [bad-port]\n");
  CHECK(rule("-p tcp --dport sshh -j DROP") ==
        "3:25: error: expected a port number or service name, got 'sshh' [bad-port]\n");
  CHECK(rule("-p icmp --icmp-type echo -j DROP") ==
        "3:30: error: unknown ICMP type 'echo'; expected a number, type/code, a name such as "
        "echo-request, or any [bad-icmp-type]\n");
  CHECK(rule("-m state --state NEWISH -j DROP") ==
        "3:27: error: unknown state 'NEWISH'; expected INVALID, NEW, ESTABLISHED, RELATED, "
        "UNTRACKED (comma-separated) [bad-state]\n");
  CHECK(rule("-p tcp --tcp-flags SYN,FOO SYN -j DROP") ==
        "3:29: error: unknown TCP flag 'FOO'; expected SYN, ACK, FIN, RST, URG, PSH, ALL or NONE "
        "(comma-separated) [bad-tcp-flags]\n");
  CHECK(rule("-o eth0 -j DROP") ==
        "3:10: error: -o cannot be used in chain INPUT (no output interface is known there) "
        "[interface-in-chain]\n");
  CHECK(rule("-i averyveryverylongname -j DROP") ==
        "3:13: error: bad interface name 'averyveryverylongname'; expected 1 to 15 characters, "
        "with a trailing + for a prefix [bad-interface]\n");
  CHECK(rule("-m tcp --dport 22 -j DROP") ==
        "3:13: error: -m tcp needs -p tcp (the match only works for that protocol) "
        "[module-needs-protocol]\n");
  CHECK(rule("-p icmp -m icmp6 --icmpv6-type 128 -j DROP") ==
        "3:21: error: -m icmp6 is for IPv6 rulesets; expected -m icmp here [wrong-family]\n");
  CHECK(rule("-j REJECT --reject-with tcp-reset") ==
        "3:34: error: --reject-with tcp-reset needs -p tcp [reset-needs-tcp]\n");
  CHECK(rule("-j REJECT --reject-with icmp-bogus") ==
        "3:34: error: unknown --reject-with 'icmp-bogus'; expected icmp-port-unreachable, "
        "icmp-host-prohibited, tcp-reset or another icmp-* type [bad-reject-with]\n");
  CHECK(rule("-j ACCEPT --log-prefix x") ==
        "3:20: error: unknown option '--log-prefix'; no option of that name in target ACCEPT "
        "[unknown-option]\n");
  // A rule with an error is not kept: iptables-restore would refuse the whole file.
  CHECK(parse_text("*filter\n-A INPUT -s 10.0.0.300 -j DROP\nCOMMIT\n").rule_count() == 0);
}

TEST_CASE("iptables bad input: an unreadable ipset file is unusable input") {
  ParseOptions options;
  options.ipset_files = {FWAUDIT_TEST_DATA "/no-such-file.save"};
  CHECK_THROWS_AS(parse_text("*filter\nCOMMIT\n", options), InputError);
}
