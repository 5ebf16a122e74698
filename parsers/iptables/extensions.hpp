// parsers/iptables/extensions.hpp
#pragma once

#include <span>
#include <string_view>

// The options of the base rule, of the match modules and of the targets fwaudit knows, with how
// many arguments each takes. Modules and targets not listed here are read generically.
namespace fwaudit::iptables {

struct OptionSpec {
  std::string_view name;       // as written: "--sport", "--source-port"
  int arity = 1;               // number of arguments
  std::string_view canonical;  // the name lowering switches on: "--sport"
};

struct ExtensionSpec {
  std::string_view name;  // "tcp", "LOG"
  std::span<const OptionSpec> options;
};

// -s, --source, -p, -j ... (-m, -j and -g are handled by the rule-spec builder).
const OptionSpec* find_base_option(std::string_view name);
const ExtensionSpec* find_match_module(std::string_view name);
const ExtensionSpec* find_target(std::string_view name);
const OptionSpec* find_option(const ExtensionSpec& ext, std::string_view name);

}  // namespace fwaudit::iptables
