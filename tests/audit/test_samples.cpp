// tests/audit/test_samples.cpp
// The samples end to end (samples/README.md lists what each contains on purpose): every report
// format byte for byte against tests/audit/golden/<sample>.<format>, and the exact set of
// findings per sample in a readable form (golden/<sample>.findings). After an intended change of
// audit behaviour, tools/update-golden.sh rewrites them all (FWAUDIT_UPDATE_GOLDEN=1).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::FwauditRun;
using fwaudit::testing::run_fwaudit;
using fwaudit::testing::slurp_file;

namespace {

namespace fs = std::filesystem;

struct Sample {
  const char* name;  // golden file stem
  const char* config;
  const char* profile;
};

// Paths relative to the source root, as `make demo` and a user would type them.
constexpr Sample kIptables{"iptables-clearswift-dmz", "samples/iptables/mail-dmz-firewall.rules",
                           "samples/profiles/clearswift-dmz.json"};
constexpr Sample kAsa{"asa-clearswift-sxg", "samples/asa/edge-asa.cfg",
                      "samples/profiles/edge-asa-clearswift-sxg.json"};
constexpr Sample kPf{"pf-symantec-dmz", "samples/pf/mail-gateway.pf.conf",
                     "samples/profiles/symantec-pf-dmz.json"};
constexpr Sample kSamples[] = {kIptables, kAsa, kPf};

const fs::path kRoot = FWAUDIT_SOURCE_ROOT;
const fs::path kGolden = kRoot / "tests/audit/golden";

bool updating() {
  const char* v = std::getenv("FWAUDIT_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Runs from the source root with relative paths, so no output holds a machine's path; a user's
// FWAUDIT_CATALOG_DIR must not change the built-in catalog.
FwauditRun audit(const Sample& s, const std::string& format) {
  return run_fwaudit(
      std::string("audit ") + s.config + " --profile " + s.profile + " --format " + format,
      "cd '" + kRoot.string() + "' && env -u FWAUDIT_CATALOG_DIR");
}

std::string tool_version() {
  std::string v = run_fwaudit("--version").out;  // "fwaudit 0.1.0\n"
  v = v.substr(v.find(' ') + 1);
  return v.substr(0, v.find('\n'));
}

void replace_between(std::string& text, const std::string& before, const std::string& value,
                     const std::string& after, const std::string& placeholder) {
  const std::string from = before + value + after, to = before + placeholder + after;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
    text.replace(at, from.size(), to), at += to.size();
}

// The only part of a report that varies between builds: the tool's version where the formats
// print it (SARIF driver, HTML header).
std::string normalized(std::string text) {
  static const std::string version = tool_version();
  replace_between(text, "\"name\": \"fwaudit\",\n          \"version\": \"", version, "\"",
                  "@FWAUDIT_VERSION@");
  replace_between(text, "<dt>fwaudit</dt><dd>", version, "</dd>", "@FWAUDIT_VERSION@");
  return text;
}

std::string unified_diff(const fs::path& expected, const fs::path& actual) {
  std::string command = "diff -u '" + expected.string() + "' '" + actual.string() + "' 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && out.size() < 6000)
      out.append(buffer, n);
    ::pclose(pipe);
  }
  return out.size() < 6000 ? out : out.substr(0, 6000) + "\n[... diff cut ...]\n";
}

// Compares `actual` with the golden file, or rewrites it when updating.
void check_golden(const std::string& file, const std::string& actual) {
  const fs::path golden = kGolden / file;
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(fs::exists(golden), golden.string() << " is missing: run tools/update-golden.sh");
  const std::string expected = slurp_file(golden);
  if (expected == actual) return;
  const fs::path written = fs::temp_directory_path() / "fwaudit-golden-actual" / file;
  fs::create_directories(written.parent_path());
  std::ofstream(written, std::ios::binary) << actual;
  FAIL_CHECK(
      file << " differs from the golden file:\n"
           << unified_diff(golden, written) << "\nCompare: diff -u '" << golden.string() << "' '"
           << written.string()
           << "'\nIf the change is intended, refresh every golden file: tools/update-golden.sh");
}

void check_report(const Sample& s, const std::string& format) {
  CAPTURE(s.config);
  FwauditRun r = audit(s, format);
  CHECK(r.err == "");
  CHECK(r.exit_code == 1);  // every sample has required flows missing on purpose
  check_golden(std::string(s.name) + "." + format, normalized(r.out));
}

std::string padded(const nlohmann::json& word, std::size_t width) {
  std::string w = word.get<std::string>();
  return w + std::string(w.size() < width ? width - w.size() : 0, ' ') + " ";
}

// One line per finding: severity, kind, status, requirement (or the flow of an overbroad
// finding) and the responsible rule's line; sorted, so the file reads as the set it is.
std::string readable_findings(const nlohmann::json& report) {
  std::vector<std::string> lines;
  for (const auto& f : report.at("findings")) {
    std::string what = f.at("requirement").is_null()
                           ? f.at("flow").at("service").get<std::string>() + " " +
                                 f.at("flow").at("from").get<std::string>() + " -> " +
                                 f.at("flow").at("to").get<std::string>()
                           : f.at("requirement").at("id").get<std::string>();
    std::string where = "-";
    if (f.contains("location") && f.at("location").is_object())
      where = f.at("location").at("file").get<std::string>() + ":" +
              std::to_string(f.at("location").at("line").get<int>());
    lines.push_back(padded(f.at("severity"), 8) + padded(f.at("kind"), 15) +
                    padded(f.at("status"), 15) + what + "  @ " + where);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines)
    out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("samples: the exact findings of each sample") {
  for (const Sample& s : kSamples) {
    CAPTURE(s.config);
    FwauditRun r = audit(s, "json");
    REQUIRE(r.exit_code == 1);
    check_golden(std::string(s.name) + ".findings",
                 readable_findings(nlohmann::json::parse(r.out)));
  }
}

TEST_CASE("samples: every finding has its own id and fingerprint") {
  // Rules expanded from one statement (pf lists, object-groups) must not repeat a finding.
  for (const Sample& s : kSamples) {
    CAPTURE(s.config);
    const nlohmann::json report = nlohmann::json::parse(audit(s, "json").out);
    std::set<std::string> ids, fingerprints;
    for (const auto& f : report.at("findings")) {
      CHECK_MESSAGE(ids.insert(f.at("id").get<std::string>()).second, f.at("id"));
      CHECK(fingerprints.insert(f.at("fingerprint").get<std::string>()).second);
    }
  }
}

TEST_CASE("samples golden: iptables text") {
  check_report(kIptables, "text");
}
TEST_CASE("samples golden: iptables json") {
  check_report(kIptables, "json");
}
TEST_CASE("samples golden: iptables sarif") {
  check_report(kIptables, "sarif");
}
TEST_CASE("samples golden: iptables junit") {
  check_report(kIptables, "junit");
}
TEST_CASE("samples golden: iptables markdown") {
  check_report(kIptables, "markdown");
}
TEST_CASE("samples golden: iptables html") {
  check_report(kIptables, "html");
}
TEST_CASE("samples golden: asa text") {
  check_report(kAsa, "text");
}
TEST_CASE("samples golden: asa json") {
  check_report(kAsa, "json");
}
TEST_CASE("samples golden: asa sarif") {
  check_report(kAsa, "sarif");
}
TEST_CASE("samples golden: asa junit") {
  check_report(kAsa, "junit");
}
TEST_CASE("samples golden: asa markdown") {
  check_report(kAsa, "markdown");
}
TEST_CASE("samples golden: asa html") {
  check_report(kAsa, "html");
}
TEST_CASE("samples golden: pf text") {
  check_report(kPf, "text");
}
TEST_CASE("samples golden: pf json") {
  check_report(kPf, "json");
}
TEST_CASE("samples golden: pf sarif") {
  check_report(kPf, "sarif");
}
TEST_CASE("samples golden: pf junit") {
  check_report(kPf, "junit");
}
TEST_CASE("samples golden: pf markdown") {
  check_report(kPf, "markdown");
}
TEST_CASE("samples golden: pf html") {
  check_report(kPf, "html");
}

TEST_CASE("samples: no secret of the ASA sample in any output") {
  // The secrets written into samples/asa/edge-asa.cfg (enable, passwd, users, LDAP bind,
  // TACACS+ key, SNMP community, failover key, NTP key, IKEv2 pre-shared key).
  const std::vector<std::string> secrets{
      "8Ry2YjIyt7RRXU24", "2KFQnbNIdI.2KYOU", "x1y2z3w4v5",  "q9r8s7t6u5", "Sup3rS3cret!",
      "T4c4csK3y!",       "Publ1cR34d",       "F41l0v3rK3y", "N7pS3cr3t",  "T0pS3cretPSK"};
  const std::string config = slurp_file(kRoot / kAsa.config);
  for (const std::string& secret : secrets)
    REQUIRE_MESSAGE(config.find(secret) != std::string::npos, secret << " not in the sample");
  std::vector<std::string> runs;
  for (const char* format : {"text", "json", "sarif", "junit", "markdown", "html"})
    runs.push_back(std::string("audit ") + kAsa.config + " --profile " + kAsa.profile +
                   " --format " + format);
  for (const char* format : {"text", "json"}) {
    runs.push_back(std::string("parse ") + kAsa.config + " --format " + format);
    runs.push_back(std::string("query ") + kAsa.config +
                   " --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in outside --out dmz"
                   " --format " +
                   format);
  }
  for (const std::string& args : runs) {
    CAPTURE(args);
    FwauditRun r = run_fwaudit(args, "cd '" + kRoot.string() + "' &&");
    CHECK(r.exit_code != 2);
    for (const std::string& secret : secrets) {
      CAPTURE(secret);
      CHECK(r.out.find(secret) == std::string::npos);
      CHECK(r.err.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("samples: ASA details") {
  FwauditRun r = audit(kAsa, "json");
  nlohmann::json report = nlohmann::json::parse(r.out);
  auto find = [&](const std::string& id) -> const nlohmann::json& {
    for (const auto& f : report.at("findings"))
      if (!f.at("requirement").is_null() && f.at("requirement").at("id") == id) return f;
    FAIL("no finding for " << id);
    return report;
  };
  SUBCASE("inbound SMTP is checked toward the static NAT's public address") {
    const auto& f = find("clearswift-sxg/smtp-in");
    CHECK(f.at("status") == "satisfied");
    CHECK(f.at("flow").at("to") == "192.0.2.25 (NAT to 172.16.10.25)");
    CHECK(f.at("nat") ==
          "192.0.2.25 is translated to 172.16.10.25 by samples/asa/edge-asa.cfg:268:1 (object NAT "
          "(dmz,outside) static: mapped destination to the real address)");
  }
  SUBCASE("an inactive ACE leaves NTP missing, blocked by the deny toward the inside") {
    const auto& f = find("clearswift-sxg/ntp");
    CHECK(f.at("status") == "missing");
    CHECK(f.at("location").at("line") == 207);
    CHECK(f.at("suggestion") ==
          "access-list dmz_access_in line 10 extended permit udp host 172.16.10.25 host "
          "10.10.0.123 eq 123");
  }
  SUBCASE("an fqdn object makes the update flow uncertain, naming the rule and why") {
    const auto& f = find("clearswift-sxg/applianceupdate");
    CHECK(f.at("status") == "uncertain");
    CHECK(f.at("severity") == "warning");
    CHECK(f.at("location").at("line") == 212);
    CHECK(f.at("unknowns").at(0) ==
          "fqdn object 'update-servers' (applianceupdate.clearswift.com) resolves at run time");
  }
  SUBCASE("a management-only interface passes no traffic to the gateway") {
    const auto& f = find("clearswift-sxg/web-interface");
    CHECK(f.at("status") == "missing");
    CHECK(f.at("location").at("line") == 52);
    CHECK(f.at("location").at("text") == "interface Management1/1");
  }
}
