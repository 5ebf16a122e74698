// tests/iptables_kernel/harness/fwaudit_query.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/probe.hpp"
#include "harness/ruleset_file.hpp"

namespace fwk {

// fwaudit's answer for one probe (`fwaudit query --packets FILE --format json`).
struct FwauditAnswer {
  std::string verdict;  // permit / deny
  bool certain = true;
  std::optional<int> rule_line;  // nullopt: a default policy decided
  std::string rule_text;
  std::string trace;  // compact: "filter/OUTPUT line 26: match: return; ..."
};

// The probe as an element of the --packets array.
nlohmann::json query_packet(const Probe& probe);

// Reads the JSON answer; throws std::runtime_error saying what is wrong with it (not JSON, no
// results array, a count other than `expected`, a verdict other than permit/deny...).
std::vector<FwauditAnswer> parse_answers(const std::string& text, std::size_t expected);

// Runs `fwaudit query RULESET --packets TMP.json --format json` once for all probes.
// Throws std::runtime_error with fwaudit's own message when it fails.
std::vector<FwauditAnswer> ask_fwaudit(const std::string& binary, const RulesetFile& ruleset,
                                       const std::vector<Probe>& probes);

}  // namespace fwk
