// parsers/pf/parse_statements.hpp
#pragma once

#include <vector>

#include "analyzer/diagnostic.hpp"
#include "parsers/pf/source_text.hpp"
#include "parsers/pf/syntax_tree.hpp"

namespace fwaudit::pf {

// Parses every statement of the preprocessed text into the syntax tree. A statement with a
// syntax error is reported (file:line:col and what was expected) and left out; the others are
// still parsed.
std::vector<Statement> parse_statements(const Preprocessed& source, Diagnostics& diagnostics);

}  // namespace fwaudit::pf
