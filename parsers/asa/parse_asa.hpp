// parsers/asa/parse_asa.hpp
#pragma once

#include <string>
#include <string_view>

#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"

namespace fwaudit::asa {

// Cisco ASA / PIX / FWSM running-config (`show running-config`, `write terminal`) to the model.
// Secrets are masked before anything reads the text. Errors are diagnostics in the ruleset; only
// binary input throws InputError.
Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options);

}  // namespace fwaudit::asa
