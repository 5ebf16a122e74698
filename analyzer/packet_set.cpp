// analyzer/packet_set.cpp
#include "analyzer/packet_set.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <set>
#include <stdexcept>

#include "analyzer/bdd_layout.hpp"

namespace fwaudit {

using namespace bddlayout;

namespace {

// Interface names the sets were built with: preferred witnesses, since they read naturally.
std::vector<std::string>& known_interfaces() {
  static std::vector<std::string> names;
  return names;
}

void remember_interface(std::string_view name) {
  if (name.size() >= static_cast<std::size_t>(kIfBytes)) return;  // rejected by interface_name()
  auto& names = known_interfaces();
  if (name.empty() || std::find(names.begin(), names.end(), name) != names.end()) return;
  if (names.size() < 4096) names.emplace_back(name);
}

BDD family_bdd(Family f) {
  return f == Family::ipv4 ? bdd_nithvar(span(Field::family).first)
                           : bdd_ithvar(span(Field::family).first);
}

// The prefix of `f`'s address field that `p` denotes, with the family.
BDD prefix_bdd(Field f, const IpPrefix& p) {
  int offset = address_offset(p.addr.family);
  Ref value(equals_bits(f, address_bits(p.addr), offset, offset + p.length));
  return bdd_and(value.get(), family_bdd(p.addr.family));
}

BDD range_bdd(Field f, const IpAddress& lo, const IpAddress& hi) {
  if (lo.family != hi.family) throw std::invalid_argument("address range across families");
  int offset = address_offset(lo.family);
  Bits low_mask = offset == 0 ? ~Bits{0} : (Bits{1} << (128 - offset)) - 1;
  Ref r(in_range_bits(f, address_bits(lo) & low_mask, address_bits(hi) & low_mask, offset));
  return bdd_and(r.get(), family_bdd(lo.family));
}

BDD masked_bdd(Field f, const IpAddress& value, const IpAddress& mask) {
  if (value.family != mask.family)
    throw std::invalid_argument("address and mask of different families");
  int offset = address_offset(value.family);
  int first = span(f).first;
  Ref r(family_bdd(value.family));
  for (int i = value.width() - 1; i >= 0; --i) {
    if (!mask.bit(i)) continue;
    int v = first + offset + i;
    r = Ref(bdd_and(value.bit(i) ? bdd_ithvar(v) : bdd_nithvar(v), r.get()));
  }
  return r.get();
}

// Values of a field taken by a BDD over (at most) that field's variables, as sorted, merged
// inclusive intervals; stops after `limit` intervals.
// Bits [from, width) of the field are read; `bit` counts from `from`.
void collect_ranges(BDD node, Field f, int from, int bit, Bits prefix,
                    std::vector<std::pair<Bits, Bits>>& out, std::size_t limit) {
  if (node == kFalse || out.size() > limit) return;
  const FieldSpan full = span(f);
  const FieldSpan s{full.first + from, full.bits - from};
  if (node == kTrue || bdd_var(node) >= s.first + s.bits) {
    // Every completion of the remaining bits is in the set.
    int rest = s.bits - bit;
    Bits lo = rest == 128 ? 0 : prefix << rest;
    Bits span_mask = rest == 0 ? 0 : (rest >= 128 ? ~Bits{0} : ((Bits{1} << rest) - 1));
    Bits hi = lo | span_mask;
    if (!out.empty() && out.back().second + 1 == lo)
      out.back().second = hi;
    else
      out.emplace_back(lo, hi);
    return;
  }
  int level = bdd_var(node) - s.first;
  if (level > bit) {
    // Skipped variable: both values of bit `bit` lead to the same node.
    collect_ranges(node, f, from, bit + 1, prefix << 1, out, limit);
    collect_ranges(node, f, from, bit + 1, prefix << 1 | 1, out, limit);
    return;
  }
  collect_ranges(bdd_low(node), f, from, bit + 1, prefix << 1, out, limit);
  collect_ranges(bdd_high(node), f, from, bit + 1, prefix << 1 | 1, out, limit);
}

// The values bits [from, width) of field f take in `set`, as merged intervals.
std::vector<std::pair<Bits, Bits>> field_ranges(BDD set, Field f, int from = 0,
                                                std::size_t limit = 100000) {
  Ref others(varset_all_but(f));
  Ref projected(bdd_exist(set, others.get()));
  if (from > 0) projected = Ref(bdd_exist(projected.get(), Ref(varset_bits(f, 0, from)).get()));
  std::vector<std::pair<Bits, Bits>> out;
  collect_ranges(projected.get(), f, from, 0, 0, out, limit);
  return out;
}

// Greedily fixes field `f` in `set` to a value: the first candidate that keeps the set
// non-empty, else the smallest value. Returns the chosen value; `set` is narrowed to it.
Bits choose_value(Ref& set, Field f, const std::vector<Bits>& candidates) {
  const FieldSpan s = span(f);
  for (Bits c : candidates) {
    Ref trial(bdd_and(set.get(), Ref(equals(f, c, s.bits)).get()));
    if (trial.get() != kFalse) {
      set = trial;
      return c;
    }
  }
  Bits value = 0;
  for (int i = 0; i < s.bits; ++i) {
    Ref zero(bdd_and(set.get(), bdd_nithvar(s.first + i)));
    if (zero.get() != kFalse) {
      set = zero;
      value <<= 1;
    } else {
      set = Ref(bdd_and(set.get(), bdd_ithvar(s.first + i)));
      value = value << 1 | 1;
    }
  }
  return value;
}

// The same for an interface field: a known name, the firewall itself, else a readable name
// built byte by byte.
std::string choose_interface(Ref& set, Field f) {
  for (const std::string& name : known_interfaces()) {
    Ref trial(bdd_and(set.get(), Ref(interface_name(f, name, false)).get()));
    if (trial.get() != kFalse) {
      set = trial;
      return name;
    }
  }
  Ref self(bdd_and(set.get(), Ref(interface_name(f, "", false)).get()));
  if (self.get() != kFalse) {
    set = self;
    return "";
  }
  std::string name;
  const int first = span(f).first;
  static const std::string preferred =
      std::string(1, '\0') + "eth0123456789abcdfghijklmnopqrsuvwxyz";
  for (int byte = 0; byte < kIfBytes; ++byte) {
    bool chosen = false;
    for (char c : preferred) {
      if (byte == 0 && c == '\0') continue;
      Ref trial(set);
      for (int b = 0; b < 8; ++b) {
        int v = first + byte * 8 + b;
        trial = Ref(bdd_and(trial.get(), ((c >> (7 - b)) & 1) ? bdd_ithvar(v) : bdd_nithvar(v)));
      }
      if (trial.get() != kFalse) {
        set = trial;
        if (c == '\0') return name;
        name += c;
        chosen = true;
        break;
      }
    }
    if (!chosen) {
      unsigned char c = 0;
      for (int b = 0; b < 8; ++b) {
        int v = first + byte * 8 + b;
        Ref zero(bdd_and(set.get(), bdd_nithvar(v)));
        if (zero.get() != kFalse) {
          set = zero;
        } else {
          set = Ref(bdd_and(set.get(), bdd_ithvar(v)));
          c |= static_cast<unsigned char>(1u << (7 - b));
        }
      }
      if (c == 0) return name;
      name += static_cast<char>(c);
    }
  }
  return name;
}

IpAddress choose_address(Ref& set, Field f, Family family) {
  Ref probe(set);
  Bits low = choose_value(probe, f, {});
  // Prefer a host address over the network address of a block (10.0.0.1 over 10.0.0.0).
  Bits value = low;
  if ((low & 1) == 0) {
    Ref next(bdd_and(set.get(), Ref(equals(f, low + 1, 128)).get()));
    if (next.get() != kFalse) value = low + 1;
  }
  set = Ref(bdd_and(set.get(), Ref(equals(f, value, 128)).get()));
  return address_from_bits(value, family);
}

std::string port_ranges_text(const std::vector<PortRange>& ranges) {
  if (ranges.size() == 1 && ranges[0].lo == 0 && ranges[0].hi == 65535) return "";
  std::string out;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (i) out += ',';
    out += ranges[i].to_string();
  }
  return out;
}

}  // namespace

// ---- value type --------------------------------------------------------------------------

void PacketSet::reserve(std::size_t nodes) {
  if (!bdd_isrunning()) {
    std::size_t n = std::clamp<std::size_t>(nodes, 1 << 16, 1u << 28);
    bdd_init(static_cast<int>(n), static_cast<int>(std::max<std::size_t>(n / 8, 1 << 14)));
    bdd_setcacheratio(8);
    bdd_setmaxincrease(1 << 22);
  }
  ensure_started();
}

PacketSet::PacketSet() : root_(kFalse) {
  ensure_started();
}
PacketSet::PacketSet(int root) : root_(bdd_addref(root)) {}
PacketSet::PacketSet(const PacketSet& o) : root_(bdd_addref(o.root_)) {}
PacketSet& PacketSet::operator=(const PacketSet& o) {
  int r = bdd_addref(o.root_);
  bdd_delref(root_);
  root_ = r;
  return *this;
}
PacketSet::PacketSet(PacketSet&& o) noexcept : root_(o.root_) {
  o.root_ = kFalse;
}
PacketSet& PacketSet::operator=(PacketSet&& o) noexcept {
  std::swap(root_, o.root_);
  return *this;
}
PacketSet::~PacketSet() {
  if (root_ > 1 && bdd_isrunning()) bdd_delref(root_);
}

// Every primitive is cut to the universe so that sets compare by node identity.
PacketSet PacketSet::cut_to_universe(int root) {
  Ref r(root);
  return PacketSet(bdd_and(r.get(), universe()));
}

PacketSet PacketSet::all() {
  ensure_started();
  return PacketSet(universe());
}
PacketSet PacketSet::family(Family f) {
  ensure_started();
  return cut_to_universe(family_bdd(f));
}
PacketSet PacketSet::src(const IpPrefix& p) {
  ensure_started();
  return cut_to_universe(prefix_bdd(Field::src, p));
}
PacketSet PacketSet::dst(const IpPrefix& p) {
  ensure_started();
  return cut_to_universe(prefix_bdd(Field::dst, p));
}
PacketSet PacketSet::src_range(const IpAddress& lo, const IpAddress& hi) {
  ensure_started();
  return cut_to_universe(range_bdd(Field::src, lo, hi));
}
PacketSet PacketSet::dst_range(const IpAddress& lo, const IpAddress& hi) {
  ensure_started();
  return cut_to_universe(range_bdd(Field::dst, lo, hi));
}
PacketSet PacketSet::src_masked(const IpAddress& value, const IpAddress& mask) {
  ensure_started();
  return cut_to_universe(masked_bdd(Field::src, value, mask));
}
PacketSet PacketSet::dst_masked(const IpAddress& value, const IpAddress& mask) {
  ensure_started();
  return cut_to_universe(masked_bdd(Field::dst, value, mask));
}
PacketSet PacketSet::protocol(std::uint8_t p) {
  return protocol_range(p, p);
}
PacketSet PacketSet::protocol_range(std::uint8_t lo, std::uint8_t hi) {
  ensure_started();
  return cut_to_universe(in_range(Field::protocol, lo, hi));
}
PacketSet PacketSet::src_port(std::uint16_t lo, std::uint16_t hi) {
  ensure_started();
  return cut_to_universe(in_range(Field::sport, lo, hi));
}
PacketSet PacketSet::dst_port(std::uint16_t lo, std::uint16_t hi) {
  ensure_started();
  return cut_to_universe(in_range(Field::dport, lo, hi));
}
PacketSet PacketSet::icmp(std::uint8_t type, std::optional<std::uint8_t> code) {
  std::uint16_t base = static_cast<std::uint16_t>(type << 8);
  return code ? dst_port(base | *code, base | *code) : dst_port(base, base | 0xff);
}
PacketSet PacketSet::state(ConnState s) {
  ensure_started();
  return cut_to_universe(equals(Field::state, static_cast<Bits>(s), 3));
}
PacketSet PacketSet::in_interface(std::string_view name) {
  ensure_started();
  remember_interface(name);
  return cut_to_universe(interface_name(Field::in_if, name, false));
}
PacketSet PacketSet::out_interface(std::string_view name) {
  ensure_started();
  remember_interface(name);
  return cut_to_universe(interface_name(Field::out_if, name, false));
}
PacketSet PacketSet::in_interface_prefix(std::string_view prefix) {
  ensure_started();
  return cut_to_universe(interface_name(Field::in_if, prefix, true));
}
PacketSet PacketSet::out_interface_prefix(std::string_view prefix) {
  ensure_started();
  return cut_to_universe(interface_name(Field::out_if, prefix, true));
}

PacketSet PacketSet::of(const Packet& p) {
  PacketSet s = family(p.family);
  s &= src(IpPrefix::host(p.src));
  s &= dst(IpPrefix::host(p.dst));
  s &= protocol(p.proto) & src_port(p.sport, p.sport) & dst_port(p.dport, p.dport);
  s &= state(p.state) & in_interface(p.in_if) & out_interface(p.out_if);
  return s;
}

// ---- set algebra ---------------------------------------------------------------------------

PacketSet PacketSet::operator|(const PacketSet& o) const {
  return PacketSet(bdd_or(root_, o.root_));
}
PacketSet PacketSet::operator&(const PacketSet& o) const {
  return PacketSet(bdd_and(root_, o.root_));
}
PacketSet PacketSet::operator-(const PacketSet& o) const {
  return PacketSet(bdd_apply(root_, o.root_, bddop_diff));
}
PacketSet PacketSet::operator~() const {
  return PacketSet(bdd_apply(universe(), root_, bddop_diff));
}
PacketSet& PacketSet::operator|=(const PacketSet& o) {
  return *this = *this | o;
}
PacketSet& PacketSet::operator&=(const PacketSet& o) {
  return *this = *this & o;
}
PacketSet& PacketSet::operator-=(const PacketSet& o) {
  return *this = *this - o;
}

bool PacketSet::empty() const {
  return root_ == kFalse;
}
bool PacketSet::is_all() const {
  return root_ == universe();
}
bool PacketSet::operator==(const PacketSet& o) const {
  return root_ == o.root_;
}
bool PacketSet::subset_of(const PacketSet& o) const {
  return Ref(bdd_apply(root_, o.root_, bddop_diff)).get() == kFalse;
}
bool PacketSet::intersects(const PacketSet& o) const {
  return Ref(bdd_and(root_, o.root_)).get() != kFalse;
}

PacketProbe::PacketProbe(const Packet& p) : bits_(static_cast<std::size_t>(kVarCount), 0) {
  if (p.in_if.size() >= static_cast<std::size_t>(kIfBytes) ||
      p.out_if.size() >= static_cast<std::size_t>(kIfBytes)) {
    valid_ = false;
    return;
  }
  auto put = [this](Field f, Bits value) {
    FieldSpan s = span(f);
    for (int i = 0; i < s.bits; ++i)
      bits_[static_cast<std::size_t>(s.first + i)] = (value >> (s.bits - 1 - i)) & 1;
  };
  auto put_name = [this](Field f, const std::string& name) {
    FieldSpan s = span(f);
    for (std::size_t byte = 0; byte < name.size(); ++byte)
      for (int b = 0; b < 8; ++b)
        bits_[static_cast<std::size_t>(s.first) + byte * 8 + static_cast<std::size_t>(b)] =
            (static_cast<unsigned char>(name[byte]) >> (7 - b)) & 1;
  };
  put(Field::family, p.family == Family::ipv6 ? 1 : 0);
  put(Field::protocol, p.proto);
  put(Field::state, static_cast<Bits>(p.state));
  put_name(Field::in_if, p.in_if);
  put_name(Field::out_if, p.out_if);
  put(Field::dst, address_bits(p.dst));
  put(Field::dport, p.dport);
  put(Field::src, address_bits(p.src));
  put(Field::sport, p.sport);
}

bool PacketSet::contains(const Packet& p) const {
  return contains(PacketProbe(p));
}

bool PacketSet::contains(const PacketProbe& probe) const {
  if (!probe.valid_) return false;
  // Walk one path of the BDD: no new nodes are made.
  BDD node = root_;
  while (node != kFalse && node != kTrue)
    node = probe.bits_[static_cast<std::size_t>(bdd_var(node))] ? bdd_high(node) : bdd_low(node);
  return node == kTrue;
}

std::optional<Packet> PacketSet::witness() const {
  if (empty()) return std::nullopt;
  Ref set(root_);
  Packet p;
  p.family = choose_value(set, Field::family, {0, 1}) ? Family::ipv6 : Family::ipv4;
  p.proto = static_cast<std::uint8_t>(choose_value(set, Field::protocol, {6, 17, 1, 58}));
  p.state = static_cast<ConnState>(choose_value(set, Field::state, {0, 1, 2, 3, 4}));
  p.in_if = choose_interface(set, Field::in_if);
  p.out_if = choose_interface(set, Field::out_if);
  p.dst = choose_address(set, Field::dst, p.family);
  std::vector<Bits> dport_hint;
  if (p.proto == 1) dport_hint.push_back(8 << 8);     // echo request
  if (p.proto == 58) dport_hint.push_back(128 << 8);  // ICMPv6 echo request
  p.dport = static_cast<std::uint16_t>(choose_value(set, Field::dport, dport_hint));
  p.src = choose_address(set, Field::src, p.family);
  std::vector<Bits> sport_hint{40000};
  if (p.is_icmp()) sport_hint.insert(sport_hint.begin(), 0);
  Ref unprivileged(bdd_and(set.get(), Ref(in_range(Field::sport, 1024, 65535)).get()));
  if (unprivileged.get() != kFalse && !p.is_icmp()) set = unprivileged;
  p.sport = static_cast<std::uint16_t>(choose_value(set, Field::sport, sport_hint));
  return p;
}

double PacketSet::count() const {
  // Bits no set looks at (IPv4's leading 96, bytes after a name's NUL): count each packet once.
  return bdd_satcount(Ref(bdd_and(root_, canonical_for_count())).get());
}
std::size_t PacketSet::node_count() const {
  return static_cast<std::size_t>(bdd_nodecount(root_));
}

// Defined with the cube helpers below.
// ---- readable projections -----------------------------------------------------------------

std::vector<Family> PacketSet::families() const {
  std::vector<Family> out;
  if (intersects(family(Family::ipv4))) out.push_back(Family::ipv4);
  if (intersects(family(Family::ipv6))) out.push_back(Family::ipv6);
  return out;
}

std::vector<std::uint8_t> PacketSet::protocols() const {
  std::vector<std::uint8_t> out;
  for (auto [lo, hi] : field_ranges(root_, Field::protocol))
    for (Bits v = lo; v <= hi; ++v)
      out.push_back(static_cast<std::uint8_t>(v));
  return out;
}

static std::vector<AddressRange> address_ranges(const PacketSet& s, BDD root, Field f) {
  std::vector<AddressRange> out;
  for (Family fam : s.families()) {
    Ref part(bdd_and(root, fam == Family::ipv4 ? bdd_nithvar(span(Field::family).first)
                                               : bdd_ithvar(span(Field::family).first)));
    for (auto [lo, hi] : field_ranges(part.get(), f, address_offset(fam)))
      out.push_back({address_from_bits(lo, fam), address_from_bits(hi, fam)});
  }
  return out;
}

std::vector<AddressRange> PacketSet::src_ranges() const {
  return address_ranges(*this, root_, Field::src);
}
std::vector<AddressRange> PacketSet::dst_ranges() const {
  return address_ranges(*this, root_, Field::dst);
}

static std::vector<PortRange> port_ranges(BDD root, Field f) {
  std::vector<PortRange> out;
  for (auto [lo, hi] : field_ranges(root, f))
    out.push_back({static_cast<std::uint16_t>(lo), static_cast<std::uint16_t>(hi)});
  return out;
}

std::vector<PortRange> PacketSet::src_ports() const {
  return port_ranges(root_, Field::sport);
}
std::vector<PortRange> PacketSet::dst_ports() const {
  return port_ranges(root_, Field::dport);
}

std::vector<ConnState> PacketSet::states() const {
  std::vector<ConnState> out;
  for (auto [lo, hi] : field_ranges(root_, Field::state))
    for (Bits v = lo; v <= hi; ++v)
      out.push_back(static_cast<ConnState>(v));
  return out;
}

std::string PortRange::to_string() const {
  return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
}

// ---- cubes ---------------------------------------------------------------------------------

namespace {

// One path of the BDD: per variable -1 (either), 0 or 1.
using Path = std::vector<signed char>;

void enumerate_paths(BDD node, Path& path, std::vector<Path>& out, std::size_t limit,
                     bool& truncated) {
  if (node == kFalse) return;
  if (out.size() >= limit) {
    truncated = true;
    return;
  }
  if (node == kTrue) {
    out.push_back(path);
    return;
  }
  int v = bdd_var(node);
  path[v] = 0;
  enumerate_paths(bdd_low(node), path, out, limit, truncated);
  path[v] = 1;
  enumerate_paths(bdd_high(node), path, out, limit, truncated);
  path[v] = -1;
}

// Partner of each variable when src/dst, sport/dport and in_if/out_if trade places.
int swapped_var(int v) {
  const std::pair<Field, Field> pairs[] = {
      {Field::src, Field::dst}, {Field::sport, Field::dport}, {Field::in_if, Field::out_if}};
  for (auto [a, b] : pairs) {
    FieldSpan sa = span(a), sb = span(b);
    if (v >= sa.first && v < sa.first + sa.bits) return sb.first + (v - sa.first);
    if (v >= sb.first && v < sb.first + sb.bits) return sa.first + (v - sb.first);
  }
  return v;
}

// The values a path allows in a field, as intervals (at most 64; more are merged into the hull).
std::vector<std::pair<Bits, Bits>> path_field_ranges(const Path& path, Field f, int from = 0) {
  const FieldSpan full = span(f);
  const FieldSpan s{full.first + from, full.bits - from};
  int last_fixed = -1;
  for (int i = 0; i < s.bits; ++i)
    if (path[s.first + i] >= 0) last_fixed = i;
  int rest = s.bits - 1 - last_fixed;
  Bits low_mask = rest == 0 ? 0 : (rest >= 128 ? ~Bits{0} : (Bits{1} << rest) - 1);
  std::vector<Bits> heads{0};
  for (int i = 0; i <= last_fixed; ++i) {
    signed char b = path[s.first + i];
    std::vector<Bits> next;
    for (Bits h : heads) {
      if (b != 1) next.push_back(h << 1);
      if (b != 0) next.push_back(h << 1 | 1);
    }
    heads = std::move(next);
    if (heads.size() > 64) break;
  }
  std::vector<std::pair<Bits, Bits>> out;
  if (heads.size() > 64) {
    out.emplace_back(0, s.bits >= 128 ? ~Bits{0} : (Bits{1} << s.bits) - 1);
    return out;
  }
  for (Bits h : heads) {
    Bits lo = rest >= 128 ? 0 : h << rest;
    out.emplace_back(lo, lo | low_mask);
  }
  return out;
}

std::string path_interface(const Path& path, Field f) {
  const FieldSpan s = span(f);
  std::string name;
  for (int byte = 0; byte < kIfBytes; ++byte) {
    int known = 0;
    unsigned char c = 0;
    for (int b = 0; b < 8; ++b) {
      signed char v = path[s.first + byte * 8 + b];
      if (v >= 0) ++known;
      if (v == 1) c |= static_cast<unsigned char>(1u << (7 - b));
    }
    if (known == 0) {
      // Free from here on: a prefix (or anything at all).
      bool rest_free = true;
      for (int i = byte * 8; i < s.bits; ++i)
        if (path[s.first + i] >= 0) rest_free = false;
      if (rest_free) return byte == 0 ? "*" : name + "+";
      return "(other)";
    }
    if (known != 8) return "(other)";
    if (c == 0) return name.empty() ? "self" : name;  // bytes after the NUL do not count
    name += static_cast<char>(c);
  }
  return name;
}

}  // namespace

PacketSet PacketSet::swapped() const {
  // BuDDy's bdd_replace is exponential when whole fields trade places far apart in the variable
  // order, so permute the set's disjoint cubes one by one instead: exact, and cheap for the
  // flow-sized sets replies are computed for (cost grows with the number of BDD paths).
  std::vector<Path> paths;
  Path path(kVarCount, -1);
  bool truncated = false;
  enumerate_paths(root_, path, paths, static_cast<std::size_t>(-1), truncated);
  Ref out(kFalse);
  for (const Path& p : paths) {
    Path moved(kVarCount, -1);
    for (int v = 0; v < kVarCount; ++v)
      moved[static_cast<std::size_t>(swapped_var(v))] = p[static_cast<std::size_t>(v)];
    Ref cube(kTrue);
    for (int v = kVarCount - 1; v >= 0; --v) {
      signed char b = moved[static_cast<std::size_t>(v)];
      if (b >= 0) cube = Ref(bdd_and(b ? bdd_ithvar(v) : bdd_nithvar(v), cube.get()));
    }
    out = Ref(bdd_or(out.get(), cube.get()));
  }
  return PacketSet(out.get());
}

std::vector<PacketCube> PacketSet::cubes(std::size_t limit, bool* truncated) const {
  std::vector<Path> paths;
  Path path(kVarCount, -1);
  bool cut = false;
  enumerate_paths(root_, path, paths, limit, cut);
  if (truncated) *truncated = cut;
  std::vector<PacketCube> out;
  for (const Path& p : paths) {
    PacketCube c;
    signed char fam = p[span(Field::family).first];
    if (fam != 1) c.families.push_back(Family::ipv4);
    if (fam != 0) c.families.push_back(Family::ipv6);
    for (auto [lo, hi] : path_field_ranges(p, Field::protocol))
      for (Bits v = lo; v <= hi; ++v)
        c.protocols.push_back(static_cast<std::uint8_t>(v));
    for (auto [lo, hi] : path_field_ranges(p, Field::state))
      for (Bits v = lo; v <= hi && v < kConnStateCount; ++v)
        c.states.push_back(static_cast<ConnState>(v));
    Family af = c.families.size() == 1 ? c.families[0] : Family::ipv6;
    auto prefixes = [&](Field f) {
      std::vector<IpPrefix> list;
      for (auto [lo, hi] : path_field_ranges(p, f, address_offset(af))) {
        IpAddress a = address_from_bits(lo, af), b = address_from_bits(hi, af);
        for (auto& pre : range_to_prefixes(a, b))
          list.push_back(pre);
      }
      return list;
    };
    c.src = prefixes(Field::src);
    c.dst = prefixes(Field::dst);
    for (auto [lo, hi] : path_field_ranges(p, Field::sport))
      c.sports.push_back({static_cast<std::uint16_t>(lo), static_cast<std::uint16_t>(hi)});
    for (auto [lo, hi] : path_field_ranges(p, Field::dport))
      c.dports.push_back({static_cast<std::uint16_t>(lo), static_cast<std::uint16_t>(hi)});
    c.in_if = path_interface(p, Field::in_if);
    c.out_if = path_interface(p, Field::out_if);
    out.push_back(std::move(c));
  }
  return out;
}

std::string PacketCube::to_string() const {
  auto addresses = [](const std::vector<IpPrefix>& list) {
    if (list.size() == 1 && list[0].length == 0) return std::string("any");
    std::string s;
    for (std::size_t i = 0; i < list.size() && i < 8; ++i)
      s += (i ? "," : "") + list[i].to_string();
    if (list.size() > 8) s += ",…(" + std::to_string(list.size()) + " blocks)";
    return s;
  };
  std::string proto;
  if (protocols.size() == 256) {
    proto = "ip";
  } else {
    for (std::size_t i = 0; i < protocols.size() && i < 8; ++i)
      proto += (i ? "," : "") + protocol_name(protocols[i]);
    if (protocols.size() > 8) proto += ",…";
  }
  std::string out = proto + " " + addresses(src);
  std::string sp = port_ranges_text(sports), dp = port_ranges_text(dports);
  if (!sp.empty()) out += " port " + sp;
  out += " -> " + addresses(dst);
  if (!dp.empty()) out += " port " + dp;
  if (in_if != "*") out += " in " + in_if;
  if (out_if != "*") out += " out " + out_if;
  if (states.size() < static_cast<std::size_t>(kConnStateCount)) {
    out += " state ";
    for (std::size_t i = 0; i < states.size(); ++i)
      out += std::string(i ? "," : "") + fwaudit::to_string(states[i]);
  }
  return out;
}

std::string PacketSet::to_string(std::size_t limit) const {
  if (empty()) return "(nothing)";
  if (is_all()) return "(everything)";
  bool truncated = false;
  auto list = cubes(limit, &truncated);
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i)
    out += (i ? "; " : "") + list[i].to_string();
  if (truncated) out += "; …";
  return out;
}

}  // namespace fwaudit
