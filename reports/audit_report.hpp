// reports/audit_report.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/packet.hpp"
#include "analyzer/source_location.hpp"
#include "reports/json_common.hpp"

// What `fwaudit audit` found, in plain values the writers turn into text and JSON
// (docs/audit.md, docs/json.md). Filled by the audit command from the checks' results.
namespace fwaudit::reports {

// A rule or default policy a finding points at.
struct AuditRule {
  SourceLocation location;
  std::string policy;       // "filter/FORWARD", "acl outside_access_in"
  std::string label;        // the rule's text, or "policy DROP of filter/FORWARD"
  std::string verdict;      // "permit" / "deny"
  bool is_default = false;  // a policy's fallthrough decided
  bool certain = true;      // false: the rule only may match
};

struct AuditFinding {
  std::string id;           // stable: kind prefix + fingerprint head
  std::string fingerprint;  // 16 hex digits over kind, requirement, ends and service
  std::string kind;         // "requirement", "return-path"
  std::string status;       // requirement: satisfied, partial, missing, uncertain, unverifiable,
                            // not_applicable; return-path: "blocked"
  std::string severity;     // "error", "warning", "note", "none"
  std::string requirement_id;
  std::string requirement_summary;
  SourceLocation requirement_source;  // vendor document file and line
  std::string necessity;              // "required" / "optional"
  std::string direction;              // "inbound" / "outbound"
  std::string service;                // "tcp/25"
  std::string path;                   // "forward", "input", "output"
  std::string from;                   // the end opening the connection
  std::string to;
  std::string message;  // what is wrong (or right), in people's terms
  std::vector<AuditRule> rules;
  std::optional<Packet> witness;
  std::vector<std::string> unknowns;
  std::vector<std::string> profile_entries;  // entries to add to the site profile
  std::string nat;                           // how NAT maps the flow, when it does
  std::string suggestion;                    // a rule in the config's own syntax that fixes it
  // Set when a --baseline entry accepts the finding; expired acceptances no longer count.
  std::string accepted_reason;
  std::string accepted_until;
  bool acceptance_expired = false;

  bool accepted() const { return !accepted_reason.empty() && !acceptance_expired; }
  // "requirement missing", "return-path blocked"; "overbroad" once, not "overbroad overbroad".
  std::string title() const { return kind == status ? kind : kind + " " + status; }
};

// One cell of a zone matrix: the NEW connections zone `from` can open toward zone `to`.
struct ZoneMatrixCell {
  std::string from;
  std::string to;
  std::string path;       // "forward"; "input" toward the firewall zone, "output" from it
  std::string services;   // surely permitted: "tcp 25, 443; icmp", "any", "" for none
  std::string uncertain;  // possibly permitted besides (rules that may match), same form
  // The permits, once per source line; then the rules that may match which leave the uncertain
  // part open.
  std::vector<AuditRule> rules;
};

// The services permitted between every ordered pair of zones of one configuration.
struct ZoneMatrix {
  std::string config;
  std::vector<std::string> zones;     // the firewall first, then the profile's zones, the internet
  std::vector<ZoneMatrixCell> cells;  // row by row (from, then to, in zone order), from != to
};

struct AuditReport {
  std::string tool_version;  // for SARIF's tool.driver.version
  std::vector<std::string> configs;
  std::string profile;
  std::string vendor;
  std::vector<AuditFinding> findings;
  std::vector<ZoneMatrix> zone_matrices;  // one per config, in the order of `configs`
};

// A stable 64-bit FNV-1a fingerprint of `text` as 16 lowercase hex digits.
std::string fingerprint_of(const std::string& text);

// `fwaudit audit --format json` (docs/json.md, schema_version 1).
Json audit_json(const AuditReport& report);
// `fwaudit audit` for people: one table row per requirement instance, then details of every
// finding that needs action, then counts. `colour`: ANSI colours for statuses.
std::string audit_text(const AuditReport& report, bool colour);
// SARIF 2.1.0 for GitHub code scanning: one result per finding at note level or above, stable
// ruleIds per kind and status, regions at the responsible rule, partialFingerprints,
// security-severity per rule (docs/audit.md).
Json audit_sarif(const AuditReport& report);
// JUnit XML: one testcase per requirement instance (failure: missing, partial, replies blocked;
// skipped: not applicable, unverifiable, uncertain), and one per overbroad finding.
std::string audit_junit(const AuditReport& report);
// Markdown for a pull-request comment: counts, a table of the findings that need action (with
// rule locations and suggested rules), every requirement instance in a collapsed section.
std::string audit_markdown(const AuditReport& report);
// One self-contained HTML5 page (inline CSS, no scripts, no external resources, no timestamps):
// header, counts, each config's zone matrix, the findings (those needing action first) and every
// cited rule once, linked from the findings and matrix cells.
std::string audit_html(const AuditReport& report);

}  // namespace fwaudit::reports
