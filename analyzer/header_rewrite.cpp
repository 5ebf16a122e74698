// analyzer/header_rewrite.cpp
#include "analyzer/bdd_layout.hpp"
#include "analyzer/packet_set.hpp"

namespace fwaudit {

using bddlayout::kTrue;
using bddlayout::Ref;
using LField = bddlayout::Field;

namespace {

// HeaderRewrite::Field lists src, dst, sport, dport in this order.
LField field_of(int part_field) {
  switch (part_field) {
    case 0:
      return LField::src;
    case 1:
      return LField::dst;
    case 2:
      return LField::sport;
    default:
      return LField::dport;
  }
}

}  // namespace

HeaderRewrite& HeaderRewrite::src_prefix(const IpPrefix& p) {
  int from = bddlayout::address_offset(p.addr.family);
  fields_.push_back({Field::src, from, from + p.length, p.first(), p.last(), {}});
  return *this;
}
HeaderRewrite& HeaderRewrite::dst_prefix(const IpPrefix& p) {
  int from = bddlayout::address_offset(p.addr.family);
  fields_.push_back({Field::dst, from, from + p.length, p.first(), p.last(), {}});
  return *this;
}
HeaderRewrite& HeaderRewrite::src_range(const IpAddress& lo, const IpAddress& hi) {
  fields_.push_back({Field::src, bddlayout::address_offset(lo.family), 128, lo, hi, {}});
  return *this;
}
HeaderRewrite& HeaderRewrite::dst_range(const IpAddress& lo, const IpAddress& hi) {
  fields_.push_back({Field::dst, bddlayout::address_offset(lo.family), 128, lo, hi, {}});
  return *this;
}
HeaderRewrite& HeaderRewrite::src_port(std::uint16_t lo, std::uint16_t hi) {
  fields_.push_back({Field::sport, 0, 16, {}, {}, {lo, hi}});
  return *this;
}
HeaderRewrite& HeaderRewrite::dst_port(std::uint16_t lo, std::uint16_t hi) {
  fields_.push_back({Field::dport, 0, 16, {}, {}, {lo, hi}});
  return *this;
}

// The new values, as a constraint on the rewritten bits only.
PacketSet HeaderRewrite::target_constraint() const {
  PacketSet t = PacketSet::all();
  for (const Part& part : fields_) {
    LField f = field_of(static_cast<int>(part.field));
    bool address = f == LField::src || f == LField::dst;
    if (!address) {
      t &= f == LField::sport ? PacketSet::src_port(part.ports) : PacketSet::dst_port(part.ports);
      continue;
    }
    if (part.to - part.from < part.lo.width()) {
      // A prefix replaced (NETMAP): only the leading bits are constrained.
      IpPrefix p{part.lo, part.to - part.from};
      t &= f == LField::src ? PacketSet::src(p) : PacketSet::dst(p);
    } else {
      t &= f == LField::src ? PacketSet::src_range(part.lo, part.hi)
                            : PacketSet::dst_range(part.lo, part.hi);
    }
  }
  return t;
}

PacketSet HeaderRewrite::forget_rewritten(const PacketSet& s) const {
  Ref vars(kTrue);
  for (const Part& part : fields_) {
    Ref field(bddlayout::varset_bits(field_of(static_cast<int>(part.field)), part.from, part.to));
    vars = Ref(bdd_and(vars.get(), field.get()));
  }
  return PacketSet(bdd_exist(s.root_, vars.get()));
}

PacketSet HeaderRewrite::image(const PacketSet& s) const {
  if (identity()) return s;
  return forget_rewritten(s) & target_constraint();
}

PacketSet HeaderRewrite::preimage_may(const PacketSet& post) const {
  if (identity()) return post;
  return forget_rewritten(post & target_constraint()) & PacketSet::all();
}

PacketSet HeaderRewrite::preimage_sure(const PacketSet& post) const {
  if (identity()) return post;
  // Surely lands in `post` = no possible image lands outside it.
  return ~preimage_may(~post);
}

Packet HeaderRewrite::apply(const Packet& p) const {
  Packet out = p;
  for (const Part& part : fields_) {
    LField f = field_of(static_cast<int>(part.field));
    if (f == LField::sport) out.sport = part.ports.lo;
    if (f == LField::dport) out.dport = part.ports.lo;
    if (f == LField::src || f == LField::dst) {
      IpAddress& a = f == LField::src ? out.src : out.dst;
      IpAddress replaced = part.lo;
      // Keep the host bits beyond the replaced prefix (NETMAP).
      int kept_from = part.to - part.from;
      for (int i = kept_from; i < a.width() && i < replaced.width(); ++i)
        replaced.set_bit(i, a.bit(i));
      a = replaced;
    }
  }
  return out;
}

std::string HeaderRewrite::to_string() const {
  std::string out;
  for (const Part& part : fields_) {
    LField f = field_of(static_cast<int>(part.field));
    if (!out.empty()) out += ", ";
    if (f == LField::sport || f == LField::dport) {
      out += std::string(f == LField::sport ? "sport " : "dport ") + part.ports.to_string();
    } else {
      out += f == LField::src ? "src " : "dst ";
      int len = part.to - part.from;
      if (len < part.lo.width())
        out += IpPrefix{part.lo, len}.to_string() + " (host bits kept)";
      else if (part.lo == part.hi)
        out += part.lo.to_string();
      else
        out += part.lo.to_string() + "-" + part.hi.to_string();
    }
  }
  return out.empty() ? "no change" : out;
}

}  // namespace fwaudit
