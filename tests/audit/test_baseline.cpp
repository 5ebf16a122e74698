// tests/audit/test_baseline.cpp
// --baseline and --write-baseline: accepted findings by fingerprint, reasons, expiry.
#include <unistd.h>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"
#include "reports/audit_baseline.hpp"

using fwaudit::testing::run_fwaudit;
using fwaudit::testing::slurp_file;

namespace {

const std::string kData = FWAUDIT_TEST_DATA;
const std::string kArgs =
    "audit '" + kData + "/stateless.rules' --profile '" + kData + "/stateless-site.json'";

// Per process: two test runs at once (a developer's and CI's) must not share the file.
std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name))
      .string();
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("Baseline dates") {
  CHECK(fwaudit::reports::add_days("2026-01-01", 90) == "2026-04-01");
  CHECK(fwaudit::reports::add_days("2024-02-28", 1) == "2024-02-29");
  CHECK(fwaudit::reports::add_days("2026-02-30", 1) == "");
  CHECK(fwaudit::reports::valid_date("2026-12-31"));
  CHECK_FALSE(fwaudit::reports::valid_date("31.12.2026"));
}

TEST_CASE("fwaudit audit --baseline") {
  const std::string baseline = temp_path("fwaudit-test-baseline.json");
  std::filesystem::remove(baseline);
  ::setenv("FWAUDIT_TODAY", "2026-01-01", 1);
  auto written = run_fwaudit(kArgs + " --write-baseline '" + baseline + "'");
  CHECK(written.exit_code == 1);  // the run itself still reports its findings
  nlohmann::json b = nlohmann::json::parse(slurp_file(baseline));
  CHECK(b.at("schema_version") == 1);
  REQUIRE(b.at("accepted").size() > 0);
  CHECK(b["accepted"][0].at("expires") == "2026-04-01");
  CHECK(b["accepted"][0].at("reason") == "accepted on 2026-01-01: say why");

  SUBCASE("every finding accepted before expiry: exit 0, marked in the report") {
    ::setenv("FWAUDIT_TODAY", "2026-04-01", 1);
    auto r = run_fwaudit(kArgs + " --baseline '" + baseline + "' --format json");
    CHECK(r.exit_code == 0);
    nlohmann::json report = nlohmann::json::parse(r.out);
    int accepted = 0;
    for (const auto& f : report.at("findings"))
      if (f.contains("baseline")) {
        CHECK(f["baseline"]["expired"] == false);
        ++accepted;
      }
    CHECK(accepted == static_cast<int>(b["accepted"].size()));
    CHECK(run_fwaudit(kArgs + " --baseline '" + baseline + "' --fail-on warning").exit_code == 0);
  }

  SUBCASE("expired entries fail again and say so") {
    ::setenv("FWAUDIT_TODAY", "2026-04-02", 1);
    auto r = run_fwaudit(kArgs + " --baseline '" + baseline + "'");
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("  EXPIRED     until 2026-04-01: accepted on 2026-01-01: say why\n") !=
          std::string::npos);
  }

  SUBCASE("a partial baseline leaves the other findings failing") {
    nlohmann::json one = b;
    nlohmann::json keep = nlohmann::json::array();
    for (const auto& e : b["accepted"])
      if (e["id"].get<std::string>().rfind("RET-", 0) != 0) keep.push_back(e);
    one["accepted"] = keep;
    write(baseline, one.dump());
    ::setenv("FWAUDIT_TODAY", "2026-02-01", 1);
    CHECK(run_fwaudit(kArgs + " --baseline '" + baseline + "'").exit_code == 1);
  }

  SUBCASE("a malformed baseline is an input error") {
    write(baseline, R"({"schema_version": 1, "accepted": [{"fingerprint": "0123456789abcdef",
                       "reason": "ok", "expires": "next year"}]})");
    auto r = run_fwaudit(kArgs + " --baseline '" + baseline + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err == baseline +
                       ": error: /accepted/0/expires: expected a date YYYY-MM-DD, got \"next "
                       "year\"\n");
    write(baseline, R"({"schema_version": 1, "accepted": [{"fingerprint": "0123456789abcdef",
                       "expires": "2027-01-01"}]})");
    CHECK(run_fwaudit(kArgs + " --baseline '" + baseline + "'").err ==
          baseline + ": error: /accepted/0: missing \"reason\"\n");
  }
  ::unsetenv("FWAUDIT_TODAY");
  std::filesystem::remove(baseline);
}
