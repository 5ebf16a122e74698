// tests/iptables_kernel/harness/compare.cpp
#include "harness/compare.hpp"

namespace fwk {

std::string rule_label(const std::optional<int>& line) {
  return line ? "line " + std::to_string(*line) : "policy";
}

void Tally::add(const Tally& o) {
  rulesets += o.rulesets;
  packets += o.packets;
  agreements += o.agreements;
  verdict_disagreements += o.verdict_disagreements;
  rule_disagreements += o.rule_disagreements;
  uncertain += o.uncertain;
  kernel_unusable += o.kernel_unusable;
  messages.insert(messages.end(), o.messages.begin(), o.messages.end());
}

std::string Tally::summary() const {
  return std::to_string(rulesets) + " rulesets, " + std::to_string(packets) + " packets, " +
         std::to_string(agreements) + " agreements, " + std::to_string(disagreements()) +
         " disagreements (" + std::to_string(verdict_disagreements) + " verdict, " +
         std::to_string(rule_disagreements) + " deciding rule), " + std::to_string(uncertain) +
         " uncertain (not compared), " + std::to_string(kernel_unusable) +
         " without a usable kernel answer";
}

Tally compare(const RulesetFile& ruleset, const std::vector<Probe>& probes,
              const std::vector<KernelResult>& kernel, const std::vector<FwauditAnswer>& fwaudit) {
  Tally t;
  t.rulesets = 1;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    ++t.packets;
    const auto& probe = probes[i];
    const auto& k = kernel[i];
    const auto& f = fwaudit[i];
    std::string head = ruleset.name + ": packet " + std::to_string(probe.id) + " (" + probe.why +
                       "): " + probe.describe() + ": ";
    bool kernel_decided = k.verdict.kind == KernelVerdict::Kind::permit ||
                          k.verdict.kind == KernelVerdict::Kind::deny;
    if (!k.problem.empty() || !kernel_decided) {
      ++t.kernel_unusable;
      t.messages.push_back(head + "kernel answer unusable: " +
                           (k.problem.empty()
                                ? std::string(to_string(k.verdict.kind)) + " " + k.verdict.detail
                                : k.problem));
      continue;
    }
    if (!f.certain) {
      ++t.uncertain;
      continue;
    }
    std::string kernel_verdict = to_string(k.verdict.kind);
    std::string both = "kernel " + kernel_verdict + " (" + rule_label(k.rule_line) + ", " +
                       k.verdict.detail + "), fwaudit " + f.verdict + " (" +
                       rule_label(f.rule_line) + ")";
    if (!f.trace.empty()) both += "; fwaudit trace: " + f.trace;
    if (kernel_verdict != f.verdict) {
      ++t.verdict_disagreements;
      t.messages.push_back(head + "VERDICT DIFFERS: " + both);
    } else if (k.rule_line != f.rule_line) {
      ++t.rule_disagreements;
      t.messages.push_back(head + "DECIDING RULE DIFFERS: " + both);
    } else {
      ++t.agreements;
    }
  }
  return t;
}

}  // namespace fwk
