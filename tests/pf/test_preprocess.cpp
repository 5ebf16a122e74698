// tests/pf/test_preprocess.cpp
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pf_test_support.hpp"

namespace fwaudit::pf {

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

Ruleset parse_file(const std::string& path, const ParseOptions& options = {}) {
  return pf::parse(path, read(path), options);
}

const std::string kData = FWAUDIT_TEST_DATA;

}  // namespace

TEST_CASE("comments and line continuation") {
  SUBCASE("a backslash joins lines and the rule keeps its first line") {
    std::string listing = test::expand_text("block \\\n  in \\\n  on em0 \\\n  all\n");
    CHECK(listing == "block in on em0 all\n");
  }
  SUBCASE("a comment ending in a backslash swallows the next line (pfctl's lexer)") {
    CHECK(test::expand_text("# comment \\\npass in all\nblock out all\n") == "block out all\n");
  }
  SUBCASE("comments end rules; a # inside quotes is text") {
    CHECK(test::expand_text("pass in all label \"a#b\" # trailing\n") ==
          "pass in all label \"a#b\"\n");
  }
  SUBCASE("the location text of a continued rule is the joined logical line") {
    Ruleset rs = test::parse_text("pass in \\\n  proto tcp\n");
    REQUIRE(rs.policy(rs.find_policy("pf in")).rules.size() == 1);
    const SourceLocation& loc = rs.policy(rs.find_policy("pf in")).rules[0].location;
    CHECK(loc.line == 1);
    CHECK(loc.text == "pass in proto tcp");
  }
}

TEST_CASE("macros") {
  SUBCASE("definition, nesting and expansion in context") {
    CHECK(test::expand_text("a = \"ssh\"\nb = \"{\" $a ftp \"}\"\npass proto tcp to port $b\n") ==
          "pass proto tcp from any to any port = ssh\n"
          "pass proto tcp from any to any port = ftp\n");
  }
  SUBCASE("unquoted values and macros of several words (pf24, pf96)") {
    CHECK(test::expand_text("myports = 5555 6666\nmore = $myports 7777\n"
                            "pass proto tcp to port { $more }\n") ==
          "pass proto tcp from any to any port = 5555\n"
          "pass proto tcp from any to any port = 6666\n"
          "pass proto tcp from any to any port = 7777\n");
  }
  SUBCASE("pf.conf(5): macros are not expanded inside quotes") {
    CHECK(test::expand_text("x = \"1\"\npass label \"$x\"\n") == "pass all label \"$x\"\n");
  }
  SUBCASE("a later definition replaces an earlier one") {
    CHECK(test::expand_text("if = \"em0\"\nif = \"em1\"\nblock in on $if\n") ==
          "block in on em1 all\n");
  }
  SUBCASE("an undefined macro is an error at the $, and only its statement is dropped") {
    Ruleset rs = test::parse_text("pass in\nblock in on $ext_if\npass out\n");
    CHECK(test::diagnostics(rs) ==
          std::vector<std::string>{
              "2:13: undefined-macro: macro 'ext_if' is not defined (expected a macro defined "
              "on an earlier line)"});
    CHECK(test::statistic(rs, "rules") == 2);
    CHECK(test::statistic(rs, "macros") == 0);
  }
  SUBCASE("a macro used before its definition is undefined") {
    Ruleset rs = test::parse_text("pass on $i\ni = \"em0\"\n");
    REQUIRE(test::diagnostics(rs).size() == 1);
    CHECK(test::diagnostics(rs)[0].substr(0, 20) == "1:9: undefined-macro");
  }
  SUBCASE("macro statistics") {
    Ruleset rs = test::parse_text("a = \"1.2.3.4\"\nb = \"5.6.7.8\"\npass from $a to $b\n");
    CHECK(test::statistic(rs, "macros") == 2);
  }
}

TEST_CASE("include") {
  SUBCASE("relative to the including file, macros shared") {
    Ruleset rs = parse_file(kData + "/include/main.conf");
    CHECK(test::diagnostics(rs).empty());
    CHECK(test::statistic(rs, "rules") == 3);
    REQUIRE(rs.files.size() == 2);
    CHECK(rs.files[1] == kData + "/include/sub/rules.conf");
    // The included rule keeps its own file and line.
    const Policy& in = rs.policy(rs.find_policy("pf in"));
    bool found = false;
    for (const Rule& r : in.rules) {
      if (r.location.file == kData + "/include/sub/rules.conf" && r.location.line == 3)
        found = true;
    }
    CHECK(found);
  }
  SUBCASE("include loops are errors") {
    Ruleset rs = parse_file(kData + "/include/loop/a.conf");
    CHECK(test::diagnostics(rs) ==
          std::vector<std::string>{
              "2:1: include-loop: include of 'a.conf' forms a loop (the file is already being "
              "read)"});
  }
  SUBCASE("no escape above the configuration's folder unless allowed") {
    Ruleset rs = parse_file(kData + "/include/sub/escape.conf");
    CHECK(test::diagnostics(rs) ==
          std::vector<std::string>{
              "1:1: include-outside: include of '../main.conf' leaves the configuration's folder "
              "(allow it with --allow-include-outside)"});
    ParseOptions allow;
    allow.allow_include_outside = true;
    Ruleset ok = parse_file(kData + "/include/outside.conf", allow);
    CHECK(test::diagnostics(ok).empty());
    CHECK(test::statistic(ok, "rules") == 1);
  }
  SUBCASE("a missing include is an error") {
    Ruleset rs = parse_file(kData + "/include/missing.conf");
    CHECK(test::diagnostics(rs) ==
          std::vector<std::string>{
              "2:1: include-unreadable: cannot read included file 'does-not-exist.conf'"});
  }
  SUBCASE("include depth is bounded") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "fwaudit-pf-include-depth";
    fs::create_directories(dir);
    for (int i = 0; i < 20; ++i) {
      std::ofstream(dir / ("f" + std::to_string(i) + ".conf"))
          << "pass\ninclude \"f" << i + 1 << ".conf\"\n";
    }
    std::ofstream(dir / "f20.conf") << "pass\n";
    Ruleset rs = parse_file((dir / "f0.conf").string());
    auto errors = test::diagnostics(rs);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "2:1: include-depth: includes nested deeper than 16 levels (expected a bounded "
          "include chain)");
    fs::remove_all(dir);
  }
}

}  // namespace fwaudit::pf
