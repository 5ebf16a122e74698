// tests/asa/test_bad_input.cpp
// Bad input gives located diagnostics, never a crash; only binary data throws InputError.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "asa_test_util.hpp"

using namespace fwaudit;
namespace test = fwaudit::asa::test;

namespace {

std::string sample() {
  std::ifstream in(std::string(FWAUDIT_TEST_DATA) + "/edge-asa-first-sample.cfg", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("ASA binary input is rejected as unusable") {
  const char raw[] = "ASA Version 9.8\n\0\x01\x02\x7f garbage";
  std::string binary(raw, sizeof raw - 1);
  try {
    test::parse_text(binary);
    FAIL("expected InputError");
  } catch (const InputError& e) {
    CHECK(e.diagnostic().code == "binary-input");
    CHECK(e.diagnostic().to_string() ==
          "test.cfg:1:1: error: the file holds binary data (NUL or control bytes), not an ASA "
          "running-config");
  }
}

TEST_CASE("ASA truncated and malformed lines are located errors") {
  SUBCASE("each truncated command names what is missing") {
    Ruleset rs = test::parse_text(
        "object network\n"
        "object-group service\n"
        "access-list acl\n"
        "access-list acl extended permit\n"
        "access-group acl in\n"
        "access-group acl in interface\n"
        "nat (inside,outside) source static\n"
        "name 10.0.0.1\n"
        "static (inside,outside)\n");
    CHECK(
        test::errors(rs) ==
        std::vector<std::string>{
            "1:15 syntax: expected an object name and the end of the line",
            "2:21 syntax: expected an object-group name, optionally followed by tcp, udp or "
            "tcp-udp",
            "3:16 syntax: expected extended, standard, remark, permit or deny after the "
            "access-list name",
            "4:32 syntax: expected a protocol (ip, tcp, udp, icmp, a protocol name or number "
            "0-255, "
            "object NAME, object-group NAME)",
            "5:20 syntax: expected interface after in or out",
            "6:30 syntax: expected an interface name (nameif)",
            "7:35 syntax: expected the real source (any or an object or object-group name)",
            "8:14 syntax: expected the name to give the address",
            "9:24 syntax: expected [tcp|udp] mapped address [port] real address [port], or mapped "
            "address access-list NAME"});
  }
  SUBCASE("out-of-range values") {
    Ruleset rs = test::parse_text(
        "access-list a extended permit tcp any any eq 65536\n"
        "access-list a extended permit 256 any any\n"
        "access-list a extended permit ip host 10.0.0.256 any\n"
        "object network r\n range 10.0.0.9 10.0.0.1\n"
        "access-list a extended permit tcp any any range 90 80\n");
    CHECK(test::errors(rs) ==
          std::vector<std::string>{
              "1:46 syntax: expected a port number (0-65535) or an ASA port name",
              "2:31 syntax: expected a protocol (ip, tcp, udp, icmp, a protocol name or number "
              "0-255, object NAME, object-group NAME)",
              "3:34 syntax: expected a source address (any, any4, any6, host IP, IP MASK with a "
              "contiguous mask, IPv6/len, object NAME, object-group NAME, interface NAME)",
              "5:2 bad-range: range end 10.0.0.1 is below its start 10.0.0.9 or of another family",
              "6:43 bad-port-range: port range 90-80 ends below its start; ASA rejects it"});
  }
  SUBCASE("an ICMP type on a non-ICMP protocol is not accepted") {
    Ruleset rs = test::parse_text("access-list a extended permit tcp any any echo\n");
    CHECK(test::errors(rs) ==
          std::vector<std::string>{
              "1:43 syntax: unexpected text; expected a port (eq, neq, lt, gt, range), an ICMP "
              "type for icmp, log, inactive, time-range or the end of the line"});
  }
}

TEST_CASE("ASA parsing never crashes on cut or damaged configurations") {
  const std::string text = sample();
  REQUIRE(text.size() > 1000);
  SUBCASE("the sample cut at every line and in the middle of every line") {
    std::size_t cuts = 0;
    for (std::size_t pos = 0; pos < text.size(); pos = text.find('\n', pos + 1)) {
      for (std::size_t cut : {pos, pos + 7}) {
        if (cut > text.size()) continue;
        CAPTURE(cut);
        CHECK_NOTHROW(test::parse_text(text.substr(0, cut)));
        ++cuts;
      }
      if (pos == std::string::npos) break;
    }
    CHECK(cuts > 200);
  }
  SUBCASE("printable bytes replaced at random") {
    std::mt19937 random(20261123);
    const std::string alphabet = " !()/:-.0123456789abcdefghijklmnopqrstuvwxyzABCDEF\t";
    for (int round = 0; round < 60; ++round) {
      std::string damaged = text;
      for (int k = 0; k < 40; ++k)
        damaged[random() % damaged.size()] = alphabet[random() % alphabet.size()];
      CAPTURE(round);
      CHECK_NOTHROW(test::parse_text(damaged));
    }
  }
  SUBCASE("empty input, blank lines, CRLF line ends") {
    CHECK(test::parse_text("").diagnostics.items().empty());
    Ruleset crlf =
        test::parse_text("ASA Version 9.1(7)\r\n\r\naccess-list a extended permit ip any any\r\n");
    CHECK(test::errors(crlf).empty());
    CHECK(test::statistic(crlf, "ACEs") == 1);
    CHECK(crlf.dialect == "asa 9.1(7)");
  }
}
