// analyzer/evaluate.cpp
#include "analyzer/evaluate.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace fwaudit {

const char* to_string(Verdict v) {
  return v == Verdict::permit ? "permit" : "deny";
}

namespace {

constexpr int kMaxCallDepth = 128;  // deeper means a cycle the parser did not catch
constexpr int kMaxBranches = 256;   // runs explored to settle uncertain matches

struct RuleKey {
  PolicyId policy;
  int rule;
  auto operator<=>(const RuleKey&) const = default;
};

// How one deterministic run ended.
struct Run {
  enum class End { permit, deny, unknown } end = End::deny;
  std::optional<SourceLocation> rule;
  std::string decided_by;
  SourceLocation fallthrough_location;
  Packet packet;
  std::vector<TraceStep> trace;
  bool state_kept = true;
  std::vector<RuleKey> open_choices;  // uncertain rules met that this run assumed not to match
  bool unknown_rewrite = false;       // a translation to an address unknown offline happened
  bool filtered_after_unknown_rewrite = false;
  std::vector<std::string> unknowns;
};

// What a policy evaluation returned to its caller.
struct Exit {
  enum class Kind { verdict, returned, translated } kind = Kind::returned;
  RuleAction action = RuleAction::return_;
  std::optional<SourceLocation> rule;
  std::string decided_by;
  SourceLocation fallthrough_location;
  bool keeps_state = true;
};

class Interpreter {
 public:
  Interpreter(const Ruleset& rs, const std::map<RuleKey, bool>& choices, Run& run)
      : rs_(rs), choices_(choices), run_(run), probe_(run.packet) {}

  void run_path(PathKind kind) {
    if (!rs_.covers(kind, run_.packet.family)) {
      // Nothing in the configuration filters this family (an ip6tables-save file and IPv4).
      run_.decided_by = std::string("no ") +
                        (run_.packet.family == Family::ipv6 ? "IPv6" : "IPv4") +
                        " rules in this configuration";
      run_.end = Run::End::unknown;
      return;
    }
    for (const Stage& stage : rs_.path(kind)) {
      if (!stage.applies_to(run_.packet.family)) continue;
      const Policy& policy = rs_.policy(stage.policy);
      if (stage.kind == Stage::Kind::translate && run_.packet.state != ConnState::new_) {
        run_.trace.push_back(
            {policy.name, -1, policy.location,
             "skipped: translation rules see only the first packet of a connection"});
        continue;
      }
      if (stage.kind == Stage::Kind::filter && run_.unknown_rewrite)
        run_.filtered_after_unknown_rewrite = true;
      Exit exit = run_policy(stage.policy, 0);
      if (exit.kind == Exit::Kind::verdict) {
        if (exit.action == RuleAction::permit) {
          run_.state_kept = run_.state_kept && exit.keeps_state;
          // Who decided a permitted packet: the last filter rule that permitted it; else the
          // first filter default that did; translation stages only when no filter decided.
          bool filter = stage.kind == Stage::Kind::filter;
          if ((filter && (exit.rule || !filter_decided_)) || (!filter_decided_ && !run_.rule))
            remember(exit);
          filter_decided_ = filter_decided_ || filter;
          continue;
        }
        // A deny ends the path in any stage, translation stages included (a DROP in nat).
        remember(exit);
        run_.end = exit.action == RuleAction::unknown ? Run::End::unknown : Run::End::deny;
        return;
      }
      // The top policy returned without a decision: the stage lets the packet go on.
    }
    run_.end = Run::End::permit;
  }

 private:
  void remember(const Exit& exit) {
    run_.rule = exit.rule;
    run_.decided_by = exit.decided_by;
    run_.fallthrough_location = exit.fallthrough_location;
  }

  bool matches(PolicyId pid, int index, const Rule& rule, std::string& event) {
    if (rule.sure.contains(probe_)) return true;
    if (!rule.may.contains(probe_)) return false;
    RuleKey key{pid, index};
    auto chosen = choices_.find(key);
    std::string why;
    for (const auto& u : rule.unknowns)
      why += (why.empty() ? "" : "; ") + u;
    for (const auto& u : rule.unknowns)
      if (std::find(run_.unknowns.begin(), run_.unknowns.end(), u) == run_.unknowns.end())
        run_.unknowns.push_back(u);
    if (chosen == choices_.end()) {
      if (std::find(run_.open_choices.begin(), run_.open_choices.end(), key) ==
          run_.open_choices.end())
        run_.open_choices.push_back(key);
      event = "uncertain match (" + why + "): taken as no match";
      return false;
    }
    event = std::string("uncertain match (") + why + "): taken as " +
            (chosen->second ? "match" : "no match");
    return chosen->second;
  }

  void translate(const Rule& rule, std::string& event) {
    const Translation& t = *rule.translation;
    if (t.exempt) {
      event += ", translation exempt";
      return;
    }
    if (!t.unknown_reason.empty()) {
      event += ", translated to an address unknown offline (" + t.unknown_reason + ")";
      run_.unknown_rewrite = true;
      if (std::find(run_.unknowns.begin(), run_.unknowns.end(), t.unknown_reason) ==
          run_.unknowns.end())
        run_.unknowns.push_back(t.unknown_reason);
      return;
    }
    run_.packet = t.rewrite.apply(run_.packet);
    probe_ = PacketProbe(run_.packet);
    event += ", translated: " + t.rewrite.to_string();
  }

  Exit run_policy(PolicyId pid, int depth) {
    const Policy& policy = rs_.policy(pid);
    if (depth > kMaxCallDepth) {
      run_.trace.push_back(
          {policy.name, -1, policy.location, "call depth exceeded: evaluation stopped"});
      Exit e;
      e.kind = Exit::Kind::verdict;
      e.action = RuleAction::unknown;
      e.decided_by = "call depth exceeded in " + policy.name;
      return e;
    }
    for (int i = 0; i < static_cast<int>(policy.rules.size()); ++i) {
      const Rule& rule = policy.rules[static_cast<std::size_t>(i)];
      std::string event;
      if (!matches(pid, i, rule, event)) {
        run_.trace.push_back({policy.name, i, rule.location, event.empty() ? "no match" : event});
        continue;
      }
      if (event.empty()) event = "match";
      event += std::string(": ") + to_string(rule.action);
      if ((rule.action == RuleAction::call || rule.action == RuleAction::go_to) &&
          rule.target != kNoPolicy)
        event += " " + rs_.policy(rule.target).name;
      if (rule.translation) translate(rule, event);
      run_.trace.push_back({policy.name, i, rule.location, event});
      Exit e;
      e.rule = rule.location;
      e.decided_by = rule.location.text.empty() ? policy.name + " rule " + std::to_string(i + 1)
                                                : rule.location.text;
      e.keeps_state = rule.keeps_state;
      switch (rule.action) {
        case RuleAction::permit:
        case RuleAction::deny:
        case RuleAction::reject:
        case RuleAction::unknown:
          e.kind = Exit::Kind::verdict;
          e.action = rule.action;
          return e;
        case RuleAction::translate:
          e.kind = Exit::Kind::translated;
          e.action = rule.action;
          return e;
        case RuleAction::return_:
          return Exit{};
        case RuleAction::next:
          continue;
        case RuleAction::call:
        case RuleAction::go_to: {
          if (rule.target == kNoPolicy) continue;
          Exit inner = run_policy(rule.target, depth + 1);
          if (inner.kind != Exit::Kind::returned) return inner;
          if (rule.action == RuleAction::go_to) return Exit{};
          continue;
        }
      }
    }
    Exit e;
    e.fallthrough_location = policy.fallthrough_location;
    e.decided_by =
        policy.fallthrough_label.empty() ? "end of " + policy.name : policy.fallthrough_label;
    if (policy.fallthrough == RuleAction::return_) {
      run_.trace.push_back({policy.name, -1, policy.fallthrough_location, "end of policy: return"});
      return e;
    }
    e.kind = Exit::Kind::verdict;
    e.action = policy.fallthrough;
    run_.trace.push_back({policy.name, -1, policy.fallthrough_location,
                          std::string("fallthrough: ") + to_string(policy.fallthrough)});
    return e;
  }

  const Ruleset& rs_;
  const std::map<RuleKey, bool>& choices_;
  Run& run_;
  PacketProbe probe_;  // run_.packet laid out for the BDDs, rebuilt after a translation
  bool filter_decided_ = false;
};

Run run_once(const Ruleset& rs, const Packet& p, const std::map<RuleKey, bool>& choices) {
  Run run;
  run.packet = p;
  Interpreter(rs, choices, run).run_path(path_of(p));
  return run;
}

// Every distinct run over the uncertain matches met, the run with no uncertain match first.
std::vector<Run> all_runs(const Ruleset& rs, const Packet& p, bool& exhausted) {
  std::vector<Run> runs;
  std::vector<std::map<RuleKey, bool>> pending{{}};
  exhausted = true;
  while (!pending.empty()) {
    if (static_cast<int>(runs.size()) >= kMaxBranches) {
      exhausted = false;
      break;
    }
    auto choices = std::move(pending.front());
    pending.erase(pending.begin());
    Run run = run_once(rs, p, choices);
    // Fork at each uncertain rule this run assumed not to match, earlier ones fixed to no match.
    auto fixed = choices;
    for (const RuleKey& key : run.open_choices) {
      auto flipped = fixed;
      flipped[key] = true;
      pending.push_back(std::move(flipped));
      fixed[key] = false;
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

Evaluation evaluate_new(const Ruleset& rs, const Packet& p, bool* state_kept) {
  bool exhausted = true;
  std::vector<Run> runs = all_runs(rs, p, exhausted);
  const Run& primary = runs.front();
  Evaluation e;
  e.verdict = primary.end == Run::End::permit ? Verdict::permit : Verdict::deny;
  e.certain = exhausted && primary.end != Run::End::unknown;
  for (const Run& r : runs) {
    bool same = (r.end == Run::End::permit) == (primary.end == Run::End::permit);
    if (!same || r.end == Run::End::unknown) e.certain = false;
    for (const auto& u : r.unknowns)
      if (std::find(e.unknowns.begin(), e.unknowns.end(), u) == e.unknowns.end())
        e.unknowns.push_back(u);
  }
  // Filtering that came after a rewrite to an unknown address judged a guessed packet.
  if (primary.filtered_after_unknown_rewrite) e.certain = false;
  if (primary.end == Run::End::unknown &&
      std::find(e.unknowns.begin(), e.unknowns.end(), primary.decided_by) == e.unknowns.end())
    e.unknowns.push_back("verdict decided outside the ruleset: " + primary.decided_by);
  if (!exhausted) e.unknowns.push_back("too many uncertain matches to explore every combination");
  e.rule = primary.rule;
  e.decided_by = primary.decided_by;
  e.fallthrough_location = primary.fallthrough_location;
  e.translated = primary.packet;
  e.trace = primary.trace;
  if (state_kept) *state_kept = primary.state_kept;
  return e;
}

}  // namespace

Evaluation evaluate(const Ruleset& rs, const Packet& p) {
  bool reply =
      rs.implicit_state && (p.state == ConnState::established || p.state == ConnState::related);
  if (!reply) return evaluate_new(rs, p, nullptr);

  // A reply passes through the state table when the connection's first packet was permitted by
  // rules that keep state; the rules themselves are not consulted for it.
  Packet first = p.reply();
  first.state = ConnState::new_;
  if (p.is_icmp()) first.dport = p.dport;  // ICMP replies are matched by type in the state table
  bool kept = false;
  Evaluation original = evaluate_new(rs, first, &kept);
  Evaluation e = original;
  e.translated = p;
  e.trace.insert(e.trace.begin(),
                 {"state table", -1, {}, "reply of connection " + first.to_string()});
  if (original.verdict == Verdict::permit && !kept) {
    e.verdict = Verdict::deny;
    e.decided_by = "the connection's rule keeps no state (" + original.decided_by + ")";
  }
  e.trace.push_back({"state table",
                     -1,
                     {},
                     e.verdict == Verdict::permit ? "reply passes: connection state exists"
                                                  : "reply dropped: no state for this connection"});
  return e;
}

}  // namespace fwaudit
