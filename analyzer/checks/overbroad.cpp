// analyzer/checks/overbroad.cpp
#include "analyzer/checks/overbroad.hpp"

#include <algorithm>
#include <optional>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/describe_set.hpp"

namespace fwaudit::checks {

std::vector<Excess> excess_permits(const Ruleset& rs, PathKind path, const PacketSet& scope,
                                   const PacketSet& allowed, const PathFolds* folds) {
  std::vector<Excess> out;
  PacketSet fresh = scope & PacketSet::state(ConnState::new_);
  std::optional<PathFold> own;
  if (folds == nullptr) own = fold_path(rs, path, fresh);
  const PathFold& fold = folds ? folds->fold(path) : *own;
  PacketSet beyond = (fold.permitted_may & fresh) - allowed;
  if (beyond.empty()) return out;
  PacketSet left = beyond;
  for (const Responsible& r : permitting_rules(rs, path, fold, beyond)) {
    for (const Decision& d : fold.decisions) {
      if (d.by != r.ref || d.verdict != Verdict::permit) continue;
      PacketSet part = d.may & left;
      if (part.empty()) continue;
      left -= part;
      out.push_back({d.by, part, (d.sure & part) == part});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Excess& a, const Excess& b) {
    return a.packets.count() > b.packets.count();
  });
  return out;
}

std::string describe_services(const PacketSet& s) {
  std::string out;
  auto protocols = s.protocols();
  if (protocols.size() >= 256) {
    // Every protocol: name the port-carrying ones, then "all other protocols".
    for (std::uint8_t p : {std::uint8_t{6}, std::uint8_t{17}})
      out +=
          protocol_name(p) + " " + describe_ports((s & PacketSet::protocol(p)).dst_ports()) + "; ";
    return out + "every other protocol";
  }
  std::size_t listed = 0;
  for (std::uint8_t p : protocols) {
    if (listed++ == 6) {
      out += "; and " + std::to_string(protocols.size() - 6) + " more protocols";
      break;
    }
    if (!out.empty()) out += "; ";
    out += protocol_name(p);
    if (p == 6 || p == 17 || p == 132)
      out += " " + describe_ports((s & PacketSet::protocol(p)).dst_ports());
  }
  return out;
}

std::size_t port_count(const PacketSet& s) {
  std::size_t n = 0;
  for (std::uint8_t p : {std::uint8_t{6}, std::uint8_t{17}})
    for (const PortRange& r : (s & PacketSet::protocol(p)).dst_ports())
      n += static_cast<std::size_t>(r.hi - r.lo) + 1;
  return n;
}

}  // namespace fwaudit::checks
