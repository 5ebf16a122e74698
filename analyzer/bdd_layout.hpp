// analyzer/bdd_layout.hpp
// Private to analyzer/packet_set.cpp and analyzer/header_rewrite.cpp: the BDD variable layout of
// packet sets and small helpers over BuDDy's C interface. Nothing else includes this file.
#pragma once

#include <bdd.h>

// bdd.h maps these names to its C++ class wrappers; fwaudit uses BuDDy's C interface with
// explicit reference counting (Ref, PacketSet), so take the C functions back.
#undef bdd_init
#undef bdd_ithvar
#undef bdd_nithvar
#undef bdd_makeset
#undef bdd_ibuildcube
#undef bdd_anodecount

#include <cstdint>
#include <string_view>

#include "analyzer/ip_address.hpp"

namespace fwaudit::bddlayout {

inline constexpr int kIfBytes = 32;  // interface names up to 31 bytes and a NUL

// Fields in BDD variable order, most significant bit first within each field. Protocol and state
// come first (few values, most rules test them), interfaces next, then destination before source:
// rule sets are mostly partitioned by destination service.
enum class Field : int { family, protocol, state, in_if, out_if, dst, dport, src, sport };
inline constexpr int kFieldCount = 9;

struct FieldSpan {
  int first;
  int bits;
};

constexpr FieldSpan span(Field f) {
  constexpr int widths[kFieldCount] = {1, 8, 3, kIfBytes * 8, kIfBytes * 8, 128, 16, 128, 16};
  int first = 0;
  for (int i = 0; i < static_cast<int>(f); ++i)
    first += widths[i];
  return {first, widths[static_cast<int>(f)]};
}

inline constexpr int kVarCount = span(Field::sport).first + span(Field::sport).bits;
inline constexpr BDD kFalse = 0;  // BuDDy's constant nodes
inline constexpr BDD kTrue = 1;

// Starts BuDDy once (node table, caches, error and GC hooks).
void ensure_started();
// The valid packets: state < 5. Nothing else needs tying down: IPv4 sets constrain only the low
// 32 bits of an address field, and interface names only their bytes up to the first NUL.
BDD universe();
// One representative per packet, for counting: the 96 leading address bits of IPv4 packets and
// the bytes after an interface name's NUL all zero.
BDD canonical_for_count();

// Reference-counted BDD handle for intermediate results.
class Ref {
 public:
  Ref() : root_(kFalse) {}
  explicit Ref(BDD r) : root_(bdd_addref(r)) {}
  Ref(const Ref& o) : root_(bdd_addref(o.root_)) {}
  Ref& operator=(const Ref& o) {
    BDD r = bdd_addref(o.root_);
    bdd_delref(root_);
    root_ = r;
    return *this;
  }
  ~Ref() { bdd_delref(root_); }
  BDD get() const { return root_; }

 private:
  BDD root_;
};

// A bit vector value of up to 128 bits, most significant bit first.
using Bits = unsigned __int128;

Bits address_bits(const IpAddress& a);  // the 128-bit value (IPv4: the address in the low 32 bits)
IpAddress address_from_bits(Bits b, Family f);

// Bits [from, to) of field f equal those bits of `value` (a number as wide as the field).
BDD equals_bits(Field f, Bits value, int from, int to);
inline BDD equals(Field f, Bits value, int n) {
  return equals_bits(f, value, 0, n);
}
// lo <= bits [from, width) of field f <= hi, the bounds given as numbers over those bits.
BDD in_range_bits(Field f, Bits lo, Bits hi, int from);
inline BDD in_range(Field f, Bits lo, Bits hi) {
  return in_range_bits(f, lo, hi, 0);
}
// First bit of an address field that a family's addresses use (96 for IPv4, 0 for IPv6).
inline int address_offset(Family fam) {
  return fam == Family::ipv4 ? 96 : 0;
}
// Variables of bits [from, to) of field f, as a BuDDy variable set.
BDD varset_bits(Field f, int from, int to);
inline BDD varset(Field f, int n) {
  return varset_bits(f, 0, n);
}
BDD varset_all_but(Field f);
BDD interface_name(Field f, std::string_view name, bool prefix_only);

}  // namespace fwaudit::bddlayout
