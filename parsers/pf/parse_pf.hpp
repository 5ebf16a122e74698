// parsers/pf/parse_pf.hpp
#pragma once

#include <string>
#include <string_view>

#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"

namespace fwaudit::pf {

// Parses a pf.conf (OpenBSD or FreeBSD dialect, detected from the syntax and named in
// Ruleset::dialect) and lowers it into the model. `include` is read relative to `file`'s folder.
// Errors in the input come back as error diagnostics; this never throws for bad input.
Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options);

}  // namespace fwaudit::pf
