// analyzer/fold.cpp
#include "analyzer/fold.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace fwaudit {

namespace {

constexpr int kMaxCallDepth = 128;

// Packets moving through a path together: `sure` surely and `may` possibly here, all rewritten by
// the same chain of translations. `origin_*` are the entering packets they came from.
struct Flow {
  PacketSet sure;
  PacketSet may;
  std::vector<const HeaderRewrite*> chain;
  PacketSet origin_sure;
  PacketSet origin_may;
  bool stateful = true;

  // A set of this flow's (rewritten) packets as the entering packets they came from.
  PacketSet back_sure(PacketSet x) const {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
      x = (*it)->preimage_sure(x);
    return x & origin_sure;
  }
  PacketSet back_may(PacketSet x) const {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
      x = (*it)->preimage_may(x);
    return x & origin_may;
  }
  // The translations applied so far, by value (they outlive the fold in its records).
  std::vector<HeaderRewrite> rewrites() const {
    std::vector<HeaderRewrite> out;
    for (const HeaderRewrite* r : chain)
      out.push_back(*r);
    return out;
  }
  Flow with(PacketSet s, PacketSet m) const {
    Flow f = *this;
    f.sure = std::move(s);
    f.may = std::move(m);
    return f;
  }
  Flow rewritten(const Translation& t, const PacketSet& hit_sure, const PacketSet& hit_may) const {
    if (t.exempt || !t.unknown_reason.empty() || t.rewrite.identity()) {
      // Unknown target: the packets go on unchanged but nothing about them is sure any more.
      return t.unknown_reason.empty() ? with(hit_sure, hit_may) : with(PacketSet::none(), hit_may);
    }
    Flow f = *this;
    f.origin_sure = back_sure(hit_sure);
    f.origin_may = back_may(hit_may);
    f.chain.push_back(&t.rewrite);
    f.sure = t.rewrite.image(hit_sure);
    f.may = t.rewrite.image(hit_may);
    return f;
  }
};

class Folder {
 public:
  explicit Folder(const Ruleset& rs) : rs_(rs) {}

  std::vector<Flow> passed;  // flows the current stage lets through
  PathFold result;

  // Folds `in` through policy `pid` from rule `start`; returns the flows that return to the caller.
  std::vector<Flow> fold_policy(PolicyId pid, int start, Flow in, int depth) {
    std::vector<Flow> returned;
    if (in.may.empty()) return returned;
    if (start == 0) result.reached[pid] |= in.back_may(in.may);
    const Policy& policy = rs_.policy(pid);
    if (depth > kMaxCallDepth) {
      decide({pid, -1}, Verdict::deny, in, PacketSet::none(), in.may);
      return returned;
    }
    for (int i = start; i < static_cast<int>(policy.rules.size()); ++i) {
      if (in.may.empty()) return returned;
      const Rule& rule = policy.rules[static_cast<std::size_t>(i)];
      PacketSet hit_sure = in.sure & rule.sure;
      PacketSet hit_may = in.may & rule.may;
      if (hit_may.empty()) continue;
      Flow rest = in.with(in.sure - rule.may, in.may - rule.sure);
      Flow hit = rule.translation ? in.rewritten(*rule.translation, hit_sure, hit_may)
                                  : in.with(hit_sure, hit_may);
      RuleRef ref{pid, i};
      if (hit.chain.size() != in.chain.size()) record_translated(ref, hit);
      switch (rule.action) {
        case RuleAction::permit:
          decide(ref, Verdict::permit, in, hit_sure, hit_may);
          hit.stateful = hit.stateful && rule.keeps_state;
          passed.push_back(std::move(hit));
          break;
        case RuleAction::deny:
        case RuleAction::reject:
          decide(ref, Verdict::deny, in, hit_sure, hit_may);
          break;
        case RuleAction::unknown:
          // Decided outside the ruleset: possibly permitted, never surely.
          decide(ref, Verdict::deny, in, PacketSet::none(), hit_may);
          passed.push_back(hit.with(PacketSet::none(), hit.may));
          break;
        case RuleAction::translate:
          passed.push_back(std::move(hit));
          break;
        case RuleAction::return_:
          returned.push_back(std::move(hit));
          break;
        case RuleAction::next:
          if (rule.translation && hit.chain.size() != in.chain.size()) {
            // Rewritten packets go on through the rest of this policy on their own.
            for (Flow& f : fold_policy(pid, i + 1, std::move(hit), depth))
              returned.push_back(std::move(f));
          } else {
            // A non-terminating rule: the packets it matched simply go on.
            rest = in;
          }
          break;
        case RuleAction::call:
        case RuleAction::go_to: {
          if (rule.target == kNoPolicy) {
            rest = in;
            break;
          }
          for (Flow& back : fold_policy(rule.target, 0, std::move(hit), depth + 1)) {
            if (rule.action == RuleAction::go_to) {
              returned.push_back(std::move(back));
            } else if (back.chain == rest.chain) {
              rest.sure |= back.sure;
              rest.may |= back.may;
            } else {
              for (Flow& f : fold_policy(pid, i + 1, std::move(back), depth))
                returned.push_back(std::move(f));
            }
          }
          break;
        }
      }
      in = std::move(rest);
    }
    // Whatever is left meets the policy's fallthrough.
    if (in.may.empty()) return returned;
    RuleRef ref{pid, -1};
    switch (policy.fallthrough) {
      case RuleAction::permit:
        decide(ref, Verdict::permit, in, in.sure, in.may);
        passed.push_back(in);
        break;
      case RuleAction::deny:
      case RuleAction::reject:
        decide(ref, Verdict::deny, in, in.sure, in.may);
        break;
      default:
        returned.push_back(in);
        break;
    }
    return returned;
  }

 private:
  void record_translated(RuleRef by, const Flow& hit) {
    if (hit.origin_may.empty()) return;
    result.translated.push_back({by, hit.rewrites(), hit.origin_may});
  }

  void decide(RuleRef by, Verdict v, const Flow& flow, const PacketSet& sure,
              const PacketSet& may) {
    PacketSet s = flow.back_sure(sure), m = flow.back_may(may);
    if (m.empty()) return;
    // One decision per (rule, verdict): merge into it; the index keeps this O(log n) on large
    // rulesets instead of a scan of every earlier decision.
    auto [it, fresh] = decision_index_.try_emplace({by, v}, result.decisions.size());
    if (!fresh) {
      Decision& d = result.decisions[it->second];
      d.sure |= s;
      d.may |= m;
      return;
    }
    result.decisions.push_back({by, v, s, m});
  }

  const Ruleset& rs_;
  std::map<std::pair<RuleRef, Verdict>, std::size_t> decision_index_;
};

void record_filtered(const std::vector<Flow>& flows, std::vector<PathFold::Moved>& out) {
  out.clear();
  for (const Flow& f : flows)
    if (!f.sure.empty()) out.push_back({f.rewrites(), f.back_sure(f.sure), f.sure});
}

}  // namespace

PacketSet PathFold::as_filtered(const PacketSet& entering) const {
  PacketSet out;
  for (const Moved& piece : filtered) {
    PacketSet x = entering & piece.origin;
    if (x.empty()) continue;
    for (const HeaderRewrite& r : piece.chain)
      x = r.image(x);
    out |= x & piece.packets;
  }
  return out;
}

PacketSet PathFold::entering_toward(const PacketSet& leaving) const {
  // Untranslated packets leave as they entered.
  PacketSet out = leaving & permitted_may;
  for (const Moved& d : delivered) {
    PacketSet x = leaving & d.packets;
    if (x.empty()) continue;
    for (auto it = d.chain.rbegin(); it != d.chain.rend(); ++it)
      x = it->preimage_may(x);
    out |= x & d.origin;
  }
  return out;
}

std::vector<const Decision*> PathFold::deciding(const PacketSet& s) const {
  std::vector<const Decision*> out;
  for (const Decision& d : decisions)
    if (d.sure.intersects(s)) out.push_back(&d);
  for (const Decision& d : decisions)
    if (!d.sure.intersects(s) && d.may.intersects(s)) out.push_back(&d);
  return out;
}

PathFold fold_path(const Ruleset& rs, PathKind kind, const PacketSet& entering) {
  Folder folder(rs);
  // A family no stage handles is outside what the configuration says: not folded at all.
  PacketSet covered;
  for (Family f : {Family::ipv4, Family::ipv6})
    if (rs.covers(kind, f)) covered |= PacketSet::family(f);
  const PacketSet in = entering & covered;
  std::vector<Flow> flows{{in, in, {}, in, in, true}};
  const PacketSet new_packets = PacketSet::state(ConnState::new_);
  std::map<int, std::vector<PathFold::Moved>> filtered;  // by the stage's family, -1: any
  for (const Stage& stage : rs.path(kind)) {
    std::vector<Flow> next, passed;
    for (Flow& flow : flows) {
      Flow subject = flow;
      if (stage.family) {
        // Packets of the other family pass this stage untouched.
        const PacketSet mine = PacketSet::family(*stage.family);
        Flow others = flow.with(flow.sure - mine, flow.may - mine);
        if (!others.may.empty()) next.push_back(std::move(others));
        subject = flow.with(flow.sure & mine, flow.may & mine);
      }
      if (stage.kind == Stage::Kind::translate) {
        // Only the first packet of a connection meets translation rules.
        Flow others = subject.with(subject.sure - new_packets, subject.may - new_packets);
        if (!others.may.empty()) next.push_back(std::move(others));
        subject = subject.with(subject.sure & new_packets, subject.may & new_packets);
      }
      folder.passed.clear();
      for (Flow& f : folder.fold_policy(stage.policy, 0, std::move(subject), 0))
        passed.push_back(std::move(f));
      for (Flow& f : folder.passed)
        passed.push_back(std::move(f));
    }
    // What passed a filter stage, as it saw it: the last filter stage of each family wins.
    if (stage.kind == Stage::Kind::filter)
      record_filtered(passed, filtered[stage.family ? static_cast<int>(*stage.family) : -1]);
    for (Flow& f : passed)
      next.push_back(std::move(f));
    flows = std::move(next);
  }
  PathFold& out = folder.result;
  for (auto& [family, pieces] : filtered)
    for (PathFold::Moved& piece : pieces)
      out.filtered.push_back(std::move(piece));
  out.permitted_sure = PacketSet::none();
  out.permitted_may = PacketSet::none();
  out.stateful_sure = PacketSet::none();
  for (const Flow& f : flows) {
    PacketSet s = f.back_sure(f.sure);
    out.permitted_sure |= s;
    out.permitted_may |= f.back_may(f.may);
    if (f.stateful) out.stateful_sure |= s;
    if (!f.chain.empty() && !f.may.empty())
      out.delivered.push_back({f.rewrites(), f.origin_may, f.may});
  }
  // The path's end is not a rule: record what passed all stages for attribution of permits by
  // the last permitting rule only (decisions above), nothing to add here.
  return std::move(folder.result);
}

}  // namespace fwaudit
