// cli/config_options.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"

namespace CLI {
class App;
}

namespace fwaudit::catalog {
struct SiteProfile;
}

namespace fwaudit::cli {

// The options every command that reads configurations takes: --vendor, --table, --ipset,
// --allow-include-outside.
struct ConfigOptions {
  std::string vendor = "auto";
  std::vector<std::string> tables;  // NAME=FILE
  std::vector<std::string> ipsets;
  bool allow_include_outside = false;

  void add_to(CLI::App& command);
  // Throws InputError for a malformed --table.
  ParseOptions to_parse_options() const;
};

// Adds what the site profile knows about the firewall: interface addresses and groups, and the
// contents of tables (pf tables, iptables sets). Command-line --table entries win over the
// profile's.
void add_profile_facts(const catalog::SiteProfile& profile, ParseOptions& options);

// Prints a ruleset's diagnostics to stderr (secrets are already masked by the parsers) and says
// whether any is an error, in which case the command exits 2.
bool report_input_errors(const Ruleset& rs);

}  // namespace fwaudit::cli
