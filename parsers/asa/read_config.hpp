// parsers/asa/read_config.hpp
#pragma once

#include <string>
#include <string_view>

#include "parsers/asa/syntax_tree.hpp"

namespace fwaudit::asa {

// Reads an ASA / PIX / FWSM running-config into the syntax tree. `text` must already be masked
// (secrets.hpp) and must outlive the returned Config, which holds views into it. Never throws for
// bad input: errors are diagnostics in Config::diagnostics, lines it does not need are counted in
// Config::skipped_lines.
Config read_config(const std::string& file, std::string_view text);

}  // namespace fwaudit::asa
