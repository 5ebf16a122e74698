// parsers/pf/parse_pf.cpp
#include "parsers/pf/parse_pf.hpp"

#include <algorithm>
#include <cctype>

#include "parsers/pf/expand.hpp"
#include "parsers/pf/lower.hpp"
#include "parsers/pf/parse_statements.hpp"
#include "parsers/pf/source_text.hpp"

namespace fwaudit::pf {

namespace {

bool is_interface_name(const std::string& n) {
  // pf interface names end in a unit number (em0, vlan10); groups (egress) and `any` do not.
  return !n.empty() && n != "any" && std::isdigit(static_cast<unsigned char>(n.back())) &&
         n.front() != '(';
}

void add_rule_interfaces(const std::vector<ExpandedRule>& rules, const SourceMap& map,
                         const ParseOptions& options, Ruleset& rs) {
  for (const ExpandedRule& r : rules) {
    if (r.interface && is_interface_name(r.interface->name) &&
        !options.interface_groups.count(r.interface->name)) {
      bool known = std::any_of(rs.interfaces.begin(), rs.interfaces.end(),
                               [&r](const Interface& i) { return i.name == r.interface->name; });
      if (!known) {
        Interface i;
        i.name = r.interface->name;
        i.location = map.locate(r.interface->pos);
        rs.interfaces.push_back(std::move(i));
      }
    }
    add_rule_interfaces(r.body, map, options, rs);
  }
}

}  // namespace

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
  // Interfaces: those of the site profile, then those the rules name with `on` (first use).
  for (const auto& [name, addresses] : options.interface_addresses) {
    Interface i;
    i.name = name;
    i.addresses = addresses;
    rs.interfaces.push_back(std::move(i));
  }
  add_rule_interfaces(ex.rules, source.map, options, rs);
  rs.statistics = {{"rules", ex.rule_count},
                   {"macros", source.macros.size()},
                   {"tables", ex.tables.size()},
                   {"anchors", ex.anchor_count}};
  return rs;
}

}  // namespace fwaudit::pf
