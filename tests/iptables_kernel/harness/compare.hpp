// tests/iptables_kernel/harness/compare.hpp
#pragma once

#include <string>
#include <vector>

#include "harness/fwaudit_query.hpp"
#include "harness/kernel_runner.hpp"
#include "harness/probe.hpp"
#include "harness/ruleset_file.hpp"

namespace fwk {

// The comparison of one ruleset's probes: kernel against fwaudit.
struct Tally {
  int rulesets = 0;
  int packets = 0;
  int agreements = 0;                 // same verdict and same deciding rule (or both a policy)
  int verdict_disagreements = 0;      // permit against deny
  int rule_disagreements = 0;         // same verdict, another deciding rule
  int uncertain = 0;                  // fwaudit answered certain=false: not comparable
  int kernel_unusable = 0;            // the kernel's answer could not be established
  std::vector<std::string> messages;  // one line per disagreement or unusable packet

  int disagreements() const { return verdict_disagreements + rule_disagreements; }
  void add(const Tally& other);
  std::string summary() const;
};

Tally compare(const RulesetFile& ruleset, const std::vector<Probe>& probes,
              const std::vector<KernelResult>& kernel, const std::vector<FwauditAnswer>& fwaudit);

// "line 12" or "policy" for messages.
std::string rule_label(const std::optional<int>& line);

}  // namespace fwk
