// analyzer/checks/describe_set.cpp
#include "analyzer/checks/describe_set.hpp"

#include <algorithm>

namespace fwaudit::checks {

namespace {

constexpr std::size_t kMaxListed = 6;

bool full_range(const AddressRange& r) {
  IpPrefix any = IpPrefix::any(r.lo.family);
  return r.lo == any.first() && r.hi == any.last();
}

std::string range_text(const AddressRange& r) {
  if (r.lo == r.hi) return r.lo.to_string();
  auto prefixes = range_to_prefixes(r.lo, r.hi);
  if (prefixes.size() == 1) return prefixes[0].to_string();
  return r.lo.to_string() + "-" + r.hi.to_string();
}

bool uses_ports(const PacketSet& s) {
  auto protocols = s.protocols();
  return !protocols.empty() && std::all_of(protocols.begin(), protocols.end(), [](std::uint8_t p) {
    return p == 6 || p == 17 || p == 132;
  });
}

template <class T>
bool disjoint_ranges(const std::vector<T>& a, const std::vector<T>& b) {
  for (const T& x : a)
    for (const T& y : b)
      if (!(x.hi < y.lo) && !(y.hi < x.lo)) return false;
  return true;
}

}  // namespace

std::string describe_protocols(const PacketSet& s) {
  auto protocols = s.protocols();
  if (protocols.size() >= 256) return "any protocol";
  if (protocols.empty()) return "nothing";
  std::string out;
  for (std::size_t i = 0; i < protocols.size() && i < kMaxListed; ++i)
    out += (i ? ", " : "") + protocol_name(protocols[i]);
  if (protocols.size() > kMaxListed)
    out += " and " + std::to_string(protocols.size() - kMaxListed) + " more";
  return out;
}

std::string describe_ports(const std::vector<PortRange>& ports) {
  if (ports.size() == 1 && ports[0].lo == 0 && ports[0].hi == 65535) return "any port";
  std::string out;
  for (std::size_t i = 0; i < ports.size() && i < kMaxListed; ++i)
    out += (i ? ", " : "") + ports[i].to_string();
  if (ports.size() > kMaxListed)
    out += " and " + std::to_string(ports.size() - kMaxListed) + " more";
  return out;
}

std::string describe_addresses(const std::vector<AddressRange>& ranges) {
  if (ranges.empty()) return "no address";
  if (std::any_of(ranges.begin(), ranges.end(), full_range)) return "any";
  std::string out;
  for (std::size_t i = 0; i < ranges.size() && i < kMaxListed; ++i)
    out += (i ? ", " : "") + range_text(ranges[i]);
  if (ranges.size() > kMaxListed)
    out += " and " + std::to_string(ranges.size() - kMaxListed) + " more ranges";
  return out;
}

std::string describe_set(const PacketSet& s) {
  if (s.empty()) return "nothing";
  std::string out = describe_protocols(s);
  if (uses_ports(s)) out += "/" + describe_ports(s.dst_ports());
  out += " from " + describe_addresses(s.src_ranges());
  out += " to " + describe_addresses(s.dst_ranges());
  return out;
}

std::string describe_split(const PacketSet& a, const PacketSet& b, const std::string& a_word,
                           const std::string& b_word) {
  auto join = [&](const std::string& x, const std::string& y) {
    return x + " " + a_word + ", " + y + " " + b_word;
  };
  if (a.empty()) return describe_set(b) + " " + b_word;
  if (b.empty()) return describe_set(a) + " " + a_word;
  auto pa = a.protocols(), pb = b.protocols();
  bool protocols_apart = std::none_of(pa.begin(), pa.end(), [&](std::uint8_t p) {
    return std::find(pb.begin(), pb.end(), p) != pb.end();
  });
  if (protocols_apart) return join(describe_protocols(a), describe_protocols(b));
  if (uses_ports(a) && uses_ports(b)) {
    auto qa = a.dst_ports(), qb = b.dst_ports();
    if (disjoint_ranges(qa, qb))
      return join("port " + describe_ports(qa), "port " + describe_ports(qb));
  }
  // A long list of ranges on one side reads better as "other addresses".
  auto named = [](const std::vector<AddressRange>& r, const std::vector<AddressRange>& other) {
    return r.size() > 3 && other.size() <= 3 ? std::string("other addresses")
                                             : describe_addresses(r);
  };
  auto sa = a.src_ranges(), sb = b.src_ranges();
  if (disjoint_ranges(sa, sb)) return join(named(sa, sb), named(sb, sa));
  auto da = a.dst_ranges(), db = b.dst_ranges();
  if (disjoint_ranges(da, db)) return join("to " + named(da, db), "to " + named(db, da));
  return join(describe_set(a), describe_set(b));
}

}  // namespace fwaudit::checks
