// cli/command_registry.hpp
#pragma once

#include <vector>

namespace CLI {
class App;
}

namespace fwaudit::cli {

// Shared by every subcommand: the exit code the run ends with (0, 1 findings, 2 bad input).
struct CommandContext {
  int exit_code = 0;
};

using CommandSetup = void (*)(CLI::App& app, CommandContext& context);

// Each cmd_*.cpp registers its subcommand with a static CommandRegistration, so adding a command
// touches no other file. `order` sets the order in --help.
struct CommandRegistration {
  CommandRegistration(int order, CommandSetup setup);
};

struct RegisteredCommand {
  int order;
  CommandSetup setup;
};
std::vector<RegisteredCommand>& command_registry();

}  // namespace fwaudit::cli
