// cli/cmd_parse.cpp
// `fwaudit parse CONFIG [--format text|json] [--profile SITE.json]`: what fwaudit understood of
// a configuration.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/command_registry.hpp"
#include "cli/config_options.hpp"
#include "cli/profile_facts.hpp"
#include "parsers/parse_config.hpp"
#include "reports/parse_report.hpp"

namespace fwaudit::cli {

namespace {

struct ParseCommand {
  std::string config;
  std::string format = "text";
  std::string profile;
  ConfigOptions input;
};

void setup(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ParseCommand>();
  CLI::App* command = app.add_subcommand("parse",
                                         "Summarize a configuration (rules, chains/ACLs, objects, "
                                         "diagnostics); json: the normalized model");
  command
      ->add_option("config", options->config, "iptables-save, pf.conf or ASA running-config file")
      ->required();
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_option("--profile", options->profile,
                      "Site profile whose firewall facts (interface addresses and groups, "
                      "tables) complete the configuration (docs/profile.md)");
  options->input.add_to(*command);
  command->callback([options, &context] {
    ParseOptions parse_options = options->input.to_parse_options();
    if (!options->profile.empty() && !add_profile_file_facts(options->profile, parse_options)) {
      context.exit_code = 2;
      return;
    }
    Ruleset rs = parse_config(options->config, parse_options);
    if (options->format == "json")
      std::cout << reports::parse_json(rs).dump(2) << '\n';
    else
      std::cout << reports::parse_text(rs);
    // Errors make the input invalid: exit 2 (their text went to stdout with the rest).
    context.exit_code = rs.diagnostics.has_errors() ? 2 : 0;
  });
}

const CommandRegistration registration{10, &setup};

}  // namespace

}  // namespace fwaudit::cli
