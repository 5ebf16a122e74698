// reports/parse_report.hpp
#pragma once

#include <string>

#include "analyzer/model/ruleset.hpp"
#include "reports/json_common.hpp"

namespace fwaudit::reports {

// `fwaudit parse --format json`: the normalized model with diagnostics and counts.
Json parse_json(const Ruleset& rs);
// `fwaudit parse`: a summary a person reads (counts, paths, diagnostics).
std::string parse_text(const Ruleset& rs);

}  // namespace fwaudit::reports
