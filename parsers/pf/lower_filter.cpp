// parsers/pf/lower_filter.cpp
#include <algorithm>

#include "parsers/pf/lower.hpp"

namespace fwaudit::pf {

namespace {

bool applies(Direction d, Side side) {
  return d == Direction::both || (d == Direction::in) == (side == Side::in);
}

bool is_filter(Action a) {
  return a == Action::pass || a == Action::block || a == Action::match || a == Action::anchor;
}

// One rule of a pf ruleset in evaluation order (anchors inlined).
struct Entry {
  enum class Kind { decisive, match, unknown_anchor };
  Kind kind = Kind::decisive;
  const ExpandedRule* rule = nullptr;
  Match match;
  bool quick = false;
};

struct Flattened {
  std::vector<Entry> entries;  // in file order
};

class Lowering {
 public:
  Lowering(const Expansion& ex, const ParseOptions& options, const SourceMap& map, bool openbsd,
           Ruleset& rs)
      : ex_(ex),
        options_(options),
        openbsd_(openbsd),
        rs_(rs),
        builder_(ex, options, map, rs.diagnostics) {}

  void run() {
    read_options();
    report_unsupported(ex_.rules);
    PolicyId in = build_filter(Side::in);
    PolicyId out = build_filter(Side::out);
    std::vector<Stage>& input = rs_.path(PathKind::input);
    std::vector<Stage>& output = rs_.path(PathKind::output);
    std::vector<Stage>& forward = rs_.path(PathKind::forward);
    using K = Stage::Kind;
    if (openbsd_) {
      PolicyId tin = build_openbsd_translation(Side::in);
      PolicyId tout = build_openbsd_translation(Side::out);
      input = {{K::filter, in}};
      if (tin != kNoPolicy) input.push_back({K::translate, tin});
      output = {{K::filter, out}};
      if (tout != kNoPolicy) output.push_back({K::translate, tout});
      forward = input;
      forward.insert(forward.end(), output.begin(), output.end());
    } else {
      input = {{K::filter, in}};
      output = {{K::filter, out}};
      forward = {{K::filter, in}, {K::filter, out}};
    }
    builder_.flush_warnings(rs_.files);
  }

 private:
  const Expansion& ex_;
  const ParseOptions& options_;
  bool openbsd_;
  Ruleset& rs_;
  MatchBuilder builder_;
  bool block_return_ = false;
  std::vector<std::pair<InterfaceRef, SourceLocation>> skip_;
  bool transform_ = false;  // flatten: apply match translations
  struct View {
    Match match;              // the packets the match rule translates (in its own view)
    Translation translation;  // what it does to them
    bool source = true;       // it rewrites the source (nat-to) or the destination (rdr-to)
    Family family = Family::ipv4;
  };
  std::vector<View> views_;  // match rules with a translation met so far

  void read_options() {
    for (const OptionSet* o : ex_.options) {
      if (o->name == "block-policy" && !o->values.empty())
        block_return_ = o->values.front() == "return";
      if (o->name == "skip" && o->values.size() >= 2 && o->values.front() == "on") {
        for (std::size_t i = 1; i < o->values.size(); ++i) {
          std::string v = o->values[i];
          std::string cur;
          auto flush = [&] {
            if (cur.empty()) return;
            InterfaceRef r;
            r.negated = cur.front() == '!';
            r.name = r.negated ? cur.substr(1) : cur;
            r.pos = o->pos;
            skip_.push_back({r, o->location});
            cur.clear();
          };
          for (char c : v) {
            if (c == '{' || c == '}' || c == ',' || c == ' ' || c == '\t' || c == '\n')
              flush();
            else
              cur += c;
          }
          flush();
        }
      }
    }
  }

  void report_unsupported(const std::vector<ExpandedRule>& rules) {
    for (const ExpandedRule& r : rules) {
      const RuleSpec& s = *r.spec;
      if (&r != &rules.front() && (&r - 1)->spec == r.spec) continue;  // once per statement
      if (s.action == Action::ether) {
        rs_.diagnostics.unsupported("ether-rule",
                                    "layer-2 (ether) rules are not modelled; packets are "
                                    "evaluated at layer 3 only",
                                    s.location);
      }
      for (const RouteOption& ro : s.routes) {
        rs_.diagnostics.unsupported("route-option",
                                    ro.kind +
                                        " changes where the packet leaves; fwaudit keeps "
                                        "the outgoing interface the packet was given",
                                    s.location);
      }
      for (const std::string& o : s.other_options) {
        if (o == "af-to" || o.rfind("divert", 0) == 0) {
          rs_.diagnostics.unsupported("unsupported-option",
                                      o.substr(0, o.find(' ')) + " is not modelled", s.location);
        }
      }
      report_unsupported(r.body);
    }
  }

  Rule base_rule(const ExpandedRule& r, const Match& m) {
    Rule out;
    out.sure = m.sure;
    out.may = m.may;
    out.unknowns = m.unknowns;
    out.location = r.spec->location;
    builder_.warn_unknowns(r, m.unknowns);
    return out;
  }

  void verdict(const ExpandedRule& r, Rule& out) {
    const RuleSpec& s = *r.spec;
    if (s.action == Action::pass) {
      out.action = RuleAction::permit;
      out.keeps_state = s.state != StateMode::none;
      return;
    }
    BlockMode mode = s.block;
    if (mode == BlockMode::policy) mode = block_return_ ? BlockMode::return_ : BlockMode::drop;
    out.keeps_state = false;
    switch (mode) {
      case BlockMode::drop:
      case BlockMode::policy:
        out.action = RuleAction::deny;
        break;
      case BlockMode::return_rst:
        out.action = RuleAction::reject;
        out.rejects_with_reset = true;
        break;
      case BlockMode::return_:
        out.action = RuleAction::reject;
        out.rejects_with_reset = r.protocol && *r.protocol == 6;
        break;
      case BlockMode::return_icmp:
        out.action = RuleAction::reject;
        break;
    }
  }

  // The rules of one side in evaluation order, anchors inlined with their conditions.
  void flatten(const std::vector<ExpandedRule>& rules, Side side, const Match& guard,
               std::vector<Entry>& out) {
    for (const ExpandedRule& r : rules) {
      const RuleSpec& s = *r.spec;
      if (!is_filter(s.action) || !applies(s.direction, side)) continue;
      Match m = guard;
      m.restrict(builder_.rule(r, side));
      if (s.action == Action::anchor) {
        if (!s.has_body) {
          Entry e;
          e.kind = Entry::Kind::unknown_anchor;
          e.rule = &r;
          e.match = m;
          e.match.unknown("rules of anchor '" +
                          (s.anchor_name.empty() ? std::string("*") : s.anchor_name) +
                          "' are loaded at run time (not known offline)");
          if (transform_) e.match = through_views(e.match);
          out.push_back(std::move(e));
          continue;
        }
        if (!s.quick) {
          flatten(r.body, side, m, out);
          continue;
        }
        // pf.conf(5) ANCHORS: with `anchor ... quick`, evaluation ends when the anchor is left
        // if a rule inside matched: the anchor's own last match decides, ahead of later rules.
        std::vector<Entry> inner;
        flatten(r.body, side, m, inner);
        std::vector<Entry> late;
        for (Entry& e : inner) {
          if (e.kind == Entry::Kind::decisive && !e.quick) {
            late.push_back(std::move(e));
          } else {
            out.push_back(std::move(e));
          }
        }
        std::reverse(late.begin(), late.end());
        for (Entry& e : late) {
          e.quick = true;
          out.push_back(std::move(e));
        }
        continue;
      }
      Entry e;
      e.kind = s.action == Action::match ? Entry::Kind::match : Entry::Kind::decisive;
      e.rule = &r;
      e.quick = s.quick;
      if (transform_) {
        e.match = through_views(m);
        if (s.action == Action::match) {
          if (auto t = lower_translation(r, side, builder_)) {
            bool source = s.nat_to != nullptr || (s.binat_to != nullptr && side == Side::out);
            views_.push_back({m, std::move(*t), source, r.family.value_or(Family::ipv4)});
          }
        }
      } else {
        e.match = std::move(m);
      }
      out.push_back(std::move(e));
    }
  }

  // OpenBSD pf.conf(5): after a match rule with nat-to / rdr-to / binat-to, "subsequent rules
  // will see packets as they look after any addresses and ports have been translated". The
  // filter policy tests packets as they arrived, so a later rule's set R becomes, through each
  // such match rule M (latest first): (R - M) | (M & preimage(R)).
  Match through_views(Match m) const {
    for (auto it = views_.rbegin(); it != views_.rend(); ++it) {
      const View& v = *it;
      const Match& by = v.match;
      HeaderRewrite wildcard;  // a rewrite to an unknown address: any address of the family
      const HeaderRewrite* rw = &v.translation.rewrite;
      if (!v.translation.unknown_reason.empty()) {
        IpAddress lo =
            v.family == Family::ipv6 ? *IpAddress::parse("::") : *IpAddress::parse("0.0.0.0");
        IpAddress hi = v.family == Family::ipv6
                           ? *IpAddress::parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
                           : *IpAddress::parse("255.255.255.255");
        if (v.source)
          wildcard.src_range(lo, hi);
        else
          wildcard.dst_range(lo, hi);
        rw = &wildcard;
      }
      PacketSet pre_sure = rw->preimage_sure(m.sure);
      PacketSet pre_may = rw->preimage_may(m.may);
      Match out;
      out.unknowns = m.unknowns;
      // Packets M surely translates are in R' when their translation is in R; packets it may
      // translate are surely in R' only when they are in R either way.
      out.sure =
          (m.sure - by.may) | (by.sure & pre_sure) | ((by.may - by.sure) & m.sure & pre_sure);
      out.may = (m.may - by.sure) | (by.may & pre_may);
      if (!(out.may - out.sure).subset_of(m.may - m.sure)) {
        auto add = [&out](const std::string& u) {
          if (std::find(out.unknowns.begin(), out.unknowns.end(), u) == out.unknowns.end()) {
            out.unknowns.push_back(u);
          }
        };
        if (!v.translation.unknown_reason.empty()) add(v.translation.unknown_reason);
        for (const std::string& u : by.unknowns)
          add(u);
      }
      m = std::move(out);
    }
    return m;
  }

  std::vector<Rule> skip_rules(Side side) {
    std::vector<Rule> out;
    for (const auto& [ifc, where] : skip_) {
      Match m = builder_.interface(ifc, side);
      Rule r;
      r.sure = m.sure;
      r.may = m.may;
      r.unknowns = m.unknowns;
      r.action = RuleAction::permit;
      r.keeps_state = false;
      r.location = where;
      out.push_back(std::move(r));
    }
    return out;
  }

  // pf is last-match unless quick. The equivalent first-match list: decisive quick rules in
  // file order (the first that matches wins), then the other decisive rules in reverse file
  // order (the last that matches wins), then pf's default: pass.
  PolicyId build_filter(Side side) {
    Policy p;
    p.name = side == Side::in ? "pf in" : "pf out";
    p.fallthrough = RuleAction::permit;
    p.fallthrough_label = "pf default pass (no rule matched)";
    if (!rs_.files.empty()) p.fallthrough_location = {rs_.files.front(), 0, 0, {}};
    p.rules = skip_rules(side);
    if (!openbsd_) {
      PolicyId t = build_old_translation(side);
      if (t != kNoPolicy) {
        Rule call;
        call.sure = PacketSet::all();
        call.may = PacketSet::all();
        call.action = RuleAction::call;
        call.target = t;
        call.location = rs_.policy(t).location;
        p.rules.push_back(std::move(call));
      }
    }
    std::vector<Entry> entries;
    transform_ = openbsd_;
    views_.clear();
    flatten(ex_.rules, side, Match{}, entries);
    transform_ = false;
    std::vector<const Entry*> late;
    for (const Entry& e : entries) {
      if (e.kind == Entry::Kind::match) continue;
      if (e.kind == Entry::Kind::decisive && !e.quick) {
        late.push_back(&e);
        continue;
      }
      Rule r = base_rule(*e.rule, e.match);
      if (e.kind == Entry::Kind::unknown_anchor) {
        r.action = RuleAction::unknown;
      } else {
        verdict(*e.rule, r);
      }
      p.rules.push_back(std::move(r));
    }
    for (auto it = late.rbegin(); it != late.rend(); ++it) {
      Rule r = base_rule(*(*it)->rule, (*it)->match);
      verdict(*(*it)->rule, r);
      p.rules.push_back(std::move(r));
    }
    return rs_.add_policy(std::move(p));
  }

  // OpenBSD: translation happens when the packet passes, with the translations of the rules
  // that matched. Match rules apply theirs in file order (later ones see the result); a pass
  // rule's own nat-to / rdr-to applies when it is the deciding rule.
  static bool has_translation(const std::vector<ExpandedRule>& rules) {
    for (const ExpandedRule& r : rules) {
      if (r.spec->nat_to || r.spec->rdr_to || r.spec->binat_to || has_translation(r.body)) {
        return true;
      }
    }
    return false;
  }

  PolicyId build_openbsd_translation(Side side) {
    if (!has_translation(ex_.rules)) return kNoPolicy;
    std::vector<Entry> entries;
    flatten(ex_.rules, side, Match{}, entries);
    bool any = false;
    for (const Entry& e : entries) {
      if (e.rule && lower_translation(*e.rule, side, builder_)) any = true;
    }
    if (!any) return kNoPolicy;
    Policy p;
    p.name = side == Side::in ? "pf translate in" : "pf translate out";
    p.fallthrough = RuleAction::return_;
    p.fallthrough_label = "no translation";
    std::vector<const Entry*> late;
    for (const Entry& e : entries) {
      if (e.kind == Entry::Kind::unknown_anchor) continue;
      std::optional<Translation> t = lower_translation(*e.rule, side, builder_);
      if (e.kind == Entry::Kind::match) {
        if (!t) continue;
        Rule r = base_rule(*e.rule, e.match);
        r.action = RuleAction::next;
        r.translation = std::move(t);
        p.rules.push_back(std::move(r));
        continue;
      }
      if (!e.quick) {
        late.push_back(&e);
        continue;
      }
      Rule r = base_rule(*e.rule, e.match);
      r.action = t ? RuleAction::translate : RuleAction::permit;
      r.translation = std::move(t);
      p.rules.push_back(std::move(r));
    }
    for (auto it = late.rbegin(); it != late.rend(); ++it) {
      std::optional<Translation> t = lower_translation(*(*it)->rule, side, builder_);
      Rule r = base_rule(*(*it)->rule, (*it)->match);
      r.action = t ? RuleAction::translate : RuleAction::permit;
      r.translation = std::move(t);
      p.rules.push_back(std::move(r));
    }
    return rs_.add_policy(std::move(p));
  }

  // binat seen inbound: packets from the rule's destination to the external address.
  Match binat_inbound(const ExpandedRule& r) {
    Match m;
    if (r.interface) m.restrict(builder_.interface(*r.interface, Side::in));
    if (r.family) m.restrict(PacketSet::family(*r.family));
    if (r.protocol) m.restrict(PacketSet::protocol(*r.protocol));
    if (r.dst) m.restrict(builder_.host(*r.dst, true));
    const auto& target = r.spec->arrow ? r.spec->arrow : r.spec->binat_to;
    if (target && !target->hosts.empty()) m.restrict(builder_.host(target->hosts.front(), false));
    return m;
  }

  void collect_old(const std::vector<ExpandedRule>& rules, std::vector<const ExpandedRule*>& binat,
                   std::vector<const ExpandedRule*>& other, Side side) {
    for (const ExpandedRule& r : rules) {
      Action a = r.spec->action;
      if (a == Action::binat || a == Action::no_binat)
        binat.push_back(&r);
      else if ((side == Side::out &&
                (a == Action::nat || a == Action::no_nat || a == Action::nat_anchor)) ||
               (side == Side::in &&
                (a == Action::rdr || a == Action::no_rdr || a == Action::rdr_anchor)))
        other.push_back(&r);
      else if (a == Action::binat_anchor)
        binat.push_back(&r);
      if (r.spec->has_body &&
          (a == Action::nat_anchor || a == Action::rdr_anchor || a == Action::binat_anchor)) {
        collect_old(r.body, binat, other, side);
      }
    }
  }

  // FreeBSD (and OpenBSD before 4.7): translation rules run before the filter rules, binat
  // first, then rdr (inbound) or nat (outbound), the first matching rule deciding. Lowered as a
  // policy the filter policy calls first; `nat pass` / `rdr pass` end the filtering there.
  PolicyId build_old_translation(Side side) {
    std::vector<const ExpandedRule*> binat, other;
    collect_old(ex_.rules, binat, other, side);
    if (binat.empty() && other.empty()) return kNoPolicy;
    Policy p;
    p.name = side == Side::in ? "pf rdr" : "pf nat";
    p.fallthrough = RuleAction::return_;
    p.fallthrough_label = "no translation";
    p.location = (binat.empty() ? other : binat).front()->spec->location;
    std::vector<const ExpandedRule*> order = binat;
    order.insert(order.end(), other.begin(), other.end());
    std::vector<Rule> rules;
    for (const ExpandedRule* r : order) {
      Action a = r->spec->action;
      Match m;
      if (a == Action::binat && side == Side::in) {
        m = binat_inbound(*r);
      } else {
        m = builder_.rule(*r, side);
      }
      if ((a == Action::nat || a == Action::no_nat || a == Action::rdr || a == Action::no_rdr) &&
          !applies(r->spec->direction, side)) {
        continue;
      }
      Rule rule = base_rule(*r, m);
      if (a == Action::nat_anchor || a == Action::rdr_anchor || a == Action::binat_anchor) {
        if (r->spec->has_body) continue;
        rule.action = RuleAction::next;
        rule.sure = PacketSet::none();
        rule.unknowns.push_back("rules of anchor '" + r->spec->anchor_name +
                                "' are loaded at run time (not known offline)");
        builder_.warn_unknowns(*r, rule.unknowns);
        rules.push_back(std::move(rule));
        continue;
      }
      std::optional<Translation> t = lower_translation(*r, side, builder_);
      if (!t) continue;
      if (t->exempt) {
        rule.action = RuleAction::return_;
        rules.push_back(std::move(rule));
        continue;
      }
      if (r->spec->pass_translated) {
        // pf.conf(5): "the translated packets are passed without inspecting the filter rules".
        rule.action = RuleAction::permit;
        rule.translation = std::move(t);
        rules.push_back(std::move(rule));
        continue;
      }
      Policy apply;
      apply.name = p.name + " #" + std::to_string(rs_.policies.size());
      apply.fallthrough = RuleAction::return_;
      apply.location = r->spec->location;
      Rule rewrite;
      rewrite.sure = PacketSet::all();
      rewrite.may = PacketSet::all();
      rewrite.action = RuleAction::next;
      rewrite.translation = std::move(t);
      rewrite.location = r->spec->location;
      apply.rules.push_back(std::move(rewrite));
      rule.action = RuleAction::go_to;
      rule.target = rs_.add_policy(std::move(apply));
      rules.push_back(std::move(rule));
    }
    p.rules = std::move(rules);
    return rs_.add_policy(std::move(p));
  }
};

}  // namespace

void lower(const Expansion& expansion, const ParseOptions& options, const SourceMap& map,
           bool openbsd, Ruleset& rs) {
  Lowering(expansion, options, map, openbsd, rs).run();
}

}  // namespace fwaudit::pf
