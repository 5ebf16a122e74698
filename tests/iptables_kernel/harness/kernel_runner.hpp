// tests/iptables_kernel/harness/kernel_runner.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/kernel_verdict.hpp"
#include "harness/probe.hpp"
#include "harness/ruleset_file.hpp"

namespace fwk {

// Which iptables the kernel rules are loaded with: Debian 12's default `iptables` is the
// nf_tables backend (iptables-nft); iptables-legacy drives the old x_tables interface.
enum class Backend { nft, legacy };
const char* to_string(Backend b);

// The kernel's answer for one probe.
struct KernelResult {
  KernelVerdict verdict;
  std::optional<int> rule_line;  // line of the deciding rule in the ruleset file
  // Where a copy of the packet left the firewall (interface), for forward / output probes.
  std::vector<std::string> left_by;
  std::string translated;  // the copy's header when NAT changed it
  std::string problem;     // why this answer cannot be trusted; empty when it can
  int attempts = 1;
};

// Loads one ruleset into a fresh topology and sends every probe through it. Established and
// related probes get their setup packets first, under a permissive ruleset.
class KernelRunner {
 public:
  explicit KernelRunner(Backend backend) : backend_(backend) {}
  // Throws SetupError when the kernel side cannot be set up or the ruleset does not load.
  std::vector<KernelResult> run(const RulesetFile& ruleset, const std::vector<Probe>& probes);

  // Checks root, namespaces and the tools; returns why the test must be skipped, or "".
  std::string unavailable() const;

 private:
  std::string tool(bool v6, const char* what) const;  // "ip6tables-nft-save"
  Backend backend_;
};

}  // namespace fwk
