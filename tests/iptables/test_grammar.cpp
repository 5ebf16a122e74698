// tests/iptables/test_grammar.cpp
#include <doctest/doctest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include "parsers/iptables/grammar.hpp"
#include "parsers/iptables/read_syntax.hpp"

using namespace fwaudit;
using namespace fwaudit::iptables;

TEST_CASE("iptables grammar has no rules that can loop forever") {
  const std::size_t issues = tao::pegtl::analyze<fwaudit::iptables::grammar::line>();
  CHECK(issues == 0);
}
