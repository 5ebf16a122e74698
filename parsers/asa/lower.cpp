// parsers/asa/lower.cpp
#include "parsers/asa/lower.hpp"

#include <set>
#include <tuple>

namespace fwaudit::asa {

Lowering::Lowering(const Config& config, const ParseOptions& options, Ruleset& out)
    : config_(config), options_(options), rs_(out) {}

void Lowering::run() {
  const Config& c = config_;
  rs_.vendor = "asa";
  rs_.dialect = c.platform.empty() ? std::string("asa") : c.platform + " " + c.version;
  rs_.files = {c.file};
  rs_.implicit_state = true;  // stateful: replies of a permitted connection pass
  rs_.diagnostics.append(c.diagnostics);

  check_group_cycles();
  lower_interfaces();
  // Every group and ACL is resolved once, bound or not: ASA rejects an undefined name wherever
  // it is used.
  for (const ObjectGroup& g : c.groups)
    if (g.kind == ObjectGroup::Kind::network) expand_network_group(g.name, g.at);
  for (const AccessList& acl : c.acls)
    lower_acl(acl);
  lower_paths();

  // Each problem once, in the order found.
  std::set<std::tuple<std::string, std::string, std::uint32_t, std::uint32_t>> seen;
  Diagnostics unique;
  for (const Diagnostic& d : rs_.diagnostics.items())
    if (seen.insert({d.code, d.message, d.location.line, d.location.column}).second) unique.add(d);
  rs_.diagnostics = std::move(unique);

  std::size_t aces = 0;
  for (const AccessList& acl : c.acls)
    for (const Ace& a : acl.entries)
      if (a.kind != Ace::Kind::remark) ++aces;
  std::size_t interfaces = 0;
  for (const Interface& i : c.interfaces)
    if (!i.nameif.empty()) ++interfaces;
  rs_.statistics = {
      {"access-lists", c.acls.size()},
      {"ACEs", aces},
      {"ACEs (expanded)", expanded_aces_},
      {"objects", c.network_objects.size() + c.service_objects.size()},
      {"object-groups", c.groups.size()},
      {"nat rules", c.nats.size()},
      {"interfaces", interfaces},
      {"skipped lines", c.skipped_lines},
      {"unsupported lines", c.unsupported_lines},
  };
}

}  // namespace fwaudit::asa
