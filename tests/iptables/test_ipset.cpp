// tests/iptables/test_ipset.cpp
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "parsers/iptables/ipset.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables;
using fwaudit::iptables::test::packet;

TEST_CASE("ipset save files") {
  Diagnostics diags;
  IpsetStore store;
  store.read("sets.save",
             "create webports bitmap:port range 0-1024\n"
             "add webports 80\n"
             "add webports 443\n"
             "create admins hash:ip family inet\n"
             "add admins 10.0.0.7\n"
             "create svc hash:net,port family inet\n"
             "add svc 10.1.0.0/16,udp:53\n"
             "create v6 hash:net family inet6\n"
             "add v6 2001:db8::/32\n"
             "create all list:set\n"
             "add all admins\n"
             "add all v6\n",
             diags);
  CHECK(diags.items().empty());
  std::string reason;
  SUBCASE("bitmap:port") {
    auto s = store.members("webports", {false}, reason);
    REQUIRE(s.has_value());
    CHECK(s->contains(packet("tcp 10.0.0.1:40000 -> 10.0.0.2:443 in eth0")));
    CHECK_FALSE(s->contains(packet("tcp 10.0.0.1:40000 -> 10.0.0.2:444 in eth0")));
  }
  SUBCASE("hash:net,port with src,dst") {
    auto s = store.members("svc", {true, false}, reason);
    REQUIRE(s.has_value());
    CHECK(s->contains(packet("udp 10.1.2.3:40000 -> 10.0.0.2:53 in eth0")));
    CHECK_FALSE(s->contains(packet("tcp 10.1.2.3:40000 -> 10.0.0.2:53 in eth0")));
    CHECK_FALSE(s->contains(packet("udp 10.2.2.3:40000 -> 10.0.0.2:53 in eth0")));
  }
  SUBCASE("list:set is the union of its members") {
    auto s = store.members("all", {true}, reason);
    REQUIRE(s.has_value());
    CHECK(s->contains(packet("tcp 10.0.0.7:1 -> 10.0.0.2:2 in eth0")));
    CHECK(s->contains(packet("tcp [2001:db8::5]:1 -> [2001:db8::6]:2 in eth0")));
    CHECK_FALSE(s->contains(packet("tcp 10.0.0.8:1 -> 10.0.0.2:2 in eth0")));
  }
  SUBCASE("fewer flags than dimensions is not modelled") {
    CHECK_FALSE(store.members("svc", {true}, reason).has_value());
    CHECK(reason == "ipset 'svc' has 2 dimensions but the rule gives 1 flags");
  }
  SUBCASE("an unknown set") {
    CHECK_FALSE(store.members("nope", {true}, reason).has_value());
    CHECK(reason == "ipset 'nope' contents unknown");
  }
}

TEST_CASE("ipset save files: bad lines are located") {
  ParseOptions options;
  options.ipset_files = {FWAUDIT_TEST_DATA "/bad-ipsets.save"};
  Ruleset rs = iptables::test::parse_text("*filter\nCOMMIT\n", options);
  std::string text;
  for (const auto& d : rs.diagnostics.items())
    text +=
        std::to_string(d.location.line) + ": " + to_string(d.severity) + ": " + d.message + "\n";
  CHECK(text ==
        "2: error: bad element '10.0.0.300' for a set of type hash:ip\n"
        "3: error: set missing is not created before this line\n"
        "4: unsupported: ipset command 'flush' is ignored (expected create or add)\n");
  CHECK(rs.diagnostics.items().front().location.file == FWAUDIT_TEST_DATA "/bad-ipsets.save");
}
