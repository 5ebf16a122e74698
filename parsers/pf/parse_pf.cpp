// parsers/pf/parse_pf.cpp
#include "parsers/pf/parse_pf.hpp"

#include "parsers/pf/expand.hpp"
#include "parsers/pf/lower.hpp"
#include "parsers/pf/parse_statements.hpp"
#include "parsers/pf/source_text.hpp"

namespace fwaudit::pf {

Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options) {
  Ruleset rs;
  rs.vendor = "pf";
  rs.implicit_state = true;  // pf.conf(5): pass rules keep state by default; replies pass
  Preprocessed source = preprocess(file, text, options);
  rs.files = source.files;
  if (rs.files.empty()) rs.files.push_back(file);
  Diagnostics& diags = rs.diagnostics;
  diags.append(source.diagnostics);
  std::vector<Statement> statements = parse_statements(source, diags);
  Expansion ex = expand(statements, source.map, options, diags);
  // pf.conf(5) of FreeBSD (and OpenBSD before 4.7) translates with nat/rdr/binat rules before
  // filtering; OpenBSD 4.7+ has nat-to/rdr-to on match and pass rules instead.
  bool openbsd = !ex.old_translation_syntax;
  rs.dialect = openbsd ? "openbsd" : "freebsd";
  if (ex.old_translation_syntax && ex.new_translation_syntax) {
    diags.warning("mixed-dialect",
                  "both FreeBSD-style translation rules (nat/rdr/binat with '->', scrub) and "
                  "OpenBSD-style ones (match, nat-to, rdr-to) are used; evaluating as freebsd",
                  {rs.files.front(), 1, 0, {}});
  }
  if (!diags.has_errors()) lower(ex, options, source.map, openbsd, rs);
  for (const auto& [name, addresses] : options.interface_addresses) {
    Interface i;
    i.name = name;
    i.addresses = addresses;
    rs.interfaces.push_back(std::move(i));
  }
  rs.statistics = {{"rules", ex.rule_count},
                   {"macros", source.macros.size()},
                   {"tables", ex.tables.size()},
                   {"anchors", ex.anchor_count}};
  return rs;
}

}  // namespace fwaudit::pf
