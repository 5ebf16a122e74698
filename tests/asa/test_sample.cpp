// tests/asa/test_sample.cpp
// The first version of the shipped sample (samples/asa/edge-asa.cfg, kept in data/ since the
// sample grew): what `fwaudit parse` counts and the verdicts of the mail gateway's flows.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "asa_test_util.hpp"
#include "parsers/asa/read_config.hpp"
#include "parsers/asa/secrets.hpp"

using namespace fwaudit;
namespace test = fwaudit::asa::test;

namespace {

std::string sample_text() {
  std::ifstream in(std::string(FWAUDIT_TEST_DATA) + "/edge-asa-first-sample.cfg", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("ASA sample parses cleanly with the counts fwaudit parse shows") {
  Ruleset rs = asa::parse("edge-asa.cfg", sample_text(), {});
  CHECK(test::errors(rs).empty());
  CHECK(test::diagnostics(rs) ==
        std::vector<std::string>{"81:1 warning may-match: this rule may match: fqdn object "
                                 "'update-servers' (updates.vendor.example) resolves at run time"});
  CHECK(rs.vendor == "asa");
  CHECK(rs.dialect == "asa 9.8(4)");
  CHECK(rs.statistics ==
        std::vector<std::pair<std::string, std::size_t>>{{"access-lists", 3},
                                                         {"ACEs", 11},
                                                         {"ACEs (expanded)", 14},
                                                         {"objects", 6},
                                                         {"object-groups", 7},
                                                         {"nat rules", 3},
                                                         {"interfaces", 4},
                                                         {"skipped lines", 41},
                                                         {"unsupported lines", 0}});
  REQUIRE(rs.interfaces.size() == 4);
  CHECK(rs.interfaces[0].name == "outside");
  CHECK(rs.interfaces[0].security_level == 0);
  CHECK(rs.interfaces[1].security_level == 100);
  CHECK(rs.interfaces[3].name == "management");
}

TEST_CASE("ASA sample decides the mail gateway's flows") {
  Ruleset rs = asa::parse("edge-asa.cfg", sample_text(), {});
  auto v = [&](const char* p) { return test::verdict(rs, p); };
  // Inbound SMTP to the public (mapped) address reaches the gateway's real address.
  Evaluation in =
      test::evaluation(rs, "tcp 198.51.100.7:40000 -> 192.0.2.25:25 in outside out dmz");
  CHECK(in.verdict == Verdict::permit);
  CHECK(in.translated.dst.to_string() == "172.16.10.25");
  CHECK(v("tcp 198.51.100.7:40000 -> 192.0.2.25:587 in outside out dmz") == "permit");
  CHECK(v("tcp 198.51.100.7:40000 -> 192.0.2.25:22 in outside out dmz") == "deny");
  // From the gateway: delivery to Exchange, directory lookups, outbound SMTP.
  CHECK(v("tcp 172.16.10.25:40000 -> 10.10.5.20:25 in dmz out inside") == "permit");
  CHECK(v("tcp 172.16.10.25:40000 -> 10.10.0.60:389 in dmz out inside") == "permit");
  CHECK(v("udp 172.16.10.25:40000 -> 10.10.0.53:53 in dmz out inside") == "permit");
  CHECK(v("tcp 172.16.10.25:40000 -> 203.0.113.80:25 in dmz out outside") == "permit");
  // The inactive www entry never matches; the fqdn update server may.
  CHECK(v("tcp 172.16.10.25:40000 -> 203.0.113.80:80 in dmz out outside") == "deny");
  CHECK(v("tcp 172.16.10.25:40000 -> 203.0.113.80:443 in dmz out outside") == "deny uncertain");
  // The global ACL's implicit deny applies to inside, which has no ACL of its own.
  Evaluation out =
      test::evaluation(rs, "tcp 10.10.1.1:40000 -> 203.0.113.80:443 in inside out outside");
  CHECK(out.verdict == Verdict::deny);
  CHECK(out.decided_by == "implicit deny at end of global ACL global_access");
  // Management: ssh from the management network, not from outside.
  CHECK(v("tcp 10.99.0.5:40000 -> 10.99.0.1:22 in management") == "permit");
  CHECK(v("tcp 198.51.100.7:40000 -> 192.0.2.2:22 in outside") == "deny");
}

TEST_CASE("ASA sample records object definitions and references for lint") {
  const std::string masked = asa::mask_secrets(sample_text());
  asa::Config c = asa::read_config("edge-asa.cfg", masked);
  std::size_t mail_gw = 0, internal = 0;
  for (const auto& r : c.references) {
    if (r.name == "mail-gw") ++mail_gw;
    if (r.name == "internal-services") {
      ++internal;
      CHECK(r.kind == asa::Reference::Kind::group);
      CHECK(r.at.line == 79);
      CHECK(r.at.column == 62);  // the operand "object-group internal-services"
    }
  }
  CHECK(mail_gw == 8);  // the eight ACEs that use it (the NAT block is a definition)
  CHECK(internal == 1);
  REQUIRE(c.network_object("mail-gw"));
  CHECK(c.network_object("mail-gw")->at.line == 40);
  CHECK(masked.find("Sup3rS3cret!") == std::string::npos);
  CHECK(masked.find("T0pS3cretPSK") == std::string::npos);
  CHECK(masked.find("Publ1cR34d") == std::string::npos);
}
