// cli/config_options.cpp
#include "cli/config_options.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "analyzer/model/ruleset.hpp"
#include "catalog/site_profile.hpp"

namespace fwaudit::cli {

void ConfigOptions::add_to(CLI::App& command) {
  command.add_option("--vendor", vendor, "Configuration syntax (default: detected from the file)")
      ->check(CLI::IsMember({"auto", "iptables", "pf", "asa"}));
  command.add_option(
      "--table", tables,
      "Contents of a pf table or an ipset, as NAME=FILE (addresses, or `ipset save` output)");
  command.add_option("--ipset", ipsets, "iptables: `ipset save` output with the sets' contents");
  command.add_flag("--allow-include-outside", allow_include_outside,
                   "pf: let `include` read files outside the configuration's folder");
}

ParseOptions ConfigOptions::to_parse_options() const {
  ParseOptions o;
  o.vendor = vendor == "iptables" ? Vendor::iptables
             : vendor == "pf"     ? Vendor::pf
             : vendor == "asa"    ? Vendor::asa
                                  : Vendor::auto_detect;
  for (const std::string& t : tables) {
    auto eq = t.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == t.size())
      throw InputError({Severity::error,
                        "usage",
                        "--table expects NAME=FILE, got '" + t + "'",
                        {"--table", 0, 0, {}},
                        {}});
    o.table_files[t.substr(0, eq)] = t.substr(eq + 1);
  }
  o.ipset_files = ipsets;
  o.allow_include_outside = allow_include_outside;
  return o;
}

void add_profile_facts(const catalog::SiteProfile& profile, ParseOptions& options) {
  for (const auto& [name, addresses] : profile.interface_addresses)
    options.interface_addresses.emplace(name, addresses);
  for (const auto& [name, members] : profile.interface_groups)
    options.interface_groups.emplace(name, members);
  for (const auto& [name, file] : profile.tables)
    options.table_files.emplace(name, file.string());
}

bool report_input_errors(const Ruleset& rs) {
  if (!rs.diagnostics.has_errors()) return false;
  for (const Diagnostic& d : rs.diagnostics.items()) {
    if (d.severity != Severity::error) continue;
    std::cerr << d.to_string() << '\n';
    if (!d.location.text.empty()) std::cerr << "    " << d.location.text << '\n';
  }
  return true;
}

}  // namespace fwaudit::cli
