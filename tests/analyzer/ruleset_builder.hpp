// tests/analyzer/ruleset_builder.hpp
// Builds small vendor-neutral rulesets by hand for the model's own tests.
#pragma once

#include <string>

#include "analyzer/model/ruleset.hpp"

namespace fwaudit::testing {

inline IpPrefix net(const char* s) {
  return *IpPrefix::parse(s);
}

inline Packet packet(const char* text) {
  std::string error;
  auto p = Packet::parse(text, &error);
  if (!p) throw std::runtime_error(error + ": " + text);
  return *p;
}

class RulesetBuilder {
 public:
  RulesetBuilder() { rs_.vendor = "test"; }

  PolicyId policy(const std::string& name, RuleAction fallthrough = RuleAction::return_) {
    Policy p;
    p.name = name;
    p.fallthrough = fallthrough;
    p.fallthrough_location = {"test.rules", next_line_++, 0,
                              ":" + name + " " + to_string(fallthrough)};
    p.fallthrough_label = "policy " + std::string(to_string(fallthrough)) + " of " + name;
    return rs_.add_policy(std::move(p));
  }

  Rule& rule(PolicyId pid, PacketSet match, RuleAction action, PolicyId target = kNoPolicy) {
    Rule r;
    r.sure = match;
    r.may = match;
    r.action = action;
    r.target = target;
    r.location = {"test.rules", next_line_, 1, "rule at line " + std::to_string(next_line_)};
    ++next_line_;
    auto& rules = rs_.policy(pid).rules;
    rules.push_back(std::move(r));
    return rules.back();
  }

  // A rule whose match cannot be known offline: surely `sure`, possibly `may`.
  Rule& uncertain(PolicyId pid, PacketSet sure, PacketSet may, RuleAction action,
                  const std::string& why) {
    Rule& r = rule(pid, may, action);
    r.sure = sure;
    r.unknowns.push_back(why);
    return r;
  }

  void stage(PathKind path, PolicyId pid, Stage::Kind kind = Stage::Kind::filter) {
    rs_.path(path).push_back({kind, pid});
  }

  Ruleset& ruleset() { return rs_; }

 private:
  Ruleset rs_;
  std::uint32_t next_line_ = 1;
};

}  // namespace fwaudit::testing
