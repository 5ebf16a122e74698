// analyzer/checks/path_folds.hpp
#pragma once

#include <array>
#include <optional>

#include "analyzer/fold.hpp"

namespace fwaudit::checks {

// One fold per path over every packet that can take it (every state), computed on first use and
// shared by every check (DESIGN.md "one fold per path reused by every check"). A check on a set S
// reads the fold restricted to S: a fold is per packet, so restricting it is folding S alone.
class PathFolds {
 public:
  explicit PathFolds(const Ruleset& rs) : rs_(rs) {}
  const PathFold& fold(PathKind k) const;
  const Ruleset& ruleset() const { return rs_; }

  // Every packet of path k: input = to the firewall, output = from it, forward = through it.
  static PacketSet universe(PathKind k);

 private:
  const Ruleset& rs_;
  mutable std::array<std::optional<PathFold>, kPathKindCount> folds_;
};

}  // namespace fwaudit::checks
