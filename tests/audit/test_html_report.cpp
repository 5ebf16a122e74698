// tests/audit/test_html_report.cpp
// `fwaudit audit --format html`: one self-contained page whose links all resolve, with every
// string escaped, the zone matrix and the findings of a sample audit, written by --output.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"
#include "reports/audit_report.hpp"

using fwaudit::testing::run_fwaudit;
using fwaudit::testing::slurp_file;
using namespace fwaudit::reports;

namespace {

const std::string kRoot = FWAUDIT_SOURCE_ROOT;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

std::vector<std::string> matches(const std::string& html, const std::string& pattern) {
  std::vector<std::string> out;
  std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1].str());
  return out;
}

// Every link is to an anchor of the page, every anchor is there once.
void check_links(const std::string& html) {
  std::map<std::string, int> ids;
  for (const std::string& id : matches(html, R"re(\sid="([^"]*)")re"))
    ++ids[id];
  for (const auto& [id, n] : ids) {
    CAPTURE(id);
    CHECK(n == 1);
  }
  std::vector<std::string> hrefs = matches(html, R"re(\shref="([^"]*)")re");
  CHECK_FALSE(hrefs.empty());
  for (const std::string& href : hrefs) {
    CAPTURE(href);
    REQUIRE(href.rfind('#', 0) == 0);
    CHECK(ids.count(href.substr(1)) == 1);
  }
}

// Nothing is loaded from anywhere: no scripts, images, stylesheets, imports or fonts.
void check_self_contained(const std::string& html) {
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  for (const std::string& href : matches(html, R"re(\shref="([^"]*)")re")) {
    CHECK(href.find("http://") == std::string::npos);
    CHECK(href.find("https://") == std::string::npos);
  }
}

AuditRule hostile_rule() {
  AuditRule r;
  r.location = {"fw&co.rules", 12, 1,
                "-A FORWARD -m comment --comment \"<script>alert('x')</script> & co\" -j ACCEPT"};
  r.policy = "filter/FORWARD";
  r.label = r.location.text;
  r.verdict = "permit";
  return r;
}

AuditReport hand_report() {
  AuditReport report;
  report.tool_version = "9.9.9";
  report.configs = {"fw&co.rules"};
  report.profile = "site<1>.json";
  report.vendor = "iptables";
  AuditFinding ok;
  ok.id = "REQ-0000000001";
  ok.kind = "requirement";
  ok.status = "satisfied";
  ok.severity = "none";
  ok.requirement_id = "vendor/ok";
  ok.message = "tcp/25 permitted";
  ok.rules = {hostile_rule()};
  report.findings.push_back(ok);
  AuditFinding bad;
  bad.id = "REQ-0000000002";
  bad.kind = "requirement";
  bad.status = "missing";
  bad.severity = "error";
  bad.requirement_id = "vendor/<bad>";
  bad.requirement_source = {"doc's.txt", 7, 0, {}};
  bad.from = "zone \"inside\"";
  bad.to = "192.0.2.25";
  bad.service = "tcp/443";
  bad.message = "tcp/443 blocked by <policy> & friends";
  bad.suggestion = "-A FORWARD -p tcp --dport 443 -m comment --comment '<b>' -j ACCEPT";
  bad.nat = "203.0.113.5 is translated to 192.0.2.25 by fw&co.rules:3:1";
  AuditRule drop;
  drop.location = {"fw&co.rules", 2, 0, ":FORWARD DROP"};
  drop.policy = "filter/FORWARD";
  drop.label = "policy DROP of filter/FORWARD";
  drop.verdict = "deny";
  drop.is_default = true;
  bad.rules = {drop};
  bad.accepted_reason = "until the <new> portal is up";
  bad.accepted_until = "2000-01-01";
  bad.acceptance_expired = true;
  report.findings.push_back(bad);
  ZoneMatrix m;
  m.config = "fw&co.rules";
  m.zones = {"firewall", "in\"side", "dmz"};
  for (const std::string& from : m.zones)
    for (const std::string& to : m.zones)
      if (from != to) m.cells.push_back({from, to, "forward", "", "", {}});
  m.cells[2].services = "tcp 25 & <more>";
  m.cells[2].uncertain = "udp 53";
  m.cells[2].rules = {hostile_rule()};
  report.zone_matrices.push_back(m);
  return report;
}

}  // namespace

TEST_CASE("HTML report: escaping, links and structure") {
  AuditReport report = hand_report();
  std::string html = audit_html(report);
  CAPTURE(html);

  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n", 0) == 0);
  CHECK(html.size() >= 8);
  CHECK(html.substr(html.size() - 8) == "</html>\n");
  CHECK(html == audit_html(report));  // deterministic
  check_links(html);
  check_self_contained(html);

  SUBCASE("every string escaped") {
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co") !=
          std::string::npos);
    CHECK(html.find("fw&amp;co.rules:12") != std::string::npos);
    CHECK(html.find("fw&co") == std::string::npos);
    CHECK(html.find("site&lt;1&gt;.json") != std::string::npos);
    CHECK(html.find("vendor/&lt;bad&gt;") != std::string::npos);
    CHECK(html.find("doc&#39;s.txt:7") != std::string::npos);
    CHECK(html.find("zone &quot;inside&quot; &rarr; 192.0.2.25") != std::string::npos);
    CHECK(html.find("<pre>-A FORWARD -p tcp --dport 443 -m comment --comment &#39;&lt;b&gt;&#39; "
                    "-j ACCEPT</pre>") != std::string::npos);
    CHECK(html.find("<th scope=\"col\">in&quot;side</th>") != std::string::npos);
    CHECK(html.find("tcp 25 &amp; &lt;more&gt;") != std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("<more>") == std::string::npos);
  }
  SUBCASE("a rule cited by a finding and a matrix cell is listed once, linked from both") {
    std::vector<std::string> rows = matches(html, R"re(<tr id="(rule-[0-9a-f]+)")re");
    CHECK(rows.size() == 2);  // the comment rule and the default policy
    std::string comment_rule;
    for (const std::string& id : rows)
      if (html.find("<tr id=\"" + id + "\"><td><code>fw&amp;co.rules:12</code>") !=
          std::string::npos)
        comment_rule = id;
    REQUIRE(comment_rule != "");
    CHECK(occurrences(html, "href=\"#" + comment_rule + "\"") == 2);
    CHECK(html.find("<td>filter/FORWARD</td><td class=\"verdict-deny\">deny (default "
                    "policy)</td><td><code>policy DROP of filter/FORWARD</code></td>") !=
          std::string::npos);
  }
  SUBCASE("the finding needing action comes first, with its expired acceptance") {
    std::size_t bad = html.find("id=\"REQ-0000000002\"");
    std::size_t ok = html.find("id=\"REQ-0000000001\"");
    REQUIRE(bad != std::string::npos);
    REQUIRE(ok != std::string::npos);
    CHECK(bad < ok);
    CHECK(html.find("<h3>Needing action (1)</h3>") != std::string::npos);
    CHECK(
        html.find("<span class=\"expired\">EXPIRED</span> until 2000-01-01: until the &lt;new&gt; "
                  "portal is up") != std::string::npos);
    CHECK(html.find("203.0.113.5 is translated to 192.0.2.25 by fw&amp;co.rules:3:1") !=
          std::string::npos);
  }
  SUBCASE("the matrix: rows from, columns to, the uncertain part marked") {
    CHECK(html.find("<tr><th>from \\ to</th><th scope=\"col\">firewall</th><th "
                    "scope=\"col\">in&quot;side</th><th scope=\"col\">dmz</th></tr>") !=
          std::string::npos);
    CHECK(occurrences(html, "<td class=\"same\">") == 3);
    CHECK(occurrences(html, "<td class=\"closed\">none</td>") == 5);
    CHECK(html.find("<div class=\"uncertain\">possibly: udp 53</div>") != std::string::npos);
    // The cell's rules in its title, one per line.
    CHECK(html.find("title=\"fw&amp;co.rules:12  -A FORWARD") != std::string::npos);
  }
  SUBCASE("header and counts") {
    CHECK(html.find("<dt>fwaudit</dt><dd>9.9.9</dd>") != std::string::npos);
    CHECK(html.find("<dt>Vendor</dt><dd>iptables</dd>") != std::string::npos);
    CHECK(html.find("<caption>Requirement instances by status</caption>\n<tr><th>satisfied</th>"
                    "<th>partial</th><th>missing</th><th>uncertain</th><th>unverifiable</th>"
                    "<th>not_applicable</th></tr>\n<tr><td>1</td><td>0</td><td>1</td><td>0</td>"
                    "<td>0</td><td>0</td></tr>") != std::string::npos);
  }
}

TEST_CASE("fwaudit audit --format html on the iptables sample") {
  const std::string args = "audit '" + kRoot +
                           "/samples/iptables/mail-dmz-firewall.rules' --profile '" + kRoot +
                           "/samples/profiles/clearswift-dmz.json'";
  auto r = run_fwaudit(args + " --format html");
  CHECK(r.err == "");
  const std::string& html = r.out;
  nlohmann::json all = nlohmann::json::parse(run_fwaudit(args + " --format json").out);
  CHECK(r.exit_code == 1);

  check_links(html);
  check_self_contained(html);
  CHECK(html == run_fwaudit(args + " --format html").out);  // no timestamps

  SUBCASE("the zone matrix of the config") {
    CHECK(occurrences(html, "<table class=\"matrix\"") == 1);
    const auto& m = all.at("zone_matrix").at(0);
    for (const auto& zone : m.at("zones")) {
      CAPTURE(zone);
      CHECK(html.find("<th scope=\"row\" class=\"from\">" + zone.get<std::string>() + "</th>") !=
            std::string::npos);
    }
    CHECK(occurrences(html, "<td class=\"same\">") == m.at("zones").size());
  }
  SUBCASE("every finding, those needing action first, each rule linked") {
    std::size_t needing = 0;
    for (const auto& f : all.at("findings")) {
      bool accepted = f.contains("baseline") && !f["baseline"]["expired"].get<bool>();
      if (!accepted && (f["severity"] == "error" || f["severity"] == "warning")) ++needing;
    }
    CHECK(needing > 0);
    CHECK(html.find("<h3>Needing action (" + std::to_string(needing) + ")</h3>") !=
          std::string::npos);
    CHECK(occurrences(html, "<article class=\"finding") == all.at("findings").size());
    std::size_t first_none = html.find("<article class=\"finding sev-none");
    std::size_t last_error = html.rfind("<article class=\"finding sev-error");
    REQUIRE(first_none != std::string::npos);
    REQUIRE(last_error != std::string::npos);
    CHECK(last_error < first_none);
    for (const auto& f : all.at("findings"))
      for (const auto& rule : f.at("rules")) {
        std::string where =
            rule.at("file").get<std::string>() + ":" + std::to_string(rule.at("line").get<int>());
        CAPTURE(where);
        CHECK(html.find("\">" + where + "</a>") != std::string::npos);
        CHECK(html.find("<td><code>" + where + "</code></td>") != std::string::npos);
      }
  }
}

TEST_CASE("fwaudit audit --format html --output writes the file") {
  const std::string args = "audit '" + kRoot +
                           "/samples/iptables/mail-dmz-firewall.rules' --profile '" + kRoot +
                           "/samples/profiles/clearswift-dmz.json' --format html";
  std::string dir = (std::filesystem::temp_directory_path() / "fwaudit-html-XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()) != nullptr);
  const std::string file = dir + "/report.html";
  auto written = run_fwaudit(args + " --output '" + file + "'");
  auto printed = run_fwaudit(args);
  CHECK(written.exit_code == printed.exit_code);
  CHECK(written.out == "");
  CHECK(written.err == "");
  CHECK(slurp_file(file) == printed.out);
  CHECK(printed.out.rfind("<!DOCTYPE html>", 0) == 0);
  std::filesystem::remove_all(dir);
}
