// parsers/parse_config.hpp
#pragma once

#include <string>
#include <string_view>

#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"

namespace fwaudit {

// Which vendor wrote this text, from its first significant lines; auto_detect when unsure.
Vendor detect_vendor(std::string_view text);

// Reads `path` and lowers it into the model with the vendor's parser. Errors in the input come
// back as error diagnostics in the ruleset; an unreadable file or an undetectable vendor throws
// InputError.
Ruleset parse_config(const std::string& path, const ParseOptions& options);

// The same on text already in memory (tests, stdin).
Ruleset parse_config_text(const std::string& file, std::string_view text,
                          const ParseOptions& options);

}  // namespace fwaudit
