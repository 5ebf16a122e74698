// analyzer/bdd_layout.cpp
#include "analyzer/bdd_layout.hpp"

#include <stdexcept>
#include <string>

namespace fwaudit::bddlayout {

namespace {

void on_bdd_error(int code) {
  throw std::runtime_error(std::string("BDD engine error: ") + bdd_errstring(code));
}

int var(Field f, int bit) {
  return span(f).first + bit;
}

BDD literal(Field f, int bit, bool value) {
  return value ? bdd_ithvar(var(f, bit)) : bdd_nithvar(var(f, bit));
}

BDD byte_is_zero(Field f, int byte, BDD rest) {
  Ref r(rest);
  for (int b = 7; b >= 0; --b)
    r = Ref(bdd_and(literal(f, byte * 8 + b, false), r.get()));
  return r.get();
}

}  // namespace

BDD canonical_for_count() {
  static Ref both = [] {
    auto canonical = [](Field f) {
      Ref all_zero(kTrue);   // bytes i.. are all NUL
      Ref canonical(kTrue);  // bytes i.. form a canonical tail
      for (int i = kIfBytes - 1; i >= 0; --i) {
        Ref is_zero(byte_is_zero(f, i, kTrue));
        Ref next(bdd_ite(is_zero.get(), all_zero.get(), canonical.get()));
        all_zero = Ref(bdd_and(is_zero.get(), all_zero.get()));
        canonical = next;
      }
      return canonical;
    };
    Ref in = canonical(Field::in_if), out = canonical(Field::out_if);
    Ref names(bdd_and(in.get(), out.get()));
    Ref v4_src(equals(Field::src, 0, 96)), v4_dst(equals(Field::dst, 0, 96));
    Ref v4_top(bdd_and(v4_src.get(), v4_dst.get()));
    Ref v4(bdd_ite(bdd_nithvar(var(Field::family, 0)), v4_top.get(), kTrue));
    return Ref(bdd_and(names.get(), v4.get()));
  }();
  return both.get();
}

void ensure_started() {
  static bool started = false;
  if (started) return;
  started = true;
  if (!bdd_isrunning()) {
    bdd_init(1 << 19, 1 << 16);
    bdd_setcacheratio(8);
    bdd_setmaxincrease(1 << 22);
  }
  bdd_error_hook(on_bdd_error);
  bdd_gbc_hook(nullptr);  // BuDDy prints every garbage collection by default
  if (bdd_varnum() < kVarCount) bdd_setvarnum(kVarCount);
}

BDD universe() {
  static Ref u = [] {
    ensure_started();
    return Ref(in_range(Field::state, 0, 4));
  }();
  return u.get();
}

Bits address_bits(const IpAddress& a) {
  Bits b = 0;
  for (auto byte : a.bytes)
    b = b << 8 | byte;
  return b;
}

IpAddress address_from_bits(Bits b, Family f) {
  if (f == Family::ipv4) return IpAddress::v4(static_cast<std::uint32_t>(b));
  std::array<std::uint8_t, 16> bytes{};
  for (int i = 15; i >= 0; --i) {
    bytes[i] = static_cast<std::uint8_t>(b & 0xff);
    b >>= 8;
  }
  return IpAddress::v6(bytes);
}

BDD equals_bits(Field f, Bits value, int from, int to) {
  const int width = span(f).bits;
  Ref r(kTrue);
  for (int i = to - 1; i >= from; --i) {
    bool bit = (value >> (width - 1 - i)) & 1;
    r = Ref(bdd_and(literal(f, i, bit), r.get()));
  }
  return r.get();
}

BDD in_range_bits(Field f, Bits lo, Bits hi, int from) {
  const int width = span(f).bits;
  Ref ge(kTrue), le(kTrue);
  for (int i = width - 1; i >= from; --i) {
    bool lo_bit = (lo >> (width - 1 - i)) & 1;
    bool hi_bit = (hi >> (width - 1 - i)) & 1;
    BDD x = bdd_ithvar(var(f, i));
    BDD nx = bdd_nithvar(var(f, i));
    ge = Ref(lo_bit ? bdd_and(x, ge.get()) : bdd_or(x, ge.get()));
    le = Ref(hi_bit ? bdd_or(nx, le.get()) : bdd_and(nx, le.get()));
  }
  return bdd_and(ge.get(), le.get());
}

BDD varset_bits(Field f, int from, int to) {
  int vars[256];
  for (int i = from; i < to; ++i)
    vars[i - from] = var(f, i);
  return bdd_makeset(vars, to - from);
}

BDD varset_all_but(Field keep) {
  static int vars[kVarCount];
  int n = 0;
  for (int i = 0; i < kVarCount; ++i) {
    FieldSpan s = span(keep);
    if (i < s.first || i >= s.first + s.bits) vars[n++] = i;
  }
  return bdd_makeset(vars, n);
}

BDD interface_name(Field f, std::string_view name, bool prefix_only) {
  if (name.size() >= static_cast<std::size_t>(kIfBytes))
    throw std::invalid_argument("interface name longer than 31 bytes: " + std::string(name));
  // A name is its bytes up to the first NUL; what follows the NUL is never looked at, so no
  // constraint ties it down (that keeps BDD paths few). "" (the firewall) is a NUL first byte.
  if (prefix_only && name.empty()) return bdd_not(byte_is_zero(f, 0, kTrue));
  int bytes = static_cast<int>(name.size()) + (prefix_only ? 0 : 1);
  Ref r(kTrue);
  for (int i = bytes - 1; i >= 0; --i) {
    unsigned char c = i < static_cast<int>(name.size()) ? static_cast<unsigned char>(name[i]) : 0;
    for (int b = 7; b >= 0; --b)
      r = Ref(bdd_and(literal(f, i * 8 + b, (c >> (7 - b)) & 1), r.get()));
  }
  return r.get();
}

}  // namespace fwaudit::bddlayout
