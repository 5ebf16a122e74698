// parsers/asa/lower_nat.cpp
// NAT to two translate policies: "NAT (untranslate destination)" rewrites the destination of
// packets addressed to a mapped address back to the real one; "NAT (translate source)" rewrites
// real sources to mapped ones. Rules are in ASA's NAT table order (section 1 twice NAT, section 2
// object NAT: static before dynamic, fewer real addresses first, then by address and name;
// section 3 twice NAT after-auto); the first rule that matches a packet translates it.
#include <algorithm>
#include <cmath>

#include "parsers/asa/lower.hpp"

namespace fwaudit::asa {

namespace {

PacketSet in_if(std::string_view name) {
  return name.empty() || name == "any" ? PacketSet::all() : PacketSet::in_interface(name);
}
PacketSet out_if(std::string_view name) {
  return name.empty() || name == "any" ? PacketSet::all() : PacketSet::out_interface(name);
}

double address_count(const std::vector<AddressElement>& els) {
  double n = 0;
  for (const auto& e : els) {
    switch (e.kind) {
      case AddressElement::Kind::prefix:
        n += std::ldexp(1.0, e.prefix.addr.width() - e.prefix.length);
        break;
      case AddressElement::Kind::range: {
        double lo = 0, hi = 0;
        for (int i = 0; i < e.lo.width(); ++i) {
          lo = lo * 2 + (e.lo.bit(i) ? 1 : 0);
          hi = hi * 2 + (e.hi.bit(i) ? 1 : 0);
        }
        n += hi - lo + 1;
        break;
      }
      default:
        n += std::ldexp(1.0, 128);
        break;
    }
  }
  return n;
}

struct Target {
  bool identity = false;  // mapped == real: no rewrite (identity NAT / exemption)
  std::string unknown;
};

// Rewrites the source or destination of `rw` to the first mapped element.
Target rewrite_to(HeaderRewrite& rw, const std::vector<AddressElement>& mapped, bool destination) {
  Target t;
  if (mapped.empty()) {
    t.unknown = "mapped address unknown";
    return t;
  }
  const AddressElement& e = mapped.front();
  if (mapped.size() > 1) t.unknown = "mapped pool of several blocks; the first is used";
  switch (e.kind) {
    case AddressElement::Kind::prefix:
      destination ? rw.dst_prefix(e.prefix) : rw.src_prefix(e.prefix);
      break;
    case AddressElement::Kind::range:
      destination ? rw.dst_range(e.lo, e.hi) : rw.src_range(e.lo, e.hi);
      break;
    case AddressElement::Kind::any:
    case AddressElement::Kind::family:
      t.identity = true;
      break;
    case AddressElement::Kind::unknown:
      t.unknown = e.unknown;
      break;
  }
  return t;
}

bool same(const std::vector<AddressElement>& a, const std::vector<AddressElement>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].to_string() != b[i].to_string()) return false;
  return true;
}

std::optional<std::uint16_t> single_destination_port(const ServiceObject* o) {
  if (o == nullptr || !o->spec || o->spec->destination.op != PortMatch::Op::eq) return std::nullopt;
  return o->spec->destination.lo;
}

}  // namespace

void Lowering::lower_nat(PolicyId& untranslate_id, PolicyId& translate_id) {
  Policy untranslate;
  untranslate.name = "NAT (untranslate destination)";
  untranslate.fallthrough = RuleAction::return_;
  untranslate.fallthrough_label = "no NAT rule translates the destination";
  Policy translate;
  translate.name = "NAT (translate source)";
  translate.fallthrough = RuleAction::return_;
  translate.fallthrough_label = "no NAT rule translates the source";

  // ASA NAT table order.
  std::vector<const NatRule*> order;
  for (const NatRule& n : config_.nats)
    if (n.kind != NatRule::Kind::object && n.section == NatRule::Section::manual)
      order.push_back(&n);
  std::vector<std::pair<const NatRule*, double>> objects;
  for (const NatRule& n : config_.nats) {
    if (n.kind != NatRule::Kind::object) continue;
    // Problems found here are reported again, at the same place, when the rule is lowered;
    // run() keeps each diagnostic once.
    double count = address_count(expand_network_object(n.object, n.at));
    objects.push_back({&n, count});
  }
  std::stable_sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) {
    if (a.first->is_static != b.first->is_static) return a.first->is_static;
    if (a.second != b.second) return a.second < b.second;
    return a.first->object < b.first->object;
  });
  for (const auto& o : objects)
    order.push_back(o.first);
  for (const NatRule& n : config_.nats)
    if (n.section == NatRule::Section::after_auto) order.push_back(&n);

  auto add = [&](Policy& p, const NatRule& n, PacketSet match, HeaderRewrite rw, const Target& t,
                 const std::string& what) {
    Rule r;
    r.location = loc(n.at);
    r.action = RuleAction::translate;
    r.sure = match;
    r.may = match;
    Translation tr;
    tr.rewrite = rw;
    tr.exempt = t.identity && rw.identity();
    tr.unknown_reason = t.unknown;
    tr.description = what;
    r.translation = tr;
    p.rules.push_back(std::move(r));
  };

  for (const NatRule* np : order) {
    const NatRule& n = *np;
    if (n.inactive) continue;  // `inactive` NAT rules are not used (nat command reference)
    const std::string ifs = "(" + std::string(n.real_if.empty() ? "any" : n.real_if) + "," +
                            std::string(n.mapped_if.empty() ? "any" : n.mapped_if) + ")";
    const PacketSet forward = in_if(n.real_if) & out_if(n.mapped_if);
    const PacketSet reverse = in_if(n.mapped_if) & out_if(n.real_if);
    auto elements = [&](const NatAddress& a) -> std::vector<AddressElement> {
      switch (a.kind) {
        case NatAddress::Kind::none:
        case NatAddress::Kind::any:
          return {AddressElement{}};
        case NatAddress::Kind::literal: {
          AddressElement e;
          e.kind = AddressElement::Kind::prefix;
          e.family = a.addr.family;
          int len = a.addr.width();
          if (n.kind == NatRule::Kind::legacy_static && n.has_legacy_mask)
            len = netmask_length(n.legacy_mask).value_or(len);
          e.prefix = {a.addr.with_host_bits(len, false), len};
          return {e};
        }
        case NatAddress::Kind::interface_:
          return interface_addresses(n.mapped_if, a.at);
        case NatAddress::Kind::object:
        case NatAddress::Kind::pat_pool: {
          const ObjectGroup* g = config_.group(a.ref);
          if (g != nullptr && config_.network_object(a.ref) == nullptr)
            return expand_network_group(a.ref, a.at);
          return expand_network_object(a.ref, a.at);
        }
      }
      return {};
    };

    std::vector<AddressElement> real = n.kind == NatRule::Kind::object
                                           ? expand_network_object(n.object, n.at)
                                           : elements(n.source_real);
    std::vector<AddressElement> mapped = elements(n.source_mapped);
    const std::string kind = n.is_static ? "static" : "dynamic";
    PacketSet ports_fwd = PacketSet::all();
    PacketSet ports_rev = PacketSet::all();
    std::optional<std::uint16_t> real_port, mapped_port;
    if (n.port_protocol) {
      real_port = n.real_port;
      mapped_port = n.mapped_port;
    } else if (!n.service_real.empty()) {
      real_port = single_destination_port(config_.service_object(n.service_real));
      mapped_port = single_destination_port(config_.service_object(n.service_mapped));
      if (!config_.service_object(n.service_real))
        error("undefined-object",
              "service object '" + std::string(n.service_real) + "' is not defined", n.at);
      if (!config_.service_object(n.service_mapped))
        error("undefined-object",
              "service object '" + std::string(n.service_mapped) + "' is not defined", n.at);
    }
    PacketSet proto = PacketSet::all();
    if (n.port_protocol)
      proto = PacketSet::protocol(*n.port_protocol);
    else if (real_port)
      proto = PacketSet::protocol(6) | PacketSet::protocol(17);
    if (real_port && mapped_port) {
      // Static port translation: the real port on the real side, the mapped one outside.
      ports_fwd = proto & PacketSet::src_port(*real_port, *real_port);
      ports_rev = proto & PacketSet::dst_port(*mapped_port, *mapped_port);
    }

    if (n.kind == NatRule::Kind::twice && n.has_destination) {
      std::vector<AddressElement> dst_mapped = elements(n.destination_mapped);
      std::vector<AddressElement> dst_real = elements(n.destination_real);
      // Forward: real source toward the mapped destination: destination back to its real address.
      {
        HeaderRewrite rw;
        Target t = rewrite_to(rw, dst_real, true);
        if (same(dst_mapped, dst_real)) t.identity = true, rw = HeaderRewrite();
        add(untranslate, n,
            forward & address_match(real, true).may & address_match(dst_mapped, false).may, rw, t,
            "twice NAT " + ifs + " destination static to the real destination");
      }
      {
        HeaderRewrite rw;
        Target t = rewrite_to(rw, mapped, false);
        if (same(real, mapped)) t.identity = true, rw = HeaderRewrite();
        if (real_port && mapped_port) rw.src_port(*mapped_port, *mapped_port);
        add(translate, n,
            forward & address_match(real, true).may & address_match(dst_real, false).may, rw, t,
            "twice NAT " + ifs + " source " + kind);
      }
      if (n.is_static && !n.unidirectional) {
        HeaderRewrite rw;
        Target t = rewrite_to(rw, real, true);
        if (same(real, mapped)) t.identity = true, rw = HeaderRewrite();
        if (real_port && mapped_port) rw.dst_port(*real_port, *real_port);
        add(untranslate, n,
            reverse & ports_rev & address_match(dst_real, true).may &
                address_match(mapped, false).may,
            rw, t, "twice NAT " + ifs + " static, reverse direction");
        HeaderRewrite rw2;
        Target t2 = rewrite_to(rw2, dst_mapped, false);
        if (same(dst_mapped, dst_real)) t2.identity = true, rw2 = HeaderRewrite();
        add(translate, n,
            reverse & address_match(dst_real, true).may & address_match(real, false).may, rw2, t2,
            "twice NAT " + ifs + " destination static, reverse direction");
      }
      continue;
    }

    // Object NAT, twice NAT without destination, legacy static.
    {
      HeaderRewrite rw;
      Target t = rewrite_to(rw, mapped, false);
      if (same(real, mapped)) t.identity = true, rw = HeaderRewrite();
      if (real_port && mapped_port) rw.src_port(*mapped_port, *mapped_port);
      add(translate, n, forward & ports_fwd & address_match(real, true).may, rw, t,
          (n.kind == NatRule::Kind::object  ? "object NAT "
           : n.kind == NatRule::Kind::twice ? "twice NAT "
                                            : "static ") +
              ifs + " " + kind + " source to the mapped address");
    }
    if (n.is_static && !n.unidirectional) {
      HeaderRewrite rw;
      Target t = rewrite_to(rw, real, true);
      if (same(real, mapped)) t.identity = true, rw = HeaderRewrite();
      if (real_port && mapped_port) rw.dst_port(*real_port, *real_port);
      add(untranslate, n, reverse & ports_rev & address_match(mapped, false).may, rw, t,
          (n.kind == NatRule::Kind::object  ? "object NAT "
           : n.kind == NatRule::Kind::twice ? "twice NAT "
                                            : "static ") +
              ifs + " static: mapped destination to the real address");
    }
  }
  untranslate_id = rs_.add_policy(std::move(untranslate));
  translate_id = rs_.add_policy(std::move(translate));
}

}  // namespace fwaudit::asa
