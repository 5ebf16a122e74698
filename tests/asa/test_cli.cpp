// tests/asa/test_cli.cpp
// `fwaudit parse` and `fwaudit query` on ASA configurations: exit codes, the summary, the trace,
// and no secret in any output.
#include <doctest/doctest.h>

#include "../common/run_fwaudit.hpp"

#include <unistd.h>
#include <string>

namespace {

struct Run {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

Run run(const std::string& args) {
  auto r = fwaudit::testing::run_fwaudit(args);
  return {r.exit_code, r.out + r.err};
}

const std::string kSample = std::string(FWAUDIT_TEST_DATA) + "/edge-asa-first-sample.cfg";
const std::string kBad = std::string(FWAUDIT_TEST_DATA) + "/secrets-and-error.cfg";

}  // namespace

TEST_CASE("ASA fwaudit parse summarizes a configuration and exits 0 without errors") {
  Run r = run("parse '" + kSample + "'");
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("asa (asa 9.8(4))") != std::string::npos);
  CHECK(r.out.find("3 access-lists, 11 ACEs, 14 ACEs (expanded), 6 objects, 7 object-groups, 3 "
                   "nat rules, 4 interfaces, 41 skipped lines, 0 unsupported lines") !=
        std::string::npos);
  CHECK(r.out.find(":81:1: warning: this rule may match: fqdn object 'update-servers'") !=
        std::string::npos);
}

TEST_CASE("ASA fwaudit parse exits 2 on errors and prints them located without secrets") {
  for (const char* format : {"text", "json"}) {
    CAPTURE(format);
    Run r = run(std::string("parse --format ") + format + " '" + kBad + "'");
    CAPTURE(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("network object 'nothere' is not defined") != std::string::npos);
    for (const char* secret : {"Secr3tEnable", "Secr3tUser", "Secr3tCommunity", "Secr3tLdap"})
      CHECK(r.out.find(secret) == std::string::npos);
  }
  Run text = run("parse '" + kBad + "'");
  CHECK(
      text.out.find("secrets-and-error.cfg:8:39: error: network object 'nothere' is not defined") !=
      std::string::npos);
}

TEST_CASE("ASA fwaudit query traces a packet through NAT and the ACLs") {
  Run r = run("query '" + kSample +
              "' --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in outside --out dmz");
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("verdict:  permit") != std::string::npos);
  CHECK(r.out.find("[NAT (untranslate destination)]") != std::string::npos);
  CHECK(r.out.find("[ACL outside_access_in (in, outside)]") != std::string::npos);
  CHECK(r.out.find("-> 172.16.10.25:25") != std::string::npos);
  Run denied = run("query '" + kSample +
                   "' --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:22' --in outside --out dmz");
  CHECK(denied.out.find("verdict:  deny") != std::string::npos);
  CHECK(denied.out.find("access-list outside_access_in extended deny ip any any log") !=
        std::string::npos);
}
