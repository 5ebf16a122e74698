// parsers/iptables/parse_iptables.hpp
#pragma once

#include <string>
#include <string_view>

#include "analyzer/model/ruleset.hpp"
#include "parsers/parse_options.hpp"

namespace fwaudit::iptables {

// Reads iptables-save / ip6tables-save output (or a hand-written iptables-restore file) and lowers
// it into the model with the meaning the Linux kernel gives it. Errors in the text are error
// diagnostics in the result; only text that is not a configuration at all, or an unreadable
// ipset file named in `options`, throws InputError.
Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options);

}  // namespace fwaudit::iptables
