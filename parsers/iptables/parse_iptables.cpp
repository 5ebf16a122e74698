// parsers/iptables/parse_iptables.cpp
#include "parsers/iptables/parse_iptables.hpp"

#include <fstream>
#include <sstream>

#include "analyzer/call_cycles.hpp"
#include "parsers/iptables/ipset.hpp"
#include "parsers/iptables/lower.hpp"
#include "parsers/iptables/read_syntax.hpp"
#include "parsers/iptables/restore.hpp"

namespace fwaudit::iptables {

Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options) {
  Ruleset rs;
  rs.vendor = "iptables";
  rs.files.push_back(file);
  SyntaxFile syntax = read_syntax(file, text, rs.diagnostics);
  RestoredRuleset restored = restore(syntax, rs.diagnostics);
  Family family = detect_family(syntax);
  rs.dialect = family == Family::ipv6 ? "ip6tables" : "iptables";

  IpsetStore ipsets;
  for (const auto& path : options.ipset_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw InputError({Severity::error,
                        "unreadable-file",
                        "cannot open ipset file for reading",
                        {path, 0, 0, {}},
                        {}});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    rs.files.push_back(path);
    ipsets.read(path, buffer.str(), rs.diagnostics);
  }

  lower(syntax, restored, family, options, ipsets, rs);
  check_call_cycles(rs);
  return rs;
}

}  // namespace fwaudit::iptables
