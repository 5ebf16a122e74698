// tests/pf/test_checks.cpp
// Checks pfctl makes while loading rules, reported as located errors.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "pf_test_support.hpp"

namespace fwaudit::pf {

namespace {

std::vector<std::string> errors(const std::string& text, const ParseOptions& o = {}) {
  return test::diagnostics(test::parse_text(text, o));
}

}  // namespace

TEST_CASE("checks on ports and protocols") {
  SUBCASE("ports need tcp or udp") {
    CHECK(errors("pass in from any port <= 1024 to any\n") ==
          std::vector<std::string>{
              "1:23: port-without-protocol: port only applies to tcp/udp (add proto tcp or "
              "proto udp)"});
    CHECK(errors("pass in proto { tcp, udp } to port 53\n").empty());
  }
  SUBCASE("port values") {
    CHECK(errors("pass in proto tcp to port 65536\n") ==
          std::vector<std::string>{
              "1:27: invalid-port: illegal port value 65536 (expected 0-65535)"});
    CHECK(errors("pass in proto tcp to port nosuchservice\n") ==
          std::vector<std::string>{
              "1:27: unknown-port: unknown port name 'nosuchservice' (expected a number or a "
              "service name)"});
  }
  SUBCASE("protocol and family") {
    CHECK(errors("pass in inet proto ipv6-icmp all\n") ==
          std::vector<std::string>{
              "1:20: family-mismatch: proto icmp6 doesn't match address family inet"});
    CHECK(errors("pass in inet6 proto ipv6-icmp all icmp-type 0\n") ==
          std::vector<std::string>{
              "1:45: icmp-type-mismatch: icmp-type mismatch (icmp-type needs proto icmp)"});
    CHECK(errors("pass in proto nosuchproto\n") ==
          std::vector<std::string>{
              "1:15: unknown-protocol: unknown protocol 'nosuchproto' (expected a name or a "
              "number)"});
  }
  SUBCASE("flags") {
    CHECK(errors("pass proto tcp flags S/AFR\n") ==
          std::vector<std::string>{
              "1:22: flags-always-false: flags always false (a flag of the set is not in the "
              "mask)"});
    CHECK(errors("pass in proto udp flags S/SA\n") ==
          std::vector<std::string>{"1:25: flags-not-tcp: flags only apply to tcp"});
  }
}

TEST_CASE("checks on addresses") {
  CHECK(errors("block from 10.0.0.0.1\nblock from 256.0.0.1\n") ==
        std::vector<std::string>{
            "1:12: invalid-address: could not parse host specification '10.0.0.0.1' (expected "
            "an IPv4 or IPv6 address, a network, an interface or a host name)",
            "2:12: invalid-address: could not parse host specification '256.0.0.1' (expected "
            "an IPv4 or IPv6 address, a network, an interface or a host name)"});
  CHECK(errors("pass in from 10.0.0.0/33\n") ==
        std::vector<std::string>{
            "1:14: invalid-netmask: invalid netmask '/33' (expected at most /32)"});
  CHECK(errors("nat on em0 from any to any -> (10.1.2.3)\n") ==
        std::vector<std::string>{
            "1:31: invalid-interface: invalid interface name '10.1.2.3' (a dynamic address needs "
            "an interface name, which starts with a letter)"});
  CHECK(errors("pass in from 10/8 to 2001:db8::/32\n") ==
        std::vector<std::string>{
            "1:1: no-valid-combination: rule expands to no valid combination (the addresses' "
            "families differ)"});
  SUBCASE("pfctl's short forms are addresses") {
    CHECK(test::expand_text("pass in from 10/8\npass in from 10.1/16\n") ==
          "pass in inet from 10.0.0.0/8 to any\npass in inet from 10.1.0.0/16 to any\n");
  }
}

TEST_CASE("checks on tables and options") {
  CHECK(errors("table <t> { <u> }\ntable <v> { (em0) }\ntable <w> { no-route }\n") ==
        std::vector<std::string>{
            "1:13: table-in-table: tables cannot contain tables",
            "2:13: dynamic-in-table: dynamic addresses are not permitted inside tables",
            "3:13: invalid-table-entry: \"no-route\" is not permitted inside tables"});
  CHECK(errors("set hostid 0\n") ==
        std::vector<std::string>{"1:1: invalid-option: hostid must be non-zero"});
  CHECK(errors("set block-policy maybe\n") ==
        std::vector<std::string>{
            "1:1: invalid-option: expected drop or return after 'set block-policy'"});
  CHECK(errors("pass in proto tcp keep state (source-track global, max-src-nodes 10)\n") ==
        std::vector<std::string>{
            "1:19: state-options: 'max-src-nodes' is incompatible with 'source-track global'"});
  CHECK(errors("pass in tag a123456789a123456789a123456789a123456789a123456789a123456789abcd\n") ==
        std::vector<std::string>{"1:13: tag-too-long: tag too long, max 63 chars"});
  CHECK(errors("pass in label 88\n") ==
        std::vector<std::string>{
            "1:1: syntax: label cannot be a number (expected a name or a quoted string)"});
}

TEST_CASE("checks on statement order") {
  // FreeBSD pf.conf(5) STATEMENT ORDER: "the types of statements should be grouped and appear
  // in pf.conf in the order shown above ... By default pfctl(8) enforces this order".
  CHECK(errors("pass in all\nscrub in all\n") ==
        std::vector<std::string>{
            "2:1: rule-order: Rules must be in order: options, normalization, queueing, "
            "translation, filtering (or set require-order no)"});
  CHECK(errors("set require-order no\npass in all\nnat on em0 from any to any -> 192.0.2.1\n")
            .empty());
}

TEST_CASE("checks on scrub, anchors, binat and queues") {
  CHECK(errors("scrub in quick all\n") ==
        std::vector<std::string>{"1:1: scrub-quick: scrub rules do not support 'quick'"});
  CHECK(errors("scrub in all min-ttl 4 min-ttl 5\n") ==
        std::vector<std::string>{"1:24: scrub-respecified: min-ttl cannot be respecified"});
  CHECK(errors("anchor foo keep state\n") ==
        std::vector<std::string>{"1:12: anchor-state: cannot specify state handling on anchors"});
  CHECK(errors("binat on em0 from { 10.0.0.1 10.0.0.2 } to any -> 192.0.2.1\n") ==
        std::vector<std::string>{
            "1:21: binat-source: binat needs one source address (not a list, negation, table or "
            "no-route)"});
  CHECK(errors("binat on em0 from 10.0.0.1 to ::1 -> 192.0.2.1\n") ==
        std::vector<std::string>{"1:1: binat-family: binat ip versions must match"});
  CHECK(errors("altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a cbq(default)\nqueue b\n") ==
        std::vector<std::string>{
            "3:1: queue-parent: queue b has no parent (list it in an altq or queue)"});
  CHECK(errors("altq on em0 bandwidth 10Mb queue { a }\nqueue a\n") ==
        std::vector<std::string>{
            "1:1: queue-scheduler: no scheduler specified for altq (expected cbq, priq or hfsc)"});
  CHECK(
      errors("altq on em0 priq bandwidth 10Mb queue { a }\nqueue a priority 16 priq(default)\n") ==
      std::vector<std::string>{"2:1: queue-priority: priority out of range: max 15"});
}

}  // namespace fwaudit::pf
