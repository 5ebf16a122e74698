// tests/iptables_kernel/harness/kernel_runner.cpp
#include "harness/kernel_runner.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "harness/injector.hpp"
#include "harness/topology.hpp"

namespace fwk {
namespace {

using std::chrono::milliseconds;

// Tables and built-in chains of the ruleset, all ACCEPT: what setup packets meet. Connection
// tracking runs in a namespace only while some rule needs it, so each filter chain gets a
// conntrack match that decides nothing; without it the setup packets would not be tracked.
std::string permissive(const RulesetFile& r) {
  std::string text;
  for (const auto& table : r.tables) {
    text += "*" + table.name + "\n";
    std::string rules;
    for (const auto& chain : table.chains) {
      if (chain.policy == "-") continue;
      text += ":" + chain.name + " ACCEPT [0:0]\n";
      if (table.name == "filter") rules += "-A " + chain.name + " -m conntrack --ctstate NEW\n";
    }
    text += rules + "COMMIT\n";
  }
  return text;
}

// The firewall's own stack answers some probes (a TCP reset or an ICMP error for a closed port,
// an echo reply). Those answers would change connections under test (a reset closes the one a
// setup packet opened) and add counts to OUTPUT that no probe explains. The raw table, which
// runs before connection tracking and which the rulesets do not use, drops everything the
// firewall sends except the harness's own packets, recognised by their TTL / hop limit.
constexpr std::uint8_t kSelfTtl = 77;

std::string quiet_raw_table(bool v6) {
  return std::string("*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT ") +
         (v6 ? "-m hl ! --hl-eq " : "-m ttl ! --ttl-eq ") + std::to_string(kSelfTtl) +
         " -j DROP\nCOMMIT\n";
}

std::vector<std::uint8_t> wire_packet(Header h, const std::string& in_if) {
  if (in_if == kSelf) h.ttl = kSelfTtl;
  return build_packet(h);
}

// The loaded rules must have the file's shape, or rule positions would not map to its lines.
void check_same_shape(const RulesetFile& r, const std::vector<SavedTable>& loaded) {
  for (const auto& table : r.tables) {
    const SavedTable* live = find_table(loaded, table.name);
    if (live == nullptr) throw SetupError(r.name + ": table " + table.name + " did not load");
    for (const auto& chain : table.chains) {
      const SavedChain* c = live->find(chain.name);
      if (c == nullptr || c->rules.size() != chain.rules.size()) {
        throw SetupError(r.name + ": chain " + table.name + "/" + chain.name +
                         " loads with a different number of rules than the file has (write "
                         "rules as iptables-save prints them: one address per rule)");
      }
      for (std::size_t i = 0; i < chain.rules.size(); ++i) {
        if (c->rules[i].target != chain.rules[i].target) {
          throw SetupError(r.name + ": rule at line " + std::to_string(chain.rules[i].line) +
                           " loads with target " + c->rules[i].target);
        }
      }
    }
  }
}

bool ends_with(const std::vector<std::uint8_t>& bytes, const std::vector<std::uint8_t>& tail) {
  return bytes.size() >= tail.size() &&
         std::equal(tail.begin(), tail.end(),
                    bytes.end() - static_cast<std::ptrdiff_t>(tail.size()));
}

// Is `arrival` a copy of `probe` (and not, say, an ICMP error the firewall sent about it)?
bool is_copy_of(const Arrival& arrival, const Probe& probe) {
  if (!ends_with(arrival.packet, probe.token())) return false;
  auto parsed = parse_packet(arrival.packet);
  if (!parsed || parsed->proto != probe.header.proto) return false;
  bool probe_is_error = is_icmp_error(probe.header.proto, probe.header.icmp_type);
  return parsed->is_icmp_error == probe_is_error;
}

std::string header_text(const ParsedPacket& p) {
  auto endpoint = [&](const Addr& a, std::uint16_t port) {
    std::string s = a.v6 ? "[" + a.to_string() + "]" : a.to_string();
    if (p.proto == kTcp || p.proto == kUdp) s += ":" + std::to_string(port);
    return s;
  };
  return protocol_label(p.proto) + " " + endpoint(p.src, p.sport) + " -> " +
         endpoint(p.dst, p.dport);
}

}  // namespace

const char* to_string(Backend b) {
  return b == Backend::nft ? "nft" : "legacy";
}

std::string KernelRunner::tool(bool v6, const char* what) const {
  return std::string(v6 ? "ip6tables-" : "iptables-") + to_string(backend_) + "-" + what;
}

std::string KernelRunner::unavailable() const {
  if (geteuid() != 0) return "not running as root: creating network namespaces needs root";
  try {
    auto ns = NetNamespace::create();
    for (bool v6 : {false, true}) {
      auto result = run_command({tool(v6, "restore")}, &ns,
                                "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
                                ":OUTPUT ACCEPT [0:0]\nCOMMIT\n");
      if (result.exit_code != 0) {
        return tool(v6, "restore") + " cannot load rules in a namespace: " + result.err;
      }
    }
    auto ip = run_command({"ip", "-V"});
    if (ip.exit_code != 0) return "ip (iproute2) is not available: " + ip.err;
  } catch (const SetupError& e) {
    return std::string("cannot create a network namespace: ") + e.what();
  }
  return "";
}

std::vector<KernelResult> KernelRunner::run(const RulesetFile& ruleset,
                                            const std::vector<Probe>& probes) {
  bool v6 = ruleset.v6;
  Topology topology = Topology::build();
  Injector injector(topology);
  const NetNamespace& fw = topology.firewall();
  auto restore = [&](const std::string& text) { run_checked({tool(v6, "restore")}, &fw, text); };
  auto save_filter = [&]() {
    auto tables = parse_saved(run_checked({tool(v6, "save"), "-c", "-t", "filter"}, &fw));
    const SavedTable* filter = find_table(tables, "filter");
    if (filter == nullptr) throw SetupError("the filter table is missing from " + tool(v6, "save"));
    return *filter;
  };
  std::map<std::vector<std::uint8_t>, std::size_t> by_token;
  for (std::size_t i = 0; i < probes.size(); ++i)
    by_token[probes[i].token()] = i;

  if (find_table(ruleset.tables, "raw") != nullptr) {
    throw SetupError(ruleset.name +
                     ": the raw table belongs to the harness; rulesets must not use it");
  }
  restore(quiet_raw_table(v6));

  // Phase 1: the connections established and related probes belong to.
  bool any_setup = false;
  for (const auto& p : probes)
    any_setup = any_setup || p.setup.has_value();
  if (any_setup) {
    restore(permissive(ruleset));
    for (const auto& p : probes) {
      if (p.setup) injector.send(p.setup_in_if, wire_packet(*p.setup, p.setup_in_if));
    }
    std::this_thread::sleep_for(milliseconds(50));
    injector.collect();
  }

  // Phase 2: the ruleset under test.
  try {
    restore(ruleset.text);
  } catch (const SetupError& e) {
    throw SetupError(ruleset.name + ": " + tool(v6, "restore") +
                     " refused the ruleset: " + e.what());
  }
  check_same_shape(ruleset, parse_saved(run_checked({tool(v6, "save"), "-c"}, &fw)));
  const SavedTable* file_filter = find_table(ruleset.tables, "filter");
  if (file_filter == nullptr) throw SetupError(ruleset.name + ": the file has no filter table");

  std::vector<KernelResult> results(probes.size());
  SavedTable before = save_filter();
  for (std::size_t i = 0; i < probes.size(); ++i) {
    const Probe& probe = probes[i];
    KernelResult& result = results[i];
    auto packet = wire_packet(probe.header, probe.in_if);
    for (int attempt = 1; attempt <= 3; ++attempt) {
      result = KernelResult{};
      result.attempts = attempt;
      // Anything still arriving belongs to an earlier probe (or an earlier attempt of this one,
      // which is ignored): a denied probe must not have left at all, a permitted one once.
      for (const auto& late : injector.collect()) {
        if (late.packet.size() < 8) continue;
        std::vector<std::uint8_t> tail(late.packet.end() - 8, late.packet.end());
        auto it = by_token.find(tail);
        if (it == by_token.end() || it->second >= i || !is_copy_of(late, probes[it->second])) {
          continue;
        }
        KernelResult& earlier = results[it->second];
        earlier.left_by.push_back(late.fw_if);
        if (earlier.verdict.kind != KernelVerdict::Kind::permit) {
          earlier.problem = "denied by the counters but left by " + late.fw_if + " later";
        } else if (earlier.left_by.size() > 1) {
          earlier.problem =
              "left the firewall " + std::to_string(earlier.left_by.size()) + " times";
        }
      }
      injector.send(probe.in_if, packet);
      SavedTable after;
      for (int poll = 0; poll < 40; ++poll) {  // up to about 3 s on a loaded machine
        after = save_filter();
        result.verdict = decide(before, after, hook_chain(probe.path));
        if (result.verdict.kind != KernelVerdict::Kind::unobserved) break;
        std::this_thread::sleep_for(milliseconds(4 * (poll + 1) < 100 ? 4 * (poll + 1) : 100));
      }
      before = after;
      auto kind = result.verdict.kind;
      if (kind == KernelVerdict::Kind::unobserved || kind == KernelVerdict::Kind::inconsistent) {
        result.problem = std::string(to_string(kind)) + ": " + result.verdict.detail;
        before = save_filter();
        continue;  // send it again
      }
      if (result.verdict.rule_index >= 0) {
        const SavedChain* chain = file_filter->find(result.verdict.chain);
        if (chain != nullptr && result.verdict.rule_index < static_cast<int>(chain->rules.size())) {
          result.rule_line = chain->rules[static_cast<std::size_t>(result.verdict.rule_index)].line;
        }
      }
      if (probe.path != Path::input) {
        // A permitted packet is on its way out already; give the peer a moment to see it.
        auto deadline = std::chrono::steady_clock::now() + milliseconds(1500);
        bool wait = kind == KernelVerdict::Kind::permit;
        do {
          for (const auto& a : injector.collect(milliseconds(wait ? 20 : 0))) {
            if (!is_copy_of(a, probe)) continue;
            result.left_by.push_back(a.fw_if);
            auto parsed = parse_packet(a.packet);
            if (parsed &&
                (parsed->dst != probe.header.dst || parsed->src != probe.header.src ||
                 parsed->dport != probe.header.dport || parsed->sport != probe.header.sport)) {
              result.translated = header_text(*parsed);
            }
          }
        } while (wait && result.left_by.empty() && std::chrono::steady_clock::now() < deadline);
        if (kind == KernelVerdict::Kind::permit && result.left_by.empty()) {
          result.problem = "permitted by the counters but never left the firewall";
        } else if (kind == KernelVerdict::Kind::deny && !result.left_by.empty()) {
          result.problem = "denied by the counters but left by " + result.left_by.front();
        } else if (result.left_by.size() > 1) {
          result.problem = "left the firewall " + std::to_string(result.left_by.size()) + " times";
        } else if (!result.left_by.empty() && result.left_by.front() != probe.out_if) {
          result.problem = "left by " + result.left_by.front() + ", not by out_if " + probe.out_if;
        }
      }
      break;
    }
  }
  return results;
}

}  // namespace fwk
