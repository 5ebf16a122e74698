// tests/iptables_kernel/harness/kernel_verdict.cpp
#include "harness/kernel_verdict.hpp"

#include <map>
#include <set>
#include <vector>

namespace fwk {
namespace {

bool non_terminating(std::string_view target) {
  static const std::set<std::string_view> names = {
      "",        "LOG",         "NFLOG",   "ULOG",   "MARK",      "CONNMARK", "CLASSIFY",
      "TRACE",   "AUDIT",       "DSCP",    "TOS",    "TTL",       "HL",       "ECN",
      "SECMARK", "CONNSECMARK", "NOTRACK", "TCPMSS", "IDLETIMER", "NFACCT"};
  return names.count(target) != 0;
}

class Replay {
 public:
  Replay(const SavedTable& before, const SavedTable& after) : after_(after) {
    structure_changed_ = before.chains.size() != after.chains.size();
    for (const auto& chain : after.chains) {
      const SavedChain* old = before.find(chain.name);
      if (old == nullptr || old->rules.size() != chain.rules.size()) structure_changed_ = true;
      auto& left = remaining_[chain.name];
      for (std::size_t i = 0; i < chain.rules.size(); ++i) {
        std::uint64_t was = old != nullptr && i < old->rules.size() ? old->rules[i].packets : 0;
        left.push_back(chain.rules[i].packets >= was ? chain.rules[i].packets - was : 0);
        if (chain.rules[i].packets < was) structure_changed_ = true;
      }
      std::uint64_t was = old != nullptr ? old->policy_packets : 0;
      policy_delta_[chain.name] = chain.policy_packets >= was ? chain.policy_packets - was : 0;
    }
  }

  bool structure_changed() const { return structure_changed_; }
  bool consumed() const { return consumed_; }

  // Result of walking one chain: decided (verdict set) or returned.
  struct Step {
    bool decided = false;
    KernelVerdict verdict;
  };

  Step walk(const std::string& name, int depth) {
    Step step;
    const SavedChain* chain = after_.find(name);
    if (chain == nullptr || depth > 64) {
      step.decided = true;
      step.verdict = {KernelVerdict::Kind::inconsistent, name, -1,
                      chain == nullptr ? "jump to missing chain " + name : "jumps nest too deep"};
      return step;
    }
    reached_.insert(name);
    auto& left = remaining_[name];
    for (std::size_t i = 0; i < chain->rules.size(); ++i) {
      if (left[i] == 0) continue;
      --left[i];
      consumed_ = true;
      const auto& rule = chain->rules[i];
      const std::string& t = rule.target;
      KernelVerdict v{KernelVerdict::Kind::permit, name, static_cast<int>(i), t};
      if (t == "ACCEPT") return {true, v};
      if (t == "DROP" || t == "REJECT") {
        v.kind = KernelVerdict::Kind::deny;
        return {true, v};
      }
      if (t == "RETURN") return step;
      if (non_terminating(t)) continue;
      if (after_.find(t) != nullptr) {
        Step inner = walk(t, depth + 1);
        if (inner.decided) return inner;
        if (rule.is_goto) return step;
        continue;
      }
      v.kind = KernelVerdict::Kind::unknown;
      return {true, v};
    }
    return step;
  }

  // Increments the replay did not use, in the chains it reached.
  std::string leftovers() const {
    std::string out;
    for (const auto& name : reached_) {
      const auto& left = remaining_.at(name);
      for (std::size_t i = 0; i < left.size(); ++i) {
        if (left[i] != 0) {
          out += (out.empty() ? "" : "; ") + name + " rule " + std::to_string(i + 1) + " +" +
                 std::to_string(left[i]);
        }
      }
    }
    return out;
  }

  std::uint64_t policy_delta(const std::string& chain) const {
    auto it = policy_delta_.find(chain);
    return it == policy_delta_.end() ? 0 : it->second;
  }

 private:
  const SavedTable& after_;
  std::map<std::string, std::vector<std::uint64_t>> remaining_;
  std::map<std::string, std::uint64_t> policy_delta_;
  std::set<std::string> reached_;
  bool structure_changed_ = false;
  bool consumed_ = false;
};

std::uint64_t total_increments(const SavedTable& before, const SavedTable& after) {
  std::uint64_t sum = 0;
  for (const auto& chain : after.chains) {
    const SavedChain* old = before.find(chain.name);
    for (std::size_t i = 0; i < chain.rules.size(); ++i) {
      std::uint64_t was = old != nullptr && i < old->rules.size() ? old->rules[i].packets : 0;
      if (chain.rules[i].packets > was) sum += chain.rules[i].packets - was;
    }
  }
  return sum;
}

}  // namespace

const char* to_string(KernelVerdict::Kind k) {
  switch (k) {
    case KernelVerdict::Kind::permit:
      return "permit";
    case KernelVerdict::Kind::deny:
      return "deny";
    case KernelVerdict::Kind::unknown:
      return "unknown";
    case KernelVerdict::Kind::unobserved:
      return "unobserved";
    case KernelVerdict::Kind::inconsistent:
      return "inconsistent";
  }
  return "?";
}

KernelVerdict decide(const SavedTable& before, const SavedTable& after,
                     std::string_view hook_chain) {
  std::string hook(hook_chain);
  Replay replay(before, after);
  if (replay.structure_changed()) {
    return {KernelVerdict::Kind::inconsistent, hook, -1, "the table changed between snapshots"};
  }
  const SavedChain* builtin = after.find(hook);
  if (builtin == nullptr) {
    return {KernelVerdict::Kind::inconsistent, hook, -1, "no chain " + hook + " in the table"};
  }
  auto policy_moved = replay.policy_delta(hook);
  if (total_increments(before, after) == 0 && policy_moved == 0) {
    return {KernelVerdict::Kind::unobserved, hook, -1, "no counter moved"};
  }
  auto step = replay.walk(hook, 0);
  KernelVerdict verdict;
  if (step.decided) {
    verdict = step.verdict;
    if (policy_moved != 0) {
      return {KernelVerdict::Kind::inconsistent, hook, -1,
              "a rule decided (" + verdict.chain + " rule " +
                  std::to_string(verdict.rule_index + 1) + ") but the policy counter moved too"};
    }
  } else {
    if (policy_moved == 0 && !replay.consumed()) {
      return {KernelVerdict::Kind::unobserved, hook, -1, "no counter of " + hook + " moved"};
    }
    if (policy_moved != 1) {
      return {KernelVerdict::Kind::inconsistent, hook, -1,
              "the traversal fell to the policy of " + hook + ", whose counter moved by " +
                  std::to_string(policy_moved)};
    }
    verdict = {
        builtin->policy == "ACCEPT" ? KernelVerdict::Kind::permit : KernelVerdict::Kind::deny, hook,
        -1, "policy " + builtin->policy};
  }
  auto left = replay.leftovers();
  if (!left.empty()) {
    return {KernelVerdict::Kind::inconsistent, hook, -1,
            "increments no traversal explains: " + left};
  }
  return verdict;
}

}  // namespace fwk
