// tests/asa/test_grammar.cpp
#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "parsers/asa/grammar.hpp"

TEST_CASE("ASA grammar has no rules that can loop without progress") {
  CHECK(tao::pegtl::analyze<fwaudit::asa::grammar::any_line>() == 0);
}
