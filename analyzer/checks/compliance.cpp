// analyzer/checks/compliance.cpp
#include "analyzer/checks/compliance.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "analyzer/checks/describe_set.hpp"
#include "analyzer/checks/state_relabel.hpp"

namespace fwaudit::checks {

namespace {

const Rule* rule_of(const Ruleset& rs, RuleRef ref) {
  if (ref.policy == kNoPolicy || ref.is_fallthrough()) return nullptr;
  const Policy& p = rs.policy(ref.policy);
  return ref.rule < static_cast<int>(p.rules.size()) ? &p.rules[static_cast<std::size_t>(ref.rule)]
                                                     : nullptr;
}

void add_unique(std::vector<std::string>& list, const std::string& s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

// Decisions of `verdict` over `part`: surely deciding ones first.
std::vector<Responsible> deciders(const PathFold& fold, const PacketSet& part, Verdict verdict) {
  std::vector<Responsible> out;
  for (const Decision* d : fold.deciding(part)) {
    if (d->verdict != verdict) continue;
    out.push_back({d->by, d->verdict, d->sure.intersects(part)});
  }
  return out;
}

ReturnPath check_replies(const Ruleset& rs, const RequiredFlow& flow, const PathFold& fold,
                         const PacketSet& permitted, const PathFolds* folds) {
  ReturnPath r;
  if (permitted.empty()) return r;
  r.checked = true;
  if (rs.implicit_state) {
    PacketSet stateless = permitted - (fold.stateful_sure & permitted);
    if (stateless.empty()) return r;
    r.ok = false;
    r.blocked = with_state(stateless, ConnState::established).swapped();
    r.witness = r.blocked.witness();
    for (const Decision* d : fold.deciding(stateless)) {
      const Rule* rule = rule_of(rs, d->by);
      if (d->verdict == Verdict::permit && rule != nullptr && !rule->keeps_state)
        r.responsible.push_back({d->by, d->verdict, true});
    }
    r.note = "permitted without keeping state: replies are not let back";
    return r;
  }
  // Replies meet the reverse path's filter as the mirror of what the forward filter saw: for a
  // DNATed connection from the real server's address, for a SNATed one to the real client's.
  bool exact = true;
  PacketSet seen = fold.filtered.empty() ? permitted : fold.as_filtered(permitted);
  PacketSet replies = with_state(seen, ConnState::established, &exact).swapped();
  std::optional<PathFold> own;
  if (folds == nullptr) own = fold_path(rs, reverse_path(flow.path), replies);
  const PathFold& back = folds ? folds->fold(reverse_path(flow.path)) : *own;
  // Surely blocked is proven on the may side: a reply a may-match rule could let through is only
  // uncertain.
  PacketSet blocked = replies - (back.permitted_may & replies);
  PacketSet unsure = (replies & back.permitted_may) - back.permitted_sure;
  if (!exact) r.note = "replies computed approximately (complex permitted set)";
  if (blocked.empty() && unsure.empty()) return r;
  const PacketSet& shown = blocked.empty() ? unsure : blocked;
  // The reply of a readable first packet (client port 40000 rather than the lowest one).
  if (auto first = with_state(shown.swapped(), ConnState::new_).witness()) {
    Packet reply = first->reply();
    r.witness = shown.contains(reply) ? reply : shown.witness();
  }
  if (!blocked.empty()) {
    r.ok = false;
    r.blocked = blocked;
    r.responsible = deciders(back, blocked, Verdict::deny);
    return r;
  }
  r.unsure = unsure;
  for (const Decision* d : back.deciding(unsure)) {
    const Rule* rule = rule_of(rs, d->by);
    if (rule == nullptr || rule->certain() || !(d->may - d->sure).intersects(unsure)) continue;
    r.responsible.push_back({d->by, d->verdict, false});
    for (const std::string& u : rule->unknowns)
      add_unique(r.unknowns, u);
  }
  return r;
}

// Policies a stage's policy reaches through calls and gotos (itself included).
std::vector<PolicyId> reachable(const Ruleset& rs, PolicyId top) {
  std::vector<PolicyId> seen{top};
  for (std::size_t i = 0; i < seen.size(); ++i)
    for (const Rule& r : rs.policy(seen[i]).rules)
      if ((r.action == RuleAction::call || r.action == RuleAction::go_to) &&
          r.target != kNoPolicy && std::find(seen.begin(), seen.end(), r.target) == seen.end())
        seen.push_back(r.target);
  return seen;
}

// Whether policies let through everything that reaches them (no rule that drops or might).
bool passes_everything(const Ruleset& rs, const std::vector<PolicyId>& policies) {
  if (rs.policy(policies.front()).fallthrough != RuleAction::permit) return false;
  for (PolicyId id : policies)
    for (const Rule& r : rs.policy(id).rules)
      if (r.action == RuleAction::deny || r.action == RuleAction::reject ||
          r.action == RuleAction::unknown)
        return false;
  return true;
}

}  // namespace

std::vector<Responsible> permitting_rules(const Ruleset& rs, PathKind path, const PathFold& fold,
                                          const PacketSet& part) {
  std::vector<Responsible> out;
  PacketSet left = part;
  const auto& stages = rs.path(path);
  // Rules first, then default policies, those of stages that filter before those that let
  // everything through: an empty mangle chain after the filter table did not choose the packets.
  // Among rules, the narrowest stage's first: a pf `pass in on em0 proto tcp to port 25` chose
  // the packets that a later `pass out all` also lets through.
  std::vector<const Stage*> by_width;
  std::vector<double> width;
  for (auto st = stages.rbegin(); st != stages.rend(); ++st) {
    if (st->kind != Stage::Kind::filter) continue;
    std::vector<PolicyId> policies = reachable(rs, st->policy);
    PacketSet lets;
    for (const Decision* d : fold.deciding(part))
      if (d->verdict == Verdict::permit && !d->by.is_fallthrough() &&
          std::find(policies.begin(), policies.end(), d->by.policy) != policies.end())
        lets |= d->may;
    by_width.push_back(&*st);
    width.push_back(lets.empty() ? std::numeric_limits<double>::infinity() : lets.count());
  }
  std::vector<std::size_t> order(by_width.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return width[a] < width[b]; });
  enum class Round { rules, policies, pass_through };
  for (Round round : {Round::rules, Round::policies, Round::pass_through}) {
    for (std::size_t k = 0; k < order.size() && !left.empty(); ++k) {
      // Rules: narrowest stage first; policies: the last stage first, as before.
      const Stage* st = round == Round::rules ? by_width[order[k]] : by_width[k];
      std::vector<PolicyId> policies = reachable(rs, st->policy);
      if (round != Round::rules &&
          (round == Round::pass_through) != passes_everything(rs, policies))
        continue;
      PacketSet covered;
      for (const Decision* d : fold.deciding(left)) {
        if (d->verdict != Verdict::permit || d->by.is_fallthrough() != (round != Round::rules) ||
            std::find(policies.begin(), policies.end(), d->by.policy) == policies.end())
          continue;
        out.push_back({d->by, d->verdict, d->sure.intersects(left)});
        covered |= d->may;
      }
      left -= covered;
    }
  }
  return out;
}

PathKind reverse_path(PathKind k) {
  switch (k) {
    case PathKind::input:
      return PathKind::output;
    case PathKind::output:
      return PathKind::input;
    case PathKind::forward:
      break;
  }
  return PathKind::forward;
}

Compliance check_compliance(const Ruleset& rs, const RequiredFlow& flow, const PathFolds* folds) {
  Compliance c;
  c.required = flow.packets();
  std::optional<PathFold> own;
  if (folds == nullptr) own = fold_path(rs, flow.path, c.required);
  const PathFold& fold = folds ? folds->fold(flow.path) : *own;
  c.permitted = fold.permitted_sure & c.required;
  PacketSet may = fold.permitted_may & c.required;
  c.blocked = c.required - may;
  c.unsure = may - c.permitted;

  if (c.required.empty()) {
    c.status = Status::not_applicable;
    c.summary = "no packet matches this flow (no address of the requested family?)";
    return c;
  }
  if (c.blocked.empty() && c.unsure.empty()) {
    c.status = Status::satisfied;
    c.summary = flow.service_label + " " + flow.peer_label() + " permitted";
    c.witness = c.permitted.witness();
    c.responsible = permitting_rules(rs, flow.path, fold, c.permitted);
  } else if (!c.unsure.empty()) {
    c.status = Status::uncertain;
    c.witness = c.unsure.witness();
    // The rules whose unknowns leave part of the flow open; the others only decide what the
    // uncertain rules may let through.
    for (const Decision* d : fold.deciding(c.unsure)) {
      const Rule* rule = rule_of(rs, d->by);
      if (rule == nullptr || rule->certain() || !(d->may - d->sure).intersects(c.unsure)) continue;
      c.responsible.push_back({d->by, d->verdict, false});
      for (const std::string& u : rule->unknowns)
        add_unique(c.unknowns, u);
    }
    if (c.responsible.empty())
      for (const Decision* d : fold.deciding(c.unsure))
        c.responsible.push_back({d->by, d->verdict, d->sure.intersects(c.unsure)});
    c.summary = c.permitted.empty() && c.blocked.empty()
                    ? flow.service_label + " " + flow.peer_label() + " uncertain"
                : c.permitted.empty()
                    ? describe_split(c.blocked, c.unsure, "blocked", "uncertain")
                    : describe_split(c.permitted, c.unsure, "permitted", "uncertain");
  } else if (c.permitted.empty()) {
    c.status = Status::missing;
    c.witness = c.blocked.witness();
    c.responsible = deciders(fold, c.blocked, Verdict::deny);
    c.summary = flow.service_label + " " + flow.peer_label() + " blocked";
  } else {
    c.status = Status::partial;
    c.witness = c.blocked.witness();
    c.responsible = deciders(fold, c.blocked, Verdict::deny);
    c.summary = describe_split(c.permitted, c.blocked, "permitted", "blocked");
  }
  c.replies = check_replies(rs, flow, fold, c.permitted, folds);
  return c;
}

}  // namespace fwaudit::checks
