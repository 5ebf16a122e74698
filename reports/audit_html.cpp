// reports/audit_html.cpp
#include <filesystem>
#include <map>
#include <set>
#include <string_view>

#include "reports/audit_report.hpp"
#include "reports/markup_escape.hpp"

namespace fwaudit::reports {

namespace {

// Inline only: the page must open offline, from a CI artifact or a mail attachment.
constexpr std::string_view kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em auto;max-width:80em;
padding:0 1em;color:#1d2125;line-height:1.4}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccd;padding-bottom:.2em;margin-top:2em}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f4f5f7;padding:.5em;overflow-x:auto;white-space:pre-wrap}
table{border-collapse:collapse;margin:.5em 0 1em}
th,td{border:1px solid #ccd;padding:.3em .5em;vertical-align:top;text-align:left}
caption{text-align:left;font-weight:bold;padding:.2em 0}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}
dl.meta dt{font-weight:bold}dl.meta dd{margin:0}
nav a{margin-right:1em}
table.matrix td{min-width:8em;font-size:.9em}
table.matrix th.from{white-space:nowrap}
td.same{background:#eee;text-align:center;color:#888}
td.closed{color:#888}
td.open{background:#e9f5ea}
td.any{background:#fbe3e1}
td.maybe{background:#fff6dc}
.uncertain{font-style:italic;color:#7a5a00}
.cell-rules{font-size:.85em;margin-top:.3em}
.cell-rules a{display:block}
article.finding{border:1px solid #ccd;border-left:.4em solid #888;margin:1em 0;padding:.5em 1em}
article.sev-error{border-left-color:#c62828}
article.sev-warning{border-left-color:#e0a000}
article.sev-note{border-left-color:#1e6bb8}
article.accepted{opacity:.75}
article h4{margin:.2em 0}
article dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:.5em 0}
article dt{font-weight:bold}article dd{margin:0}
article ul{margin:0;padding-left:1.2em}
.sev{text-transform:uppercase;font-size:.8em;font-weight:bold;padding:.05em .4em;border-radius:.2em;
background:#888;color:#fff}
.sev-error .sev{background:#c62828}.sev-warning .sev{background:#b07d00}.sev-note .sev{background:#1e6bb8}
.status{font-weight:bold}
.expired{color:#c62828;font-weight:bold}
.verdict-permit{color:#2e7d32}.verdict-deny{color:#c62828}
li:target,tr:target{background:#fff3b0}
)";

std::string code(std::string_view s) {
  return "<code>" + escape_markup(s) + "</code>";
}

bool needs_action(const AuditFinding& f) {
  return !f.accepted() && (f.severity == "error" || f.severity == "warning");
}

std::string where(const AuditRule& r) {
  return r.location.known() ? r.location.file + ":" + std::to_string(r.location.line)
                            : std::string("(no location)");
}

// A cell has little room: the file's name without its folder.
std::string short_where(const AuditRule& r) {
  if (!r.location.known()) return "(no location)";
  return std::filesystem::path(r.location.file).filename().string() + ":" +
         std::to_string(r.location.line);
}

std::string rule_text(const AuditRule& r) {
  return r.is_default || r.location.text.empty() ? r.label : r.location.text;
}

// Every rule the report cites, once, under a stable anchor (from its location and text, so the
// same rule keeps its anchor from run to run).
class CitedRules {
 public:
  std::string anchor(const AuditRule& r) {
    std::string key = r.location.file + "\n" + std::to_string(r.location.line) + "\n" + r.policy +
                      "\n" + r.verdict + "\n" + rule_text(r);
    auto it = anchors_.find(key);
    if (it != anchors_.end()) return it->second;
    std::string id = "rule-" + fingerprint_of(key).substr(0, 12);
    while (used_.count(id))
      id += "x";  // a fingerprint collision must not give two rules one anchor
    used_.insert(id);
    anchors_.emplace(key, id);
    rules_.emplace(Order{r.location.file, r.location.line, key}, std::make_pair(id, r));
    return id;
  }
  std::string link(const AuditRule& r, const std::string& text) {
    return "<a href=\"#" + anchor(r) + "\">" + escape_markup(text) + "</a>";
  }

  // The "Rules cited" section, by file and line.
  std::string section() const {
    std::string out = "<section id=\"rules\">\n<h2>Rules cited</h2>\n";
    if (rules_.empty()) return out + "<p>No rule is cited.</p>\n</section>\n";
    out += "<table>\n<tr><th>where</th><th>policy</th><th>verdict</th><th>rule</th></tr>\n";
    for (const auto& [order, entry] : rules_) {
      const auto& [id, r] = entry;
      out += "<tr id=\"" + id + "\"><td>" + code(where(r)) + "</td><td>" + escape_markup(r.policy) +
             "</td><td class=\"verdict-" + escape_markup(r.verdict) + "\">" +
             escape_markup(r.verdict) + (r.is_default ? " (default policy)" : "") + "</td><td>" +
             code(rule_text(r)) + "</td></tr>\n";
    }
    return out + "</table>\n</section>\n";
  }

 private:
  struct Order {
    std::string file;
    std::uint32_t line;
    std::string key;
    auto operator<=>(const Order&) const = default;
  };
  std::map<std::string, std::string> anchors_;
  std::set<std::string> used_;
  std::map<Order, std::pair<std::string, AuditRule>> rules_;
};

std::string header(const AuditReport& report, int errors, int warnings) {
  std::string configs;
  for (const std::string& c : report.configs)
    configs += (configs.empty() ? "" : ", ") + code(c);
  std::string out = "<header>\n<h1>fwaudit audit</h1>\n<p>" + std::to_string(errors) + " error" +
                    (errors == 1 ? "" : "s") + ", " + std::to_string(warnings) + " warning" +
                    (warnings == 1 ? "" : "s") + " needing action.</p>\n<dl class=\"meta\">\n";
  out += "<dt>Configurations</dt><dd>" + configs + "</dd>\n";
  out += "<dt>Site profile</dt><dd>" + code(report.profile) + "</dd>\n";
  out += "<dt>Vendor</dt><dd>" + escape_markup(report.vendor) + "</dd>\n";
  out += "<dt>fwaudit</dt><dd>" + escape_markup(report.tool_version) + "</dd>\n</dl>\n";
  out +=
      "<nav><a href=\"#summary\">Summary</a><a href=\"#zone-matrix\">Zone matrix</a>"
      "<a href=\"#findings\">Findings</a><a href=\"#rules\">Rules cited</a></nav>\n</header>\n";
  return out;
}

// A row of counts under a caption, in the given column order.
std::string counts_table(const std::string& caption, const std::vector<std::string>& columns,
                         std::map<std::string, int>& counts) {
  std::string head, row;
  for (const std::string& c : columns) {
    head += "<th>" + escape_markup(c) + "</th>";
    row += "<td>" + std::to_string(counts[c]) + "</td>";
  }
  return "<table class=\"counts\">\n<caption>" + escape_markup(caption) + "</caption>\n<tr>" +
         head + "</tr>\n<tr>" + row + "</tr>\n</table>\n";
}

std::string summary(const AuditReport& report) {
  std::map<std::string, int> statuses, severities, kinds;
  for (const AuditFinding& f : report.findings) {
    if (f.kind == "requirement") ++statuses[f.status];
    if (f.kind != "requirement") ++kinds[f.kind];
    ++severities[f.severity];
    if (needs_action(f)) ++severities["needing action"];
    if (f.accepted()) ++severities["accepted by baseline"];
  }
  std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n";
  out += counts_table(
      "Requirement instances by status",
      {"satisfied", "partial", "missing", "uncertain", "unverifiable", "not_applicable"}, statuses);
  out += counts_table(
      "Findings by severity",
      {"error", "warning", "note", "none", "needing action", "accepted by baseline"}, severities);
  out += counts_table("Other findings by kind",
                      {"return-path", "pinned-hostname", "overbroad", "overbroad-rule"}, kinds);
  return out + "</section>\n";
}

std::string matrix_cell(const ZoneMatrixCell& c, CitedRules& cited) {
  std::string css = !c.services.empty()    ? (c.services == "any" ? "open any" : "open")
                    : !c.uncertain.empty() ? "maybe"
                                           : "closed";
  std::string title;
  for (const AuditRule& r : c.rules)
    title += (title.empty() ? "" : "&#10;") + escape_markup(where(r) + "  " + rule_text(r));
  std::string out =
      "<td class=\"" + css + "\"" + (title.empty() ? "" : " title=\"" + title + "\"") + ">";
  out += c.services.empty() ? (c.uncertain.empty() ? "none" : "") : escape_markup(c.services);
  if (!c.uncertain.empty())
    out += "<div class=\"uncertain\">possibly: " + escape_markup(c.uncertain) + "</div>";
  if (!c.rules.empty()) {
    std::string links;
    for (const AuditRule& r : c.rules)
      links += cited.link(r, short_where(r) + (r.certain ? "" : " (may match)"));
    // Many permits would crowd the table: fold them away behind their count.
    out += c.rules.size() <= 4
               ? "<div class=\"cell-rules\">" + links + "</div>"
               : "<details class=\"cell-rules\"><summary>" + std::to_string(c.rules.size()) +
                     " rules</summary>" + links + "</details>";
  }
  return out + "</td>";
}

std::string matrix_table(const ZoneMatrix& m, std::size_t index, CitedRules& cited) {
  std::map<std::pair<std::string, std::string>, const ZoneMatrixCell*> cells;
  for (const ZoneMatrixCell& c : m.cells)
    cells[{c.from, c.to}] = &c;
  std::string out = "<table class=\"matrix\" id=\"matrix-" + std::to_string(index + 1) +
                    "\">\n<caption>" + code(m.config) + "</caption>\n<tr><th>from \\ to</th>";
  for (const std::string& z : m.zones)
    out += "<th scope=\"col\">" + escape_markup(z) + "</th>";
  out += "</tr>\n";
  for (const std::string& from : m.zones) {
    out += "<tr><th scope=\"row\" class=\"from\">" + escape_markup(from) + "</th>";
    for (const std::string& to : m.zones) {
      auto it = cells.find({from, to});
      out +=
          it == cells.end() ? "<td class=\"same\">&mdash;</td>" : matrix_cell(*it->second, cited);
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string matrices(const AuditReport& report, CitedRules& cited) {
  std::string out = "<section id=\"zone-matrix\">\n<h2>Zone matrix</h2>\n";
  if (report.zone_matrices.empty()) return out + "<p>No zone matrix.</p>\n</section>\n";
  out +=
      "<p>New connections each zone (row) can open toward each other zone (column) through the "
      "firewall. The firewall row is what the firewall itself opens, its column what reaches the "
      "firewall. <span class=\"uncertain\">possibly:</span> depends on rules that may or may not "
      "match. Each cell names the permitting rules.</p>\n";
  for (std::size_t i = 0; i < report.zone_matrices.size(); ++i)
    out += matrix_table(report.zone_matrices[i], i, cited);
  return out + "</section>\n";
}

std::string item(const std::string& term, const std::string& html) {
  return "<dt>" + term + "</dt><dd>" + html + "</dd>\n";
}

std::string finding(const AuditFinding& f, std::set<std::string>& ids, CitedRules& cited) {
  std::string css = "finding sev-" + escape_markup(f.severity) + (f.accepted() ? " accepted" : "");
  // Fingerprints can repeat (one source line expanded into several rules): one anchor each.
  std::string id = ids.insert(f.id).second ? " id=\"" + escape_markup(f.id) + "\"" : std::string();
  std::string out = "<article class=\"" + css + "\"" + id + ">\n<h4><span class=\"sev\">" +
                    escape_markup(f.severity) + "</span> <span class=\"status\">" +
                    escape_markup(f.status) + "</span> " + escape_markup(f.kind);
  if (!f.requirement_id.empty()) out += " " + code(f.requirement_id);
  out += "</h4>\n<p>" + escape_markup(f.message) + "</p>\n<dl>\n";
  out += item("id", code(f.id));
  if (!f.requirement_id.empty()) {
    std::string req = code(f.requirement_id);
    if (!f.requirement_summary.empty()) req += " " + escape_markup(f.requirement_summary);
    req += " (" +
           code(f.requirement_source.file + ":" + std::to_string(f.requirement_source.line)) +
           (f.necessity.empty() ? "" : ", " + escape_markup(f.necessity)) + ")";
    out += item("requirement", req);
  }
  if (!f.from.empty() || !f.to.empty())
    out += item("flow", escape_markup(f.from) + " &rarr; " + escape_markup(f.to) +
                            (f.path.empty() ? "" : " (" + escape_markup(f.path) + ")"));
  if (!f.service.empty()) out += item("service", escape_markup(f.service));
  if (f.witness) out += item("witness", code(f.witness->to_string()));
  if (!f.nat.empty()) out += item("NAT", escape_markup(f.nat));
  if (!f.rules.empty()) {
    std::string list = "<ul>";
    for (const AuditRule& r : f.rules)
      list += "<li>" + cited.link(r, where(r)) + " " + code(rule_text(r)) +
              (r.certain ? "" : " <span class=\"uncertain\">may match</span>") + "</li>";
    out += item("rules", list + "</ul>");
  }
  if (!f.unknowns.empty()) {
    std::string list = "<ul>";
    for (const std::string& u : f.unknowns)
      list += "<li>" + escape_markup(u) + "</li>";
    out += item("unknowns", list + "</ul>");
  }
  if (!f.profile_entries.empty()) {
    std::string entries;
    for (const std::string& e : f.profile_entries)
      entries += (entries.empty() ? "" : "\n") + escape_markup(e);
    out += item("add to profile", "<pre>" + entries + "</pre>");
  }
  if (!f.suggestion.empty())
    out += item("suggested rule", "<pre>" + escape_markup(f.suggestion) + "</pre>");
  if (!f.accepted_reason.empty())
    out += item("baseline", (f.acceptance_expired ? "<span class=\"expired\">EXPIRED</span> "
                                                  : std::string("accepted ")) +
                                "until " + escape_markup(f.accepted_until) + ": " +
                                escape_markup(f.accepted_reason));
  return out + "</dl>\n</article>\n";
}

std::string findings(const AuditReport& report, CitedRules& cited) {
  std::set<std::string> ids;
  std::string action, accepted, other;
  int n_action = 0, n_accepted = 0, n_other = 0;
  // Errors before warnings; otherwise in the report's order.
  for (const char* severity : {"error", "warning"})
    for (const AuditFinding& f : report.findings)
      if (needs_action(f) && f.severity == severity) {
        action += finding(f, ids, cited);
        ++n_action;
      }
  for (const AuditFinding& f : report.findings) {
    if (needs_action(f)) {
      continue;
    } else if (f.accepted()) {
      accepted += finding(f, ids, cited);
      ++n_accepted;
    } else {
      other += finding(f, ids, cited);
      ++n_other;
    }
  }
  std::string out = "<section id=\"findings\">\n<h2>Findings</h2>\n";
  out += "<h3>Needing action (" + std::to_string(n_action) + ")</h3>\n";
  out += n_action > 0 ? action : "<p>Nothing needs action.</p>\n";
  if (n_accepted > 0)
    out += "<h3>Accepted by the baseline (" + std::to_string(n_accepted) + ")</h3>\n" + accepted;
  if (n_other > 0)
    out += "<details>\n<summary>Other findings (" + std::to_string(n_other) +
           "): notes, satisfied and not applicable requirements</summary>\n" + other +
           "</details>\n";
  return out + "</section>\n";
}

}  // namespace

std::string audit_html(const AuditReport& report) {
  int errors = 0, warnings = 0;
  for (const AuditFinding& f : report.findings) {
    if (!needs_action(f)) continue;
    ++(f.severity == "error" ? errors : warnings);
  }
  CitedRules cited;
  std::string body = header(report, errors, warnings) + summary(report) + matrices(report, cited) +
                     findings(report, cited);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>fwaudit audit: " + std::to_string(errors) + " errors, " +
         std::to_string(warnings) + " warnings</title>\n";
  out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  return out + body + cited.section() + "</body>\n</html>\n";
}

}  // namespace fwaudit::reports
