// tests/pf/test_runtime_tables.cpp
// pf.conf(5) TABLES and STATEFUL TRACKING OPTIONS: "overload <table>" puts the source of an
// offending connection into the table while pf runs, and a `persist` table declared without
// entries is there to be filled at run time (`pfctl -t NAME -T add`). Offline their contents
// are unknown: rules using them "may" match, unless --table gives the contents.
#include <doctest/doctest.h>

#include "pf_test_support.hpp"

namespace fwaudit::pf {

using test::parse_text;
using test::verdict;

namespace {

const char* const kOverload =
    "table <abusers> persist\n"
    "block in quick proto tcp from <abusers>\n"
    "pass in proto tcp to port smtp keep state (max-src-conn-rate 30/10, overload <abusers> "
    "flush global)\n";

}  // namespace

TEST_CASE("a table filled by overload is unknown offline") {
  Ruleset rs = parse_text(kOverload);
  REQUIRE_FALSE(rs.diagnostics.has_errors());
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:25 in em0") == "permit (uncertain)");
  CHECK(test::diagnostics(rs, Severity::warning) ==
        std::vector<std::string>{"2:1: may-match: rule may or may not match: table <abusers> is "
                                 "filled at run time by overload (test.conf:3)"});
  SUBCASE("overload fills a table even when it has entries") {
    Ruleset filled = parse_text(
        "table <abusers> persist { 203.0.113.9 }\n"
        "block in quick proto tcp from <abusers>\n"
        "pass in proto tcp to port smtp keep state (overload <abusers>)\n");
    CHECK(verdict(filled, "tcp 203.0.113.9:40000 -> 192.0.2.10:25 in em0") == "deny");
    CHECK(verdict(filled, "tcp 198.51.100.7:40000 -> 192.0.2.10:25 in em0") ==
          "permit (uncertain)");
  }
  SUBCASE("--table gives the contents") {
    ParseOptions o;
    o.table_files["abusers"] = std::string(FWAUDIT_TEST_DATA) + "/tables/bad.txt";
    Ruleset known = parse_text(kOverload, o);
    CHECK(test::diagnostics(known, Severity::warning).empty());
    CHECK(verdict(known, "tcp 203.0.113.9:40000 -> 192.0.2.10:25 in em0") == "deny");
    CHECK(verdict(known, "tcp 198.51.100.1:40000 -> 192.0.2.10:25 in em0") == "deny");
    CHECK(verdict(known, "tcp 203.0.113.77:40000 -> 192.0.2.10:25 in em0") == "permit");
  }
}

TEST_CASE("an empty persist table is unknown offline, a const one is exact") {
  Ruleset rs = parse_text("table <soc> persist\nblock in all\npass in from <soc>\n");
  CHECK(verdict(rs, "tcp 198.51.100.7:40000 -> 192.0.2.10:22 in em0") == "deny (uncertain)");
  CHECK(test::diagnostics(rs, Severity::warning) ==
        std::vector<std::string>{"3:1: may-match: rule may or may not match: table <soc> is "
                                 "persist and declared empty: filled at run time (give its "
                                 "contents with --table soc=FILE)"});
  Ruleset exact = parse_text(
      "table <lu> const { 198.51.100.80, 198.51.100.81 }\nblock in all\npass in from <lu>\n");
  CHECK(test::diagnostics(exact, Severity::warning).empty());
  CHECK(verdict(exact, "tcp 198.51.100.80:40000 -> 192.0.2.10:80 in em0") == "permit");
  CHECK(verdict(exact, "tcp 198.51.100.82:40000 -> 192.0.2.10:80 in em0") == "deny");
  SUBCASE("a persist table with entries is its entries") {
    Ruleset listed =
        parse_text("table <lu> persist { 198.51.100.80 }\nblock in all\npass in from <lu>\n");
    CHECK(verdict(listed, "tcp 198.51.100.80:40000 -> 192.0.2.10:80 in em0") == "permit");
    CHECK(verdict(listed, "tcp 198.51.100.82:40000 -> 192.0.2.10:80 in em0") == "deny");
  }
  SUBCASE("a const empty table stays empty") {
    Ruleset none = parse_text("table <none> const persist\nblock in all\npass in from <none>\n");
    CHECK(verdict(none, "tcp 198.51.100.80:40000 -> 192.0.2.10:80 in em0") == "deny");
  }
}

}  // namespace fwaudit::pf
