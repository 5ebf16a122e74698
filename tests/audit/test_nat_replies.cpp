// tests/audit/test_nat_replies.cpp
// Replies of translated connections, on real iptables text: conntrack undoes a DNAT after the
// reply's filter and a SNAT before it, so the filter sees the mirror of what the forward filter
// saw (the real server's address, the real client's address), never the public one.
#include <doctest/doctest.h>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/nat_aliases.hpp"
#include "analyzer/fold.hpp"
#include "audit_test_support.hpp"
#include "parsers/parse_config.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;
using checks::Status;

namespace {

Ruleset iptables(const std::string& forward_rules) {
  std::string text =
      "*nat\n"
      ":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
      ":POSTROUTING ACCEPT [0:0]\n"
      "-A PREROUTING -d 203.0.113.5/32 -i eth0 -p tcp -m tcp --dport 25 -j DNAT "
      "--to-destination 192.0.2.25\n"
      "-A POSTROUTING -s 192.0.2.25/32 -o eth0 -j SNAT --to-source 203.0.113.5\n"
      "COMMIT\n"
      "*filter\n"
      ":INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n" +
      forward_rules + "COMMIT\n";
  ParseOptions options;
  options.vendor = Vendor::iptables;
  Ruleset rs = parse_config_text("nat.rules", text, options);
  REQUIRE_FALSE(rs.diagnostics.has_errors());
  return rs;
}

const std::string kNewSmtpIn =
    "-A FORWARD -d 192.0.2.25/32 -i eth0 -o eth1 -p tcp -m tcp --dport 25 -m conntrack "
    "--ctstate NEW -j ACCEPT\n";
const std::string kNewSmtpOut =
    "-A FORWARD -s 192.0.2.25/32 -i eth1 -o eth0 -p tcp -m tcp --dport 25 -m conntrack "
    "--ctstate NEW -j ACCEPT\n";

checks::Compliance inbound_via_public_address(const Ruleset& rs) {
  auto flows = checks::with_nat_aliases(rs, inbound_flow(tcp(25), "tcp/25"), true);
  REQUIRE(flows.size() == 1);
  REQUIRE(flows[0].nat_note != "");
  return checks::check_compliance(rs, flows[0]);
}

checks::RequiredFlow outbound_smtp() {
  checks::RequiredFlow f = inbound_flow(tcp(25), "tcp/25");
  f.direction = "outbound";
  std::swap(f.from, f.to);
  return f;
}

}  // namespace

TEST_CASE("NAT replies: a DNATed inbound connection") {
  SUBCASE("an ESTABLISHED accept lets the replies of the real server back") {
    Ruleset rs =
        iptables(kNewSmtpIn + "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
    checks::Compliance c = inbound_via_public_address(rs);
    CHECK(c.status == Status::satisfied);
    CHECK(c.replies.checked);
    CHECK(c.replies.ok);
  }
  SUBCASE(
      "replies allowed only from the public address are blocked: the filter sees the real one") {
    Ruleset rs = iptables(kNewSmtpIn +
                          "-A FORWARD -s 203.0.113.5/32 -p tcp -m tcp --sport 25 -m conntrack "
                          "--ctstate ESTABLISHED -j ACCEPT\n");
    checks::Compliance c = inbound_via_public_address(rs);
    CHECK(c.status == Status::satisfied);
    REQUIRE(c.replies.checked);
    CHECK_FALSE(c.replies.ok);
    REQUIRE(c.replies.witness);
    CHECK(c.replies.witness->src == IpAddress::parse("192.0.2.25"));
    CHECK(c.replies.witness->sport == 25);
    REQUIRE(c.replies.responsible.size() == 1);
    CHECK(c.replies.responsible[0].ref.is_fallthrough());
  }
  SUBCASE("replies allowed from the real address pass") {
    Ruleset rs = iptables(kNewSmtpIn +
                          "-A FORWARD -s 192.0.2.25/32 -o eth0 -p tcp -m tcp --sport 25 -m "
                          "conntrack --ctstate ESTABLISHED -j ACCEPT\n");
    checks::Compliance c = inbound_via_public_address(rs);
    CHECK(c.replies.checked);
    CHECK(c.replies.ok);
  }
}

TEST_CASE("NAT replies: a SNATed outbound connection") {
  // The gateway's outgoing SMTP leaves as 203.0.113.5; its replies come back to 192.0.2.25.
  SUBCASE("replies allowed to the real address pass") {
    Ruleset rs = iptables(kNewSmtpOut +
                          "-A FORWARD -d 192.0.2.25/32 -i eth0 -p tcp -m tcp --sport 25 -m "
                          "conntrack --ctstate ESTABLISHED -j ACCEPT\n");
    checks::Compliance c = checks::check_compliance(rs, outbound_smtp());
    CHECK(c.status == Status::satisfied);
    CHECK(c.replies.checked);
    CHECK(c.replies.ok);
  }
  SUBCASE("replies allowed only to the public address are blocked") {
    Ruleset rs = iptables(kNewSmtpOut +
                          "-A FORWARD -d 203.0.113.5/32 -i eth0 -p tcp -m tcp --sport 25 -m "
                          "conntrack --ctstate ESTABLISHED -j ACCEPT\n");
    checks::Compliance c = checks::check_compliance(rs, outbound_smtp());
    CHECK(c.status == Status::satisfied);
    REQUIRE(c.replies.checked);
    CHECK_FALSE(c.replies.ok);
    REQUIRE(c.replies.witness);
    CHECK(c.replies.witness->dst == IpAddress::parse("192.0.2.25"));
  }
}

TEST_CASE("NAT: entering packets toward the appliance are those the translation sends there") {
  // Port 25 of the public address goes to the gateway, port 2222 to another host, the rest stays.
  ParseOptions options;
  options.vendor = Vendor::pf;
  options.interface_addresses = {{"em0", {*IpPrefix::parse("203.0.113.5/24")}},
                                 {"em1", {*IpPrefix::parse("192.0.2.1/24")}}};
  Ruleset rs = parse_config_text(
      "rdr.pf.conf",
      "block all\n"
      "pass in on em0 proto tcp to 203.0.113.5 port 25 rdr-to 192.0.2.25\n"
      "pass in on em0 proto tcp to 203.0.113.5 port 2222 rdr-to 192.0.2.40 port 22\n"
      "pass out on em1\n",
      options);
  REQUIRE_FALSE(rs.diagnostics.has_errors());
  PathFold fold = fold_path(rs, PathKind::forward, PacketSet::all());
  PacketSet toward = fold.entering_toward(PacketSet::dst(net("192.0.2.25")));
  CHECK(toward.contains(packet("tcp 198.51.100.7:40000 -> 203.0.113.5:25 in em0 out em1")));
  CHECK_FALSE(toward.contains(packet("tcp 198.51.100.7:40000 -> 203.0.113.5:2222 in em0 out em1")));
  CHECK_FALSE(toward.contains(packet("tcp 198.51.100.7:40000 -> 203.0.113.5:80 in em0 out em1")));
  // Untranslated packets to the real address are their own.
  CHECK(toward.contains(packet("tcp 198.51.100.7:40000 -> 192.0.2.25:25 in em0 out em1")) ==
        fold.permitted_may.contains(
            packet("tcp 198.51.100.7:40000 -> 192.0.2.25:25 in em0 out em1")));
}
