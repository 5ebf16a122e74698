// tests/iptables/test_robustness.cpp
#include <fstream>
#include <random>
#include <sstream>

#include "helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables::test;

namespace {

std::string sample() {
  std::ifstream in(FWAUDIT_SOURCE_ROOT "/samples/iptables/mail-dmz-firewall.rules");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Parses without throwing, and every diagnostic says where.
void parses_with_located_diagnostics(const std::string& text) {
  Ruleset rs;
  REQUIRE_NOTHROW(rs = parse_text(text));
  for (const auto& d : rs.diagnostics.items()) {
    CAPTURE(d.to_string());
    CHECK(d.location.line > 0);
    CHECK(d.location.column > 0);
    CHECK_FALSE(d.message.empty());
    CHECK_FALSE(d.code.empty());
  }
}

}  // namespace

TEST_CASE("iptables bad input never crashes") {
  const std::string text = sample();
  REQUIRE_FALSE(text.empty());
  SUBCASE("the file cut anywhere") {
    for (std::size_t cut = 0; cut < text.size(); cut += 97) {
      CAPTURE(cut);
      parses_with_located_diagnostics(text.substr(0, cut));
    }
  }
  SUBCASE("characters replaced by ones the grammar cares about") {
    std::mt19937 random(20250304);
    const std::string specials = " \t\"\\!-:[]#*,/+";
    for (int i = 0; i < 150; ++i) {
      std::string mutated = text;
      for (int k = 0; k < 3; ++k) {
        std::size_t at = random() % mutated.size();
        if (mutated[at] != '\n') mutated[at] = specials[random() % specials.size()];
      }
      CAPTURE(i);
      parses_with_located_diagnostics(mutated);
    }
  }
}

TEST_CASE("iptables bad input: empty quoted names") {
  Ruleset rs =
      parse_text("*filter\n-N \"\"\n-A \"\" -j ACCEPT\n-A INPUT -i \"\" -j ACCEPT\nCOMMIT\n");
  CHECK(diagnostics_text(rs) ==
        "2:4: error: expected a chain name after '-N' [missing-chain]\n"
        "3:4: error: expected a chain name after '-A' [missing-chain]\n"
        "4:13: error: bad interface name ''; expected 1 to 15 characters, with a trailing + for a "
        "prefix [bad-interface]\n");
}
