// tests/iptables_kernel/harness/main.cpp
//
// fwk_differential: the kernel differential test for iptables semantics. For every ruleset in
// the rulesets folder it builds a fresh set of network namespaces, loads the ruleset with
// iptables-restore (ip6tables-restore), sends each generated packet through the real kernel,
// reads which rule took it from the counters, and compares with `fwaudit query`. See
// docs/testing-kernel.md.
//
// Exit status: 0 all packets agree; 1 any disagreement or unusable answer; 2 bad usage or a
// setup failure; 77 the kernel side cannot run here (not root, no namespaces): skipped.
#include <dirent.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "harness/compare.hpp"
#include "harness/fwaudit_query.hpp"
#include "harness/generator.hpp"
#include "harness/kernel_runner.hpp"
#include "harness/ruleset_file.hpp"

namespace {

constexpr int kSkip = 77;

struct Options {
  std::string fwaudit;
  std::string rulesets_dir;
  fwk::Backend backend = fwk::Backend::nft;
  std::uint64_t seed = 20261123;
  std::vector<std::string> only;
  bool kernel_only = false;  // no fwaudit: print what the kernel did
  bool list = false;         // no kernel either: print the packets
  bool verbose = false;
  int require_rulesets = 0;
  int require_packets = 0;
};

void usage() {
  std::cerr << "usage: fwk_differential --rulesets DIR (--fwaudit PATH | --kernel-only | --list)\n"
               "         [--backend nft|legacy] [--seed N] [--only NAME]... [--verbose]\n"
               "         [--require-rulesets N] [--require-packets N]\n";
}

bool parse_options(int argc, char** argv, Options& o) {
  if (const char* b = std::getenv("FWK_BACKEND"); b != nullptr && std::string(b) == "legacy") {
    o.backend = fwk::Backend::legacy;
  }
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--fwaudit") {
        o.fwaudit = value();
      } else if (a == "--rulesets") {
        o.rulesets_dir = value();
      } else if (a == "--backend") {
        auto b = value();
        if (b != "nft" && b != "legacy") throw std::invalid_argument("--backend is nft or legacy");
        o.backend = b == "nft" ? fwk::Backend::nft : fwk::Backend::legacy;
      } else if (a == "--seed") {
        o.seed = std::stoull(value());
      } else if (a == "--only") {
        o.only.push_back(value());
      } else if (a == "--kernel-only") {
        o.kernel_only = true;
      } else if (a == "--list") {
        o.list = true;
      } else if (a == "--verbose") {
        o.verbose = true;
      } else if (a == "--require-rulesets") {
        o.require_rulesets = std::stoi(value());
      } else if (a == "--require-packets") {
        o.require_packets = std::stoi(value());
      } else {
        throw std::invalid_argument("unknown option " + a);
      }
    } catch (const std::exception& e) {
      std::cerr << "fwk_differential: " << e.what() << '\n';
      return false;
    }
  }
  if (o.rulesets_dir.empty() || (o.fwaudit.empty() && !o.kernel_only && !o.list)) return false;
  return true;
}

std::vector<std::string> ruleset_paths(const Options& o) {
  std::vector<std::string> paths;
  DIR* dir = opendir(o.rulesets_dir.c_str());
  if (dir == nullptr) return paths;
  while (dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    if (name.size() <= 6 || name.substr(name.size() - 6) != ".rules") continue;
    bool wanted = o.only.empty();
    for (const auto& w : o.only)
      wanted = wanted || name.find(w) != std::string::npos;
    if (wanted) paths.push_back(o.rulesets_dir + "/" + name);
  }
  closedir(dir);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  Options o;
  if (!parse_options(argc, argv, o)) {
    usage();
    return 2;
  }
  auto paths = ruleset_paths(o);
  if (paths.empty()) {
    std::cerr << "fwk_differential: no *.rules files in " << o.rulesets_dir << '\n';
    return 2;
  }
  std::vector<fwk::RulesetFile> rulesets;
  try {
    for (const auto& p : paths)
      rulesets.push_back(fwk::load_ruleset(p));
  } catch (const std::exception& e) {
    std::cerr << "fwk_differential: " << e.what() << '\n';
    return 2;
  }

  if (o.list) {
    for (const auto& r : rulesets) {
      for (const auto& p : fwk::generate_probes(r, o.seed)) {
        std::cout << r.name << " #" << p.id << " [" << p.why << "] " << p.describe() << '\n';
      }
    }
    return 0;
  }

  fwk::KernelRunner runner(o.backend);
  if (auto reason = runner.unavailable(); !reason.empty()) {
    std::cout << "iptables_kernel: SKIPPED: " << reason << '\n';
    return kSkip;
  }

  fwk::Tally total;
  int setup_failures = 0, not_for_backend = 0;
  for (const auto& r : rulesets) {
    if (r.backends.count(fwk::to_string(o.backend)) == 0) {
      std::cout << r.name << ": not run on the " << fwk::to_string(o.backend)
                << " backend (see its header: " << r.about << ")\n";
      ++not_for_backend;
      continue;
    }
    auto probes = fwk::generate_probes(r, o.seed);
    std::vector<fwk::KernelResult> kernel;
    try {
      kernel = runner.run(r, probes);
    } catch (const std::exception& e) {
      std::cout << r.name << ": SETUP FAILED: " << e.what() << '\n';
      ++setup_failures;
      continue;
    }
    if (o.kernel_only) {
      fwk::Tally t;
      t.rulesets = 1;
      for (std::size_t i = 0; i < probes.size(); ++i) {
        ++t.packets;
        const auto& k = kernel[i];
        if (!k.problem.empty()) ++t.kernel_unusable;
        if (o.verbose || !k.problem.empty()) {
          std::cout << r.name << " #" << probes[i].id << " [" << probes[i].why << "] "
                    << probes[i].describe() << " => " << fwk::to_string(k.verdict.kind) << " ("
                    << fwk::rule_label(k.rule_line) << ", " << k.verdict.detail << ")"
                    << (k.translated.empty() ? "" : " translated to " + k.translated)
                    << (k.problem.empty() ? "" : " PROBLEM: " + k.problem) << '\n';
        }
      }
      std::cout << r.name << ": " << t.packets << " packets, " << t.kernel_unusable
                << " without a usable kernel answer\n";
      total.add(t);
      continue;
    }
    std::vector<fwk::FwauditAnswer> answers;
    try {
      answers = fwk::ask_fwaudit(o.fwaudit, r, probes);
    } catch (const std::exception& e) {
      std::cout << r.name << ": FWAUDIT FAILED: " << e.what() << '\n';
      ++setup_failures;
      continue;
    }
    auto t = fwk::compare(r, probes, kernel, answers);
    for (const auto& m : t.messages)
      std::cout << m << '\n';
    if (o.verbose) {
      for (std::size_t i = 0; i < probes.size(); ++i) {
        std::cout << r.name << " #" << probes[i].id << " " << probes[i].describe() << " kernel "
                  << fwk::to_string(kernel[i].verdict.kind) << " ("
                  << fwk::rule_label(kernel[i].rule_line) << ") fwaudit " << answers[i].verdict
                  << " (" << fwk::rule_label(answers[i].rule_line) << ")\n";
      }
    }
    std::cout << r.name << ": " << t.summary() << '\n';
    t.messages.clear();
    total.add(t);
  }

  std::cout << "iptables_kernel: backend " << fwk::to_string(o.backend) << ", seed " << o.seed
            << ": " << total.summary() << ", " << setup_failures << " rulesets failed to run, "
            << not_for_backend << " not meant for this backend\n";
  bool enough = total.rulesets >= o.require_rulesets && total.packets >= o.require_packets;
  if (!enough) {
    std::cout << "iptables_kernel: FAILED: needs at least " << o.require_rulesets
              << " rulesets and " << o.require_packets << " packets\n";
  }
  bool ok =
      enough && setup_failures == 0 && total.disagreements() == 0 && total.kernel_unusable == 0;
  return ok ? 0 : 1;
}
