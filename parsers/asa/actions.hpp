// parsers/asa/actions.hpp
#pragma once

#include <charconv>
#include <string>

#include <tao/pegtl.hpp>

#include "parsers/asa/grammar.hpp"
#include "parsers/asa/names.hpp"
#include "parsers/asa/read_state.hpp"

// Actions of the ASA grammar: checked values return bool (false = the token is not acceptable
// here, the rule fails); the other actions fill the scratch of ReadState and commit whole
// commands into the Config when the line's rule has matched.
namespace fwaudit::asa {

namespace g = grammar;

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

namespace detail {

template <typename Input>
std::vector<std::string_view> tokens(const Input& in) {
  return split_tokens(in.string_view());
}

inline std::optional<unsigned> small_number(std::string_view text, unsigned max) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v > max) return std::nullopt;
  return v;
}

inline std::vector<std::string_view> tail(const std::vector<std::string_view>& t,
                                          std::size_t from) {
  return {t.begin() + static_cast<std::ptrdiff_t>(std::min(from, t.size())), t.end()};
}

inline ObjectGroup* current_group(ReadState& st) {
  return st.block == Block::group ? &st.config.groups[st.block_index] : nullptr;
}

inline void add_member(ReadState& st, GroupMember m, ObjectGroup::Kind expected, const char* what) {
  ObjectGroup* group = current_group(st);
  if (group == nullptr) return;
  bool fits = m.kind == GroupMember::Kind::group || group->kind == expected;
  if (!fits) {
    st.config.diagnostics.add({Severity::error,
                               "group-member-kind",
                               std::string(what) + " is not allowed in object-group " +
                                   std::string(group->name) + " of this type",
                               st.config.location(m.at),
                               {st.config.location(group->at)}});
    return;
  }
  group->members.push_back(std::move(m));
}

inline NatAddress nat_address(ReadState& st, const std::vector<std::string_view>& t, Where at) {
  NatAddress a;
  a.at = at;
  if (t.empty()) return a;
  if (t[0] == "any")
    a.kind = NatAddress::Kind::any;
  else if (t[0] == "interface")
    a.kind = NatAddress::Kind::interface_;
  else if (t[0] == "pat-pool" && t.size() > 1) {
    a.kind = NatAddress::Kind::pat_pool;
    a.ref = t[1];
    st.reference(Reference::Kind::object, t[1], at);
  } else if (auto ip = address_or_name(st, t[0])) {
    a.kind = NatAddress::Kind::literal;
    a.addr = *ip;
  } else {
    a.kind = NatAddress::Kind::object;
    a.ref = t[0];
    st.reference(Reference::Kind::object, t[0], at);
  }
  return a;
}

inline void unsupported(ReadState& st, std::string code, std::string message) {
  ++st.config.unsupported_lines;
  st.config.diagnostics.add({Severity::unsupported,
                             std::move(code),
                             std::move(message),
                             st.config.location({st.line, 1}),
                             {}});
}

}  // namespace detail

// ---- checked values
// ------------------------------------------------------------------------------
template <>
struct action<g::defined_name> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    return st.config.names.count(in.string_view()) != 0;
  }
};
template <>
struct action<g::ipv4_tok> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    auto a = IpAddress::parse(in.string_view());
    return a && a->family == Family::ipv4;
  }
};
template <>
struct action<g::ipv6_tok> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    auto a = IpAddress::parse(in.string_view());
    return a && a->family == Family::ipv6;
  }
};
template <>
struct action<g::ipv6_prefix_tok> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    auto p = IpPrefix::parse(in.string_view());
    return p && p->addr.family == Family::ipv6;
  }
};
template <>
struct action<g::netmask_tok> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    auto m = IpAddress::parse(in.string_view());
    return m && m->family == Family::ipv4 && netmask_length(*m).has_value();
  }
};
template <>
struct action<g::port_value> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    return port_from_text(in.string_view()).has_value();
  }
};
template <>
struct action<g::protocol_value> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto n = protocol_from_text(in.string_view());
    if (!n) return false;
    st.current_protocol = *n == 0 ? std::nullopt : std::optional<std::uint8_t>(*n);
    return true;
  }
};
template <>
struct action<g::icmp_type_value> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    if (!st.current_protocol || !is_icmp_protocol(*st.current_protocol)) return false;
    return icmp_type_from_text(in.string_view(), *st.current_protocol == 58).has_value();
  }
};
template <>
struct action<g::icmp_object_value> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    return icmp_type_from_text(in.string_view(), false).has_value();
  }
};
template <>
struct action<g::icmp_code_value> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    return detail::small_number(in.string_view(), 255).has_value();
  }
};
template <>
struct action<g::service_group_name> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    const ObjectGroup* group = st.config.group(in.string_view());
    return group != nullptr && group->kind == ObjectGroup::Kind::service;
  }
};
template <>
struct action<g::dst_service_group_name> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    const ObjectGroup* group = st.config.group(in.string_view());
    return group != nullptr && (group->kind == ObjectGroup::Kind::service ||
                                group->kind == ObjectGroup::Kind::icmp_type);
  }
};
template <>
struct action<g::security_level_value> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    return detail::small_number(in.string_view(), 100).has_value();
  }
};
template <>
struct action<g::name_address> {
  template <typename I>
  static bool apply(const I& in, ReadState&) {
    return IpAddress::parse(in.string_view()).has_value();
  }
};

// ---- access-list
// ---------------------------------------------------------------------------------
template <>
struct action<g::acl_name> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.ace = Ace{};
    st.ace_skip = false;
    st.current_protocol.reset();
    st.ace.acl = in.string_view();
    st.ace.at = {st.line, 1};
  }
};
template <>
struct action<g::ace_verb> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.verb_permit = in.string_view() == "permit";
  }
};
template <>
struct action<g::ace_protocol> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.ace.protocol = read_protocol(st, detail::tokens(in), st.where(in.begin()));
    if (st.ace.protocol.kind == Protocol::Kind::number)
      st.current_protocol = st.ace.protocol.number;
    else
      st.current_protocol.reset();
  }
};
template <>
struct action<g::identity_spec> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.ace.unsupported = "identity firewall match '" + in.string() + "'";
  }
};
template <>
struct action<g::ace_source> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto a = read_address(st, detail::tokens(in), st.where(in.begin()));
    if (a) st.ace.source = *a;
    return a.has_value();
  }
};
template <>
struct action<g::ace_destination> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto a = read_address(st, detail::tokens(in), st.where(in.begin()));
    if (a) st.ace.destination = *a;
    return a.has_value();
  }
};
template <>
struct action<g::ace_source_port> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto m = read_port_op(st, detail::tokens(in), st.where(in.begin()));
    if (m) st.ace.source_port = *m;
    return m.has_value();
  }
};
template <>
struct action<g::ace_destination_port> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    Where at = st.where(in.begin());
    if (t[0] == "object-group" && t.size() == 2) {
      const ObjectGroup* group = st.config.group(t[1]);
      if (group != nullptr && group->kind == ObjectGroup::Kind::icmp_type) {
        st.ace.icmp.any = false;
        st.ace.icmp.group = t[1];
        st.ace.icmp.at = at;
        st.reference(Reference::Kind::group, t[1], at);
        return true;
      }
    }
    if (t[0] == "object-group" || t[0] == "eq" || t[0] == "neq" || t[0] == "lt" || t[0] == "gt" ||
        t[0] == "range") {
      auto m = read_port_op(st, t, at);
      if (m) st.ace.destination_port = *m;
      return m.has_value();
    }
    auto icmp = read_icmp(t, st.current_protocol == 58, at);
    if (icmp) st.ace.icmp = *icmp;
    return icmp.has_value();
  }
};
template <>
struct action<g::option_inactive> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.ace.inactive = true;
  }
};
template <>
struct action<g::option_time_range> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    if (t.size() == 2) st.ace.time_range = t[1];
  }
};
template <>
struct action<g::acl_extended> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.ace.kind = Ace::Kind::extended;
    st.ace.permit = st.verb_permit;
  }
};
template <>
struct action<g::acl_pix_entry> : action<g::acl_extended> {};
template <>
struct action<g::acl_remark> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.ace.kind = Ace::Kind::remark;
  }
};
template <>
struct action<g::standard_destination> : action<g::ace_destination> {};
template <>
struct action<g::acl_standard> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.ace.kind = Ace::Kind::standard;
    st.ace.permit = st.verb_permit;
  }
};
template <>
struct action<g::acl_unsupported_type> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.ace_skip = true;
    detail::unsupported(st, "unsupported-acl-type",
                        "access-list type '" + std::string(detail::tokens(in)[0]) +
                            "' is not modelled (only extended and standard access lists are)");
  }
};
template <>
struct action<g::acl_named> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    if (st.ace_skip) return;
    Config& c = st.config;
    auto [it, inserted] = c.acl_index.try_emplace(st.ace.acl, c.acls.size());
    if (inserted) c.acls.push_back({st.ace.acl, st.ace.at, st.ace.at, {}});
    AccessList& acl = c.acls[it->second];
    acl.last = st.ace.at;
    acl.entries.push_back(std::move(st.ace));
  }
};
template <>
struct action<g::acl_setting> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    ++st.config.skipped_lines;
  }
};

// ---- access-group, same-security-traffic
// ---------------------------------------------------------
template <>
struct action<g::access_group_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    AccessGroup ag;
    ag.acl = t[1];
    ag.at = {st.line, 1};
    if (t[2] == "global") {
      ag.direction = AccessGroup::Direction::global;
    } else {
      ag.direction = t[2] == "in" ? AccessGroup::Direction::in : AccessGroup::Direction::out;
      ag.interface_ = t[4];
      st.reference(Reference::Kind::interface_, t[4], st.where(t[4].data()));
    }
    for (std::size_t i = 3; i < t.size(); ++i)
      if (t[i] == "control-plane") ag.control_plane = true;
    st.reference(Reference::Kind::acl, t[1], st.where(t[1].data()));
    st.config.access_groups.push_back(ag);
  }
};
template <>
struct action<g::same_security_kind> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    if (in.string_view() == "inter-interface")
      st.config.same_security_inter = true;
    else
      st.config.same_security_intra = true;
  }
};

// ---- header, names, interfaces
// -------------------------------------------------------------------
template <>
struct action<g::version_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    Config& c = st.config;
    c.platform = t[0] == "ASA" ? "asa" : t[0] == "PIX" ? "pix" : "fwsm";
    c.version = std::string(t[2]);
    c.version_at = {st.line, 1};
    std::string_view v = t[2];
    auto dot = v.find('.');
    if (auto major = detail::small_number(v.substr(0, dot), 1000)) c.version_major = int(*major);
    if (dot != std::string_view::npos) {
      std::string_view minor = v.substr(dot + 1);
      minor = minor.substr(0, minor.find_first_not_of("0123456789"));
      if (auto m = detail::small_number(minor, 1000)) c.version_minor = int(*m);
    }
  }
};
template <>
struct action<g::hostname_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.config.hostname = detail::tokens(in)[1];
  }
};
template <>
struct action<g::names_line> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.config.names_enabled = true;
  }
};
template <>
struct action<g::name_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    if (auto ip = IpAddress::parse(t[1])) st.config.names[t[2]] = *ip;
  }
};
template <>
struct action<g::interface_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    Interface itf;
    itf.hardware = detail::tokens(in)[1];
    itf.at = {st.line, 1};
    st.block = Block::interface_;
    st.block_index = st.config.interfaces.size();
    st.config.interfaces.push_back(itf);
  }
};
template <>
struct action<g::pix_nameif_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    Interface* itf = nullptr;
    for (auto& i : st.config.interfaces)
      if (i.hardware == t[1]) itf = &i;
    if (itf == nullptr) {
      st.config.interfaces.push_back({});
      itf = &st.config.interfaces.back();
      itf->hardware = t[1];
      itf->at = {st.line, 1};
    }
    itf->nameif = t[2];
    itf->nameif_at = {st.line, 1};
    itf->security_level = int(detail::small_number(t[3].substr(8), 100).value_or(0));
    itf->security_level_at = {st.line, 1};
  }
};
template <>
struct action<g::pix_ip_address_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    Interface* itf = st.config.interface_by_nameif(t[2]);
    if (itf == nullptr) {
      st.config.diagnostics.add(
          {Severity::warning,
           "unknown-interface",
           "ip address names interface '" + std::string(t[2]) + "', which no nameif defines",
           st.config.location(st.where(t[2].data())),
           {}});
      return;
    }
    if (t[3] == "dhcp" || t[3] == "pppoe") {
      itf->dynamic_address = true;
      return;
    }
    auto ip = IpAddress::parse(t[3]);
    auto mask = IpAddress::parse(t[4]);
    if (ip && mask)
      if (auto len = netmask_length(*mask)) itf->addresses.push_back({*ip, *len});
  }
};

// ---- objects and groups
// --------------------------------------------------------------------------
template <>
struct action<g::object_network_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    Config& c = st.config;
    auto [it, inserted] = c.network_object_index.try_emplace(t[2], c.network_objects.size());
    if (inserted) {
      NetworkObject o;
      o.name = t[2];
      o.at = {st.line, 1};
      c.network_objects.push_back(o);
    }
    st.block = Block::network_object;
    st.block_index = it->second;
  }
};
template <>
struct action<g::object_service_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    Config& c = st.config;
    auto [it, inserted] = c.service_object_index.try_emplace(t[2], c.service_objects.size());
    if (inserted) {
      ServiceObject o;
      o.name = t[2];
      o.at = {st.line, 1};
      c.service_objects.push_back(o);
    }
    st.block = Block::service_object;
    st.block_index = it->second;
  }
};

namespace detail {
template <typename I>
void open_group(const I& in, ReadState& st, ObjectGroup::Kind kind) {
  auto t = tokens(in);
  Config& c = st.config;
  auto [it, inserted] = c.group_index.try_emplace(t[1], c.groups.size());
  if (inserted) {
    ObjectGroup group;
    group.kind = kind;
    group.name = t[1];
    group.at = {st.line, 1};
    if (t.size() > 2) {
      Protocol p;
      p.at = st.where(t[2].data());
      if (t[2] == "tcp-udp")
        p.kind = Protocol::Kind::tcp_udp;
      else
        p.kind = Protocol::Kind::number, p.number = t[2] == "tcp" ? 6 : 17;
      group.ports_protocol = p;
    }
    c.groups.push_back(group);
  } else if (c.groups[it->second].kind != kind) {
    c.diagnostics.add(
        {Severity::error,
         "group-kind-mismatch",
         "object-group " + std::string(t[1]) + " is already defined with another type",
         c.location({st.line, 1}),
         {c.location(c.groups[it->second].at)}});
    st.block = Block::skipped;
    return;
  }
  st.block = Block::group;
  st.block_index = it->second;
}
}  // namespace detail

template <>
struct action<g::group_network> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::open_group(in, st, ObjectGroup::Kind::network);
  }
};
template <>
struct action<g::group_service> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::open_group(in, st, ObjectGroup::Kind::service);
  }
};
template <>
struct action<g::group_protocol> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::open_group(in, st, ObjectGroup::Kind::protocol);
  }
};
template <>
struct action<g::group_icmp> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::open_group(in, st, ObjectGroup::Kind::icmp_type);
  }
};
template <>
struct action<g::group_other> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.block = Block::skipped;
    detail::unsupported(st, "unsupported-object-group",
                        "object-group type '" + std::string(detail::tokens(in)[0]) +
                            "' is not modelled; ACEs using it are errors");
  }
};

// ---- management access
// ---------------------------------------------------------------------------
template <>
struct action<g::management_source> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    st.management = ManagementAccess{};
    st.management.at = {st.line, 1};
    auto a = read_address(st, detail::tokens(in), st.where(in.begin()));
    if (a) st.management.source = *a;
    return a.has_value();
  }
};
template <>
struct action<g::icmp_rule_type> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto m = read_icmp(detail::tokens(in), false, st.where(in.begin()));
    if (m) st.management.icmp = *m;
    return m.has_value();
  }
};
namespace detail {
template <typename I>
void add_management(const I& in, ReadState& st, ManagementAccess::Kind kind) {
  auto t = tokens(in);
  st.management.kind = kind;
  st.management.interface_ = t.back();
  st.reference(Reference::Kind::interface_, t.back(), st.where(t.back().data()));
  st.config.management.push_back(st.management);
}
}  // namespace detail
template <>
struct action<g::ssh_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::add_management(in, st, ManagementAccess::Kind::ssh);
  }
};
template <>
struct action<g::telnet_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::add_management(in, st, ManagementAccess::Kind::telnet);
  }
};
template <>
struct action<g::http_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    detail::add_management(in, st, ManagementAccess::Kind::http);
  }
};
template <>
struct action<g::icmp_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.management.permit = st.verb_permit;
    detail::add_management(in, st, ManagementAccess::Kind::icmp);
  }
};
template <>
struct action<g::http_server_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    st.config.http_server_enabled = true;
    if (t.size() > 3)
      st.config.http_server_port =
          static_cast<std::uint16_t>(detail::small_number(t[3], 65535).value_or(443));
  }
};
template <>
struct action<g::unsupported_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    std::string what(t[0] == "ipv6" ? std::string_view("ipv6 access-list") : t[0]);
    detail::unsupported(st, "unsupported-command",
                        "'" + what + "' decides access but is not modelled; its effect is ignored");
  }
};

// ---- NAT
// -----------------------------------------------------------------------------------------
template <>
struct action<g::kw_nat> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat = NatRule{};
    st.nat.at = {st.line, 1};
  }
};
template <>
struct action<g::nat_real_interface> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.real_if = in.string_view();
  }
};
template <>
struct action<g::nat_mapped_interface> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.mapped_if = in.string_view();
  }
};
template <>
struct action<g::nat_kind> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.is_static = in.string_view() == "static";
  }
};
template <>
struct action<g::nat_after_auto> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat.section = NatRule::Section::after_auto;
  }
};
template <>
struct action<g::nat_real> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.source_real = detail::nat_address(st, detail::tokens(in), st.where(in.begin()));
  }
};
template <>
struct action<g::nat_mapped> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.source_mapped = detail::nat_address(st, detail::tokens(in), st.where(in.begin()));
  }
};
template <>
struct action<g::nat_destination_mapped> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.has_destination = true;
    st.nat.destination_mapped = detail::nat_address(st, detail::tokens(in), st.where(in.begin()));
  }
};
template <>
struct action<g::nat_destination_real> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.destination_real = detail::nat_address(st, detail::tokens(in), st.where(in.begin()));
  }
};
template <>
struct action<g::nat_service_real> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.service_real = in.string_view();
    st.reference(Reference::Kind::object, in.string_view(), st.where(in.begin()));
  }
};
template <>
struct action<g::nat_service_mapped> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.service_mapped = in.string_view();
    st.reference(Reference::Kind::object, in.string_view(), st.where(in.begin()));
  }
};
template <>
struct action<g::nat_inactive> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat.inactive = true;
  }
};
template <>
struct action<g::nat_unidirectional> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat.unidirectional = true;
  }
};
template <>
struct action<g::twice_nat_line> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat.kind = NatRule::Kind::twice;
    st.config.nats.push_back(st.nat);
  }
};
template <>
struct action<g::legacy_nat_line> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.config.legacy_nat_seen = true;
    detail::unsupported(st, "legacy-dynamic-nat",
                        "pre-8.3 dynamic NAT (nat/global) is not translated; ACL verdicts do not "
                        "depend on it, but nat-control is not modelled");
  }
};
template <>
struct action<g::legacy_global_line> : action<g::legacy_nat_line> {};
template <>
struct action<g::object_nat_mapped> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.source_mapped = detail::nat_address(st, detail::tokens(in), st.where(in.begin()));
  }
};
template <>
struct action<g::object_nat_service> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    st.nat.port_protocol = t[1] == "tcp" ? 6 : t[1] == "udp" ? 17 : 132;
    st.nat.real_port = port_from_text(t[2]).value_or(0);
    st.nat.mapped_port = port_from_text(t[3]).value_or(0);
  }
};
template <>
struct action<g::object_nat_member> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    if (st.block != Block::network_object) return;
    st.nat.kind = NatRule::Kind::object;
    st.nat.section = NatRule::Section::object;
    st.nat.object = st.config.network_objects[st.block_index].name;
    st.config.nats.push_back(st.nat);
  }
};
// pre-8.3 static
template <>
struct action<g::static_keyword> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat = NatRule{};
    st.nat.at = {st.line, 1};
  }
};
template <>
struct action<g::static_protocol> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.port_protocol = in.string_view() == "tcp" ? 6 : 17;
  }
};
namespace detail {
template <typename I>
NatAddress static_address(const I& in, ReadState& st) {
  NatAddress a;
  a.at = st.where(in.begin());
  if (in.string_view() == "interface") {
    a.kind = NatAddress::Kind::interface_;
  } else if (auto ip = address_or_name(st, in.string_view())) {
    a.kind = NatAddress::Kind::literal;
    a.addr = *ip;
  }
  return a;
}
}  // namespace detail
template <>
struct action<g::static_mapped> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.source_mapped = detail::static_address(in, st);
  }
};
template <>
struct action<g::static_real> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.source_real = detail::static_address(in, st);
  }
};
template <>
struct action<g::static_mapped_port> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto port = port_from_text(in.string_view());
    if (port) st.nat.mapped_port = *port;
    return port.has_value();
  }
};
template <>
struct action<g::static_real_port> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto port = port_from_text(in.string_view());
    if (port) st.nat.real_port = *port;
    return port.has_value();
  }
};
template <>
struct action<g::object_nat_real_port> : action<g::port_value> {};
template <>
struct action<g::object_nat_mapped_port> : action<g::port_value> {};
template <>
struct action<g::static_netmask> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    if (auto m = IpAddress::parse(detail::tokens(in)[1])) {
      st.nat.legacy_mask = *m;
      st.nat.has_legacy_mask = true;
    }
  }
};
template <>
struct action<g::static_policy> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    st.nat.inactive = true;  // not translated; reported below
    detail::unsupported(st, "policy-static",
                        "policy static NAT (static ... access-list) is not translated");
  }
};
template <>
struct action<g::static_line> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.nat.kind = NatRule::Kind::legacy_static;
    st.nat.is_static = true;
    (void)in;
    st.config.legacy_nat_seen = true;
    if (!st.nat.inactive) st.config.nats.push_back(st.nat);
  }
};

// ---- interface members
// ---------------------------------------------------------------------------
namespace detail {
inline Interface* current_interface(ReadState& st) {
  return st.block == Block::interface_ ? &st.config.interfaces[st.block_index] : nullptr;
}
}  // namespace detail
template <>
struct action<g::if_nameif> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    if (Interface* itf = detail::current_interface(st)) {
      itf->nameif = detail::tokens(in)[1];
      itf->nameif_at = {st.line, 1};
    }
  }
};
template <>
struct action<g::if_security_level> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    if (Interface* itf = detail::current_interface(st)) {
      itf->security_level = int(detail::small_number(detail::tokens(in)[1], 100).value_or(0));
      itf->security_level_at = {st.line, st.where(in.begin()).column};
    }
  }
};
template <>
struct action<g::if_ip_address> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    Interface* itf = detail::current_interface(st);
    if (itf == nullptr) return;
    auto t = detail::tokens(in);
    if (t[2] == "dhcp" || t[2] == "pppoe") {
      itf->dynamic_address = true;
      return;
    }
    auto ip = IpAddress::parse(t[2]);
    auto mask = IpAddress::parse(t[3]);
    if (ip && mask)
      if (auto len = netmask_length(*mask)) itf->addresses.push_back({*ip, *len});
  }
};
template <>
struct action<g::if_ipv6_address> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    Interface* itf = detail::current_interface(st);
    if (itf == nullptr) return;
    if (auto p = IpPrefix::parse(detail::tokens(in)[2])) itf->addresses.push_back(*p);
  }
};
template <>
struct action<g::if_shutdown> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    if (Interface* itf = detail::current_interface(st)) itf->shutdown = true;
  }
};
template <>
struct action<g::if_management_only> {
  template <typename I>
  static void apply(const I&, ReadState& st) {
    if (Interface* itf = detail::current_interface(st)) itf->management_only = true;
  }
};

// ---- object members
// ------------------------------------------------------------------------------
namespace detail {
inline NetworkObject* current_network_object(ReadState& st) {
  return st.block == Block::network_object ? &st.config.network_objects[st.block_index] : nullptr;
}
}  // namespace detail
template <>
struct action<g::on_host> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    NetworkObject* o = detail::current_network_object(st);
    if (o == nullptr) return true;
    auto ip = address_or_name(st, detail::tokens(in)[1]);
    if (!ip) return false;
    o->kind = NetworkObject::Kind::host;
    o->addr = *ip;
    o->body_at = {st.line, st.where(in.begin()).column};
    return true;
  }
};
template <>
struct action<g::on_subnet> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    NetworkObject* o = detail::current_network_object(st);
    if (o == nullptr) return true;
    auto t = detail::tokens(in);
    auto a = read_address(st, detail::tail(t, 1), st.where(t[1].data()));
    if (!a) return false;
    o->kind = NetworkObject::Kind::subnet;
    o->addr = a->addr;
    o->length = a->length;
    o->body_at = {st.line, st.where(in.begin()).column};
    return true;
  }
};
template <>
struct action<g::on_range> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    NetworkObject* o = detail::current_network_object(st);
    if (o == nullptr) return true;
    auto t = detail::tokens(in);
    auto lo = IpAddress::parse(t[1]);
    auto hi = IpAddress::parse(t[2]);
    if (!lo || !hi) return false;
    if (lo->family != hi->family || *hi < *lo) {
      st.config.diagnostics.add({Severity::error,
                                 "bad-range",
                                 "range end " + hi->to_string() + " is below its start " +
                                     lo->to_string() + " or of another family",
                                 st.config.location({st.line, st.where(in.begin()).column}),
                                 {}});
    }
    o->kind = NetworkObject::Kind::range;
    o->addr = *lo;
    o->last = *hi;
    o->body_at = {st.line, st.where(in.begin()).column};
    return true;
  }
};
template <>
struct action<g::on_fqdn> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    NetworkObject* o = detail::current_network_object(st);
    if (o == nullptr) return;
    o->kind = NetworkObject::Kind::fqdn;
    o->fqdn = detail::tokens(in).back();
    o->body_at = {st.line, st.where(in.begin()).column};
  }
};
template <>
struct action<g::service_protocol> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    st.service = ServiceSpec{};
    st.service.protocol = read_protocol(st, detail::tokens(in), st.where(in.begin()));
    if (st.service.protocol.kind == Protocol::Kind::number)
      st.current_protocol = st.service.protocol.number;
    else
      st.current_protocol.reset();
  }
};
template <>
struct action<g::service_source_ports> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto m = read_port_op(st, detail::tail(detail::tokens(in), 1), st.where(in.begin()));
    if (m) st.service.source = *m;
    return m.has_value();
  }
};
template <>
struct action<g::service_destination_ports> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto m = read_port_op(st, detail::tail(detail::tokens(in), 1), st.where(in.begin()));
    if (m) st.service.destination = *m;
    return m.has_value();
  }
};
template <>
struct action<g::service_bare_ports> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto m = read_port_op(st, detail::tokens(in), st.where(in.begin()));
    if (m) st.service.destination = *m;
    return m.has_value();
  }
};
template <>
struct action<g::service_icmp> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto m = read_icmp(detail::tokens(in), st.current_protocol == 58, st.where(in.begin()));
    if (m) st.service.icmp = *m;
    return m.has_value();
  }
};
template <>
struct action<g::os_service> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    if (st.block != Block::service_object) return;
    ServiceObject& o = st.config.service_objects[st.block_index];
    o.spec = st.service;
    o.body_at = {st.line, st.where(in.begin()).column};
  }
};

// ---- group members
// -------------------------------------------------------------------------------
template <>
struct action<g::gm_network_object> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    GroupMember m;
    m.at = {st.line, st.where(in.begin()).column};
    auto a = read_address(st, detail::tail(t, 1), st.where(t[1].data()));
    if (!a) return false;
    m.kind = GroupMember::Kind::address;
    m.address = *a;
    detail::add_member(st, std::move(m), ObjectGroup::Kind::network, "network-object");
    return true;
  }
};
template <>
struct action<g::gm_port_object> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    GroupMember m;
    m.at = {st.line, st.where(in.begin()).column};
    auto p = read_port_op(st, detail::tail(t, 1), st.where(t[1].data()));
    if (!p) return false;
    m.kind = GroupMember::Kind::port;
    m.port = *p;
    ObjectGroup* group = detail::current_group(st);
    if (group != nullptr && group->kind == ObjectGroup::Kind::service && !group->ports_protocol) {
      st.config.diagnostics.add({Severity::error,
                                 "port-object-without-protocol",
                                 "port-object needs a protocol on its object-group (object-group "
                                 "service NAME tcp|udp|tcp-udp)",
                                 st.config.location(m.at),
                                 {st.config.location(group->at)}});
      return true;
    }
    detail::add_member(st, std::move(m), ObjectGroup::Kind::service, "port-object");
    return true;
  }
};
template <>
struct action<g::gm_service_object> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    GroupMember m;
    m.at = {st.line, st.where(in.begin()).column};
    if (t.size() == 3 && t[1] == "object") {
      m.kind = GroupMember::Kind::object;
      m.ref = t[2];
      st.reference(Reference::Kind::object, t[2], st.where(t[2].data()));
    } else {
      m.kind = GroupMember::Kind::service;
      m.service = st.service;
    }
    detail::add_member(st, std::move(m), ObjectGroup::Kind::service, "service-object");
  }
};
template <>
struct action<g::gm_protocol_object> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    GroupMember m;
    m.at = {st.line, st.where(in.begin()).column};
    m.kind = GroupMember::Kind::protocol;
    m.protocol = read_protocol(st, detail::tail(t, 1), st.where(t[1].data()));
    detail::add_member(st, std::move(m), ObjectGroup::Kind::protocol, "protocol-object");
  }
};
template <>
struct action<g::gm_icmp_object> {
  template <typename I>
  static bool apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    GroupMember m;
    m.at = {st.line, st.where(in.begin()).column};
    auto icmp = read_icmp(detail::tail(t, 1), false, st.where(t[1].data()));
    if (!icmp) return false;
    m.kind = GroupMember::Kind::icmp_type;
    m.icmp = *icmp;
    detail::add_member(st, std::move(m), ObjectGroup::Kind::icmp_type, "icmp-object");
    return true;
  }
};
template <>
struct action<g::gm_group_object> {
  template <typename I>
  static void apply(const I& in, ReadState& st) {
    auto t = detail::tokens(in);
    GroupMember m;
    m.at = {st.line, st.where(in.begin()).column};
    m.kind = GroupMember::Kind::group;
    m.ref = t[1];
    st.reference(Reference::Kind::group, t[1], st.where(t[1].data()));
    detail::add_member(st, std::move(m), ObjectGroup::Kind::other, "group-object");
  }
};

}  // namespace fwaudit::asa
