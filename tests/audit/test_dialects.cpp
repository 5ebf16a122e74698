// tests/audit/test_dialects.cpp
// One scenario written in iptables, pf and ASA syntax (data/dialects/) gives the same requirement
// statuses: vendor semantics end at the parsers.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;
using fwaudit::testing::slurp_file;

TEST_CASE("The same scenario in three dialects") {
  const std::string dir = std::string(FWAUDIT_TEST_DATA) + "/dialects/";
  const std::string expected = slurp_file(dir + "expected-statuses.txt");
  struct Dialect {
    const char* config;
    const char* profile;
    const char* vendor;
  };
  for (Dialect d : {Dialect{"dmz.rules", "site-iptables.json", "iptables"},
                    Dialect{"dmz.pf.conf", "site-pf.json", "pf"},
                    Dialect{"dmz-asa.cfg", "site-asa.json", "asa"}}) {
    CAPTURE(d.vendor);
    auto r = run_fwaudit("audit '" + dir + d.config + "' --profile '" + dir + d.profile +
                         "' --format json");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "");
    nlohmann::json report = nlohmann::json::parse(r.out);
    CHECK(report.at("vendor") == d.vendor);
    std::string statuses;
    int return_path = 0;
    for (const auto& f : report.at("findings")) {
      if (f.at("kind") == "return-path") ++return_path;
      if (f.at("kind") != "requirement") continue;
      statuses += f.at("status").get<std::string>() + " " +
                  f.at("requirement").at("id").get<std::string>() + " " +
                  f.at("flow").at("from").get<std::string>() + " -> " +
                  f.at("flow").at("to").get<std::string>() + "\n";
    }
    CHECK(statuses == expected);
    CHECK(return_path == 0);  // stateful in all three: conntrack accept, keep state, ASA
  }
}
