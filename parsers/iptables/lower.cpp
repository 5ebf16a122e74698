// parsers/iptables/lower.cpp
#include "parsers/iptables/lower.hpp"

#include <algorithm>

#include "parsers/iptables/lower_context.hpp"

namespace fwaudit::iptables {

unsigned hook_of(std::string_view c) {
  if (c == "PREROUTING") return hook_prerouting;
  if (c == "INPUT") return hook_input;
  if (c == "FORWARD") return hook_forward;
  if (c == "OUTPUT") return hook_output;
  if (c == "POSTROUTING") return hook_postrouting;
  return 0;
}

std::string hook_names(unsigned hooks) {
  static constexpr std::string_view kNames[] = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT",
                                                "POSTROUTING"};
  std::string out;
  for (unsigned i = 0; i < 5; ++i) {
    if (hooks & (1u << i)) {
      if (!out.empty()) out += ", ";
      out += kNames[i];
    }
  }
  return out.empty() ? "no built-in chain" : out;
}

Family detect_family(const SyntaxFile& syntax) {
  if (syntax.ipv6_header) return *syntax.ipv6_header ? Family::ipv6 : Family::ipv4;
  for (const Line& line : syntax.lines) {
    if (line.kind != LineKind::command) continue;
    const RuleSpec& spec = line.command.spec;
    for (const Option& o : spec.base) {
      if (o.args.empty()) continue;
      std::string_view v = o.args.front().value;
      if (o.name == "-s" || o.name == "-d" || o.name == "--source" || o.name == "--destination" ||
          o.name == "--src" || o.name == "--dst") {
        return v.find(':') != std::string_view::npos ? Family::ipv6 : Family::ipv4;
      }
      if ((o.name == "-p" || o.name == "--protocol") &&
          (v == "ipv6-icmp" || v == "icmpv6" || v == "icmp6" || v == "58"))
        return Family::ipv6;
    }
    for (const MatchBlock& m : spec.matches)
      if (m.module == "icmp6") return Family::ipv6;
  }
  return Family::ipv4;
}

namespace {

const char* kTablesInOrder[] = {"raw", "mangle", "nat", "filter", "security"};

// Hooks reaching each chain of a table, following -j / -g by name.
std::map<std::string, unsigned, std::less<>> reaching_hooks(const RestoredTable& table) {
  const auto& chains = table.chains;
  std::map<std::string_view, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < chains.size(); ++i) {
    for (const auto& old : chains[i].former_names)
      index.emplace(old, i);
  }
  for (std::size_t i = 0; i < chains.size(); ++i)
    index[chains[i].name] = i;
  // Jump edges between user chains, then the hooks flow along them (worklist).
  std::vector<std::vector<std::size_t>> jumps(chains.size());
  std::vector<unsigned> hooks(chains.size(), 0);
  std::vector<std::size_t> work;
  for (std::size_t i = 0; i < chains.size(); ++i) {
    for (const Line* rule : chains[i].rules) {
      const auto& t = rule->command.spec.target;
      if (!t) continue;
      auto it = index.find(t->name);
      if (it != index.end() && !chains[it->second].builtin) jumps[i].push_back(it->second);
    }
    if (chains[i].builtin) {
      hooks[i] = hook_of(chains[i].name);
      work.push_back(i);
    }
  }
  while (!work.empty()) {
    std::size_t c = work.back();
    work.pop_back();
    for (std::size_t target : jumps[c]) {
      if ((hooks[target] | hooks[c]) == hooks[target]) continue;
      hooks[target] |= hooks[c];
      work.push_back(target);
    }
  }
  std::map<std::string, unsigned, std::less<>> out;
  for (std::size_t i = 0; i < chains.size(); ++i)
    out[chains[i].name] = hooks[i];
  return out;
}

void scan_nat(const RestoredRuleset& restored, LowerContext& lc) {
  const RestoredTable* nat = restored.find("nat");
  if (!nat) return;
  for (const auto& c : nat->chains) {
    for (const Line* rule : c.rules) {
      const auto& t = rule->command.spec.target;
      if (!t) continue;
      if (t->name == "DNAT" || t->name == "REDIRECT" || t->name == "NETMAP") lc.has_dnat = true;
      if (t->name == "SNAT" || t->name == "MASQUERADE" || t->name == "NETMAP") lc.has_snat = true;
    }
  }
}

PolicyId add_chain_policy(Ruleset& rs, const LowerContext& lc, const RestoredTable& table,
                          const RestoredChain& chain) {
  Policy p;
  p.name = table.name + "/" + chain.name;
  const Line* decl = chain.declaration ? chain.declaration : table.header;
  p.location = lc.at(*decl, 1);
  if (chain.builtin) {
    p.fallthrough = chain.policy == "DROP" ? RuleAction::deny : RuleAction::permit;
    p.fallthrough_label = "policy " + chain.policy + " of " + p.name;
    if (const Line* where = chain.policy_line ? chain.policy_line : chain.declaration)
      p.fallthrough_location = lc.at(*where, 1);
  } else {
    p.fallthrough = RuleAction::return_;
    p.fallthrough_label = "end of chain " + p.name + " (return to the caller)";
    p.fallthrough_location = p.location;
  }
  return rs.add_policy(std::move(p));
}

// Whether a chain has a rule that returns from it before its end (RETURN or -g).
bool returns_early(const RestoredChain& chain) {
  for (const Line* rule : chain.rules) {
    const auto& t = rule->command.spec.target;
    if (t && (t->is_goto || t->name == "RETURN")) return true;
  }
  return false;
}

// The tables of an iptables-save file see IPv4 packets only, those of ip6tables-save IPv6 only.
void add_stages(Ruleset& rs, PathKind kind, Family family,
                std::initializer_list<std::pair<std::string_view, Stage::Kind>> stages) {
  for (const auto& [name, stage_kind] : stages) {
    PolicyId id = rs.find_policy(name);
    if (id != kNoPolicy) rs.path(kind).push_back({stage_kind, id, family});
  }
}

}  // namespace

void lower(const SyntaxFile& syntax, const RestoredRuleset& restored, Family family,
           const ParseOptions& options, const IpsetStore& ipsets, Ruleset& rs) {
  LowerContext lc{syntax, family, options, ipsets, rs.diagnostics, false, false, {}, {}, {}};
  scan_nat(restored, lc);

  // Tables in packet-path order, so that policies read in the order packets meet them.
  std::vector<const RestoredTable*> tables;
  for (const char* name : kTablesInOrder)
    if (const RestoredTable* t = restored.find(name)) tables.push_back(t);

  std::size_t rule_count = 0, user_chains = 0, chain_count = 0;
  // Jump targets by chain name; the rules of a chain go to `bodies` (usually the same policy).
  std::vector<std::map<std::string, PolicyId, std::less<>>> chain_ids(tables.size());
  std::vector<std::map<std::string, PolicyId, std::less<>>> bodies(tables.size());
  PacketSet family_set = PacketSet::family(family);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (const auto& chain : tables[i]->chains) {
      PolicyId id = add_chain_policy(rs, lc, *tables[i], chain);
      chain_ids[i][chain.name] = id;
      for (const auto& old : chain.former_names)
        chain_ids[i].emplace(old, id);
      bodies[i][chain.name] = id;
      ++chain_count;
      if (!chain.builtin) ++user_chains;
      if (chain.builtin && returns_early(chain)) {
        // RETURN (or the return of a -g target) in a built-in chain applies the chain's policy,
        // while a return from a stage's top policy lets the packet go on. So the rules go into
        // a body policy that the built-in chain calls; its return reaches the policy.
        Policy body;
        body.name = rs.policy(id).name + " rules";
        body.location = rs.policy(id).location;
        body.fallthrough = RuleAction::return_;
        body.fallthrough_label = "end of chain " + rs.policy(id).name;
        body.fallthrough_location = body.location;
        PolicyId body_id = rs.add_policy(std::move(body));
        Rule enter;
        enter.sure = family_set;
        enter.may = family_set;
        enter.action = RuleAction::call;
        enter.target = body_id;
        enter.location = rs.policy(id).location;
        rs.policy(id).rules.push_back(std::move(enter));
        bodies[i][chain.name] = body_id;
      }
    }
  }

  for (std::size_t i = 0; i < tables.size(); ++i) {
    const RestoredTable& table = *tables[i];
    auto hooks = reaching_hooks(table);
    for (const auto& chain : table.chains) {
      Policy& policy = rs.policy(bodies[i].at(chain.name));
      for (const Line* line : chain.rules) {
        const Command& cmd = line->command;
        RuleContext rc{lc, *line, table, chain, hooks[chain.name], std::nullopt, false};
        MatchSet m;
        m.exact(family_set);
        lower_base(cmd.spec, m, rc);
        for (const MatchBlock& b : cmd.spec.matches)
          lower_match(b, m, rc);
        Rule rule;
        lower_target(cmd.spec, rule, m, rc, chain_ids[i]);
        if (rc.failed) continue;
        rule.sure = std::move(m.sure);
        rule.may = std::move(m.may);
        for (auto& u : m.unknowns)
          if (std::find(rule.unknowns.begin(), rule.unknowns.end(), u) == rule.unknowns.end())
            rule.unknowns.push_back(std::move(u));
        rule.location = lc.at(*line, cmd.column);
        policy.rules.push_back(std::move(rule));
        ++rule_count;
      }
    }
  }

  using K = Stage::Kind;
  add_stages(rs, PathKind::input, family,
             {{"raw/PREROUTING", K::filter},
              {"mangle/PREROUTING", K::filter},
              {"nat/PREROUTING", K::translate},
              {"mangle/INPUT", K::filter},
              {"filter/INPUT", K::filter},
              {"security/INPUT", K::filter},
              {"nat/INPUT", K::translate}});
  add_stages(rs, PathKind::forward, family,
             {{"raw/PREROUTING", K::filter},
              {"mangle/PREROUTING", K::filter},
              {"nat/PREROUTING", K::translate},
              {"mangle/FORWARD", K::filter},
              {"filter/FORWARD", K::filter},
              {"security/FORWARD", K::filter},
              {"mangle/POSTROUTING", K::filter},
              {"nat/POSTROUTING", K::translate}});
  add_stages(rs, PathKind::output, family,
             {{"raw/OUTPUT", K::filter},
              {"mangle/OUTPUT", K::filter},
              {"nat/OUTPUT", K::translate},
              {"filter/OUTPUT", K::filter},
              {"security/OUTPUT", K::filter},
              {"mangle/POSTROUTING", K::filter},
              {"nat/POSTROUTING", K::translate}});

  for (auto& [name, where] : lc.interfaces)
    rs.interfaces.push_back({name, {}, -1, where});

  rs.statistics = {{"tables", tables.size()},
                   {"chains", chain_count},
                   {"user chains", user_chains},
                   {"rules", rule_count}};
}

}  // namespace fwaudit::iptables
