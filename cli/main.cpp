// cli/main.cpp
#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include "analyzer/diagnostic.hpp"
#include "cli/command_registry.hpp"
#include "cli/version.hpp"

namespace fwaudit::cli {

std::vector<RegisteredCommand>& command_registry() {
  static std::vector<RegisteredCommand> registry;
  return registry;
}

CommandRegistration::CommandRegistration(int order, CommandSetup setup) {
  command_registry().push_back({order, setup});
}

}  // namespace fwaudit::cli

int main(int argc, char** argv) {
  using namespace fwaudit;
  CLI::App app{
      "fwaudit: audit firewall rulesets (iptables, pf, Cisco ASA) against what the "
      "products behind them need"};
  app.set_version_flag("--version", std::string("fwaudit ") + cli::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);

  cli::CommandContext context;
  auto& registry = cli::command_registry();
  std::sort(registry.begin(), registry.end(),
            [](const auto& a, const auto& b) { return a.order < b.order; });
  for (const auto& command : registry)
    command.setup(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors exit 2 per the CLI contract
  } catch (const InputError& e) {
    std::cerr << e.diagnostic().to_string() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "fwaudit: " << e.what() << '\n';
    return 2;
  }
  return context.exit_code;
}
