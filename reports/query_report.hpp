// reports/query_report.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/evaluate.hpp"
#include "reports/json_common.hpp"

namespace fwaudit::reports {

// One result of `fwaudit query --format json`:
// {"packet", "verdict", "certain", "rule": {"file","line","text"} | null, "decided_by",
//  "default_policy"?, "translated"?, "unknowns", "trace": [...]}
Json evaluation_json(const Packet& p, const Evaluation& e);
// {"schema_version", "results": [...]}
Json query_json(const std::vector<Packet>& packets, const std::vector<Evaluation>& results);
// A packet-tracer-like listing for people.
std::string evaluation_text(const Packet& p, const Evaluation& e);

}  // namespace fwaudit::reports
