// cli/profile_facts.hpp
#pragma once

#include <string>

#include "parsers/parse_options.hpp"

namespace fwaudit::cli {

// `--profile SITE.json` of commands that only read configurations (query, parse): loads the
// built-in catalog and the profile as `fwaudit audit` does and adds the profile's firewall facts
// (interface addresses and groups, table contents) to `options`. Prints the catalog's and
// profile's diagnostics to stderr; false when any is an error (the command exits 2).
bool add_profile_file_facts(const std::string& profile_path, ParseOptions& options);

}  // namespace fwaudit::cli
