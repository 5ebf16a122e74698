// tests/iptables_kernel/harness/fwaudit_query.cpp
#include "harness/fwaudit_query.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "harness/net_namespace.hpp"

namespace fwk {

nlohmann::json query_packet(const Probe& probe) {
  const auto& h = probe.header;
  nlohmann::json j;
  j["src"] = h.src.to_string();
  j["dst"] = h.dst.to_string();
  if (h.proto == kTcp || h.proto == kUdp || h.proto == kIcmp || h.proto == kIcmpV6) {
    j["proto"] = protocol_label(h.proto);
  } else {
    j["proto"] = h.proto;
  }
  if (h.proto == kTcp || h.proto == kUdp) {
    j["sport"] = h.sport;
    j["dport"] = h.dport;
  }
  if (h.proto == kIcmp || h.proto == kIcmpV6) {
    j["icmp_type"] = h.icmp_type;
    j["icmp_code"] = h.icmp_code;
  }
  j["in_if"] = probe.in_if;
  j["out_if"] = probe.out_if;
  j["state"] = probe.state;
  return j;
}

std::vector<FwauditAnswer> parse_answers(const std::string& text, std::size_t expected) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("fwaudit query did not print JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("results") || !j["results"].is_array()) {
    throw std::runtime_error("fwaudit query JSON has no \"results\" array");
  }
  const auto& results = j["results"];
  if (results.size() != expected) {
    throw std::runtime_error("fwaudit query answered " + std::to_string(results.size()) +
                             " packets, " + std::to_string(expected) + " were asked");
  }
  std::vector<FwauditAnswer> out;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    std::string where = "fwaudit query result " + std::to_string(i) + ": ";
    FwauditAnswer a;
    if (!r.is_object() || !r.contains("verdict") || !r["verdict"].is_string()) {
      throw std::runtime_error(where + "no verdict");
    }
    a.verdict = r["verdict"].get<std::string>();
    if (a.verdict != "permit" && a.verdict != "deny") {
      throw std::runtime_error(where + "verdict \"" + a.verdict + "\" is not permit or deny");
    }
    if (r.contains("certain")) {
      if (!r["certain"].is_boolean()) throw std::runtime_error(where + "certain is not a boolean");
      a.certain = r["certain"].get<bool>();
    }
    if (r.contains("rule") && !r["rule"].is_null()) {
      const auto& rule = r["rule"];
      if (!rule.is_object() || !rule.contains("line") || !rule["line"].is_number_integer()) {
        throw std::runtime_error(where + "rule has no line");
      }
      a.rule_line = rule["line"].get<int>();
      if (rule.contains("text") && rule["text"].is_string()) a.rule_text = rule["text"];
    }
    if (r.contains("trace") && r["trace"].is_array()) {
      for (const auto& step : r["trace"]) {
        std::string text;
        if (step.is_string()) {
          text = step.get<std::string>();
        } else if (step.is_object()) {
          if (step.contains("policy") && step["policy"].is_string()) text = step["policy"];
          if (step.contains("location") && step["location"].is_object() &&
              step["location"].contains("line") && step["location"]["line"].is_number()) {
            text += " line " + std::to_string(step["location"]["line"].get<long>());
          }
          if (step.contains("event") && step["event"].is_string()) {
            text += ": " + step["event"].get<std::string>();
          }
        }
        a.trace += (a.trace.empty() ? "" : "; ") + text;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<FwauditAnswer> ask_fwaudit(const std::string& binary, const RulesetFile& ruleset,
                                       const std::vector<Probe>& probes) {
  nlohmann::json packets = nlohmann::json::array();
  for (const auto& p : probes)
    packets.push_back(query_packet(p));
  const char* tmp = std::getenv("TMPDIR");
  std::string path =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/fwk-packets-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the packets");
  close(fd);
  {
    std::ofstream out(path);
    out << packets.dump(1) << '\n';
    if (!out) {
      unlink(path.c_str());
      throw std::runtime_error("cannot write " + path);
    }
  }
  CommandResult result;
  try {
    result = run_command({binary, "query", ruleset.path, "--packets", path, "--format", "json"});
  } catch (...) {
    unlink(path.c_str());
    throw;
  }
  unlink(path.c_str());
  if (result.exit_code != 0 && result.exit_code != 1) {
    throw std::runtime_error("fwaudit query " + ruleset.path + " exited " +
                             std::to_string(result.exit_code) + ": " + result.err);
  }
  return parse_answers(result.out, probes.size());
}

}  // namespace fwk
