// parsers/iptables/build_rule_spec.cpp
#include "parsers/iptables/extensions.hpp"
#include "parsers/iptables/read_syntax.hpp"

namespace fwaudit::iptables {

namespace {

bool is_negation(const Token& t) {
  return !t.quoted && t.value == "!";
}

// "-s", "--dport", "-4": an option; "-1", "-", "foo": an argument.
bool is_option(const Token& t) {
  if (t.quoted || t.value.size() < 2 || t.value[0] != '-') return false;
  char c = t.value[1];
  if (c == '-') return t.value.size() > 2;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '4' || c == '6';
}

// The match module that "-p NAME" loads implicitly for options like --dport.
std::string_view implicit_module(std::string_view protocol) {
  if (protocol == "tcp" || protocol == "6") return "tcp";
  if (protocol == "udp" || protocol == "17") return "udp";
  if (protocol == "icmp" || protocol == "1") return "icmp";
  if (protocol == "ipv6-icmp" || protocol == "icmpv6" || protocol == "icmp6" || protocol == "58")
    return "icmp6";
  return {};
}

class SpecBuilder {
 public:
  SpecBuilder(std::span<const Token> tokens, const LocateFn& locate, Diagnostics& diags)
      : tokens_(tokens), locate_(locate), diags_(diags) {}

  RuleSpec build() {
    spec_.base.reserve(6);
    spec_.matches.reserve(4);
    while (i_ < tokens_.size()) {
      const Token& t = tokens_[i_];
      if (is_negation(t)) {
        if (negated_) {
          error("double-negation", "'!' twice in a row; expected an option after '!'", t.column);
          return std::move(spec_);
        }
        negated_ = true;
        negation_column_ = t.column;
        ++i_;
        continue;
      }
      if (!is_option(t)) {
        error("unexpected-argument",
              "unexpected '" + std::string(t.value) + "'; expected an option such as -p, -m or -j",
              t.column);
        return std::move(spec_);
      }
      if (!option(t)) return std::move(spec_);
    }
    if (negated_) {
      error("dangling-negation", "expected an option after '!'", negation_column_);
    }
    return std::move(spec_);
  }

 private:
  std::span<const Token> tokens_;
  const LocateFn& locate_;
  Diagnostics& diags_;
  RuleSpec spec_;
  std::size_t i_ = 0;
  bool negated_ = false;
  std::uint32_t negation_column_ = 0;

  void error(std::string code, std::string message, std::uint32_t column) {
    diags_.error(std::move(code), std::move(message), locate_(column));
  }

  // Reads an option's arguments (and an old-style "--dport ! 22" negation) into `o`.
  void read_arguments(Option& o) {
    if (i_ + 1 < tokens_.size() && is_negation(tokens_[i_]) && !is_option(tokens_[i_ + 1]) &&
        !is_negation(tokens_[i_ + 1])) {
      o.negated = !o.negated;
      ++i_;
    }
    std::size_t first = i_;
    while (i_ < tokens_.size() && !is_option(tokens_[i_]) && !is_negation(tokens_[i_]))
      ++i_;
    o.args = tokens_.subspan(first, i_ - first);
  }

  bool check_arity(const Option& o, int arity) {
    if (static_cast<int>(o.args.size()) < arity) {
      error("missing-argument",
            "option '" + std::string(o.name) + "' expects " +
                (arity == 1 ? std::string("an argument") : std::to_string(arity) + " arguments"),
            o.column);
      return false;
    }
    if (static_cast<int>(o.args.size()) > arity) {
      const Token& extra = o.args[static_cast<std::size_t>(arity)];
      error("unexpected-argument",
            "unexpected '" + std::string(extra.value) + "' after option '" + std::string(o.name) +
                "'" + (arity == 0 ? " (it takes no argument)" : ""),
            extra.column);
      return false;
    }
    return true;
  }

  std::string_view protocol() const {
    for (const auto& o : spec_.base)
      if ((o.name == "-p" || o.name == "--protocol") && !o.negated && !o.args.empty())
        return o.args.front().value;
    return {};
  }

  bool option(const Token& t) {
    Option o;
    o.name = t.value;
    o.column = t.column;
    o.negated = negated_;
    negated_ = false;
    ++i_;
    read_arguments(o);

    if (const OptionSpec* base = find_base_option(o.name)) {
      if (!check_arity(o, base->arity)) return false;
      if (base->canonical == "-m") {
        if (o.negated) {
          error("misplaced-negation", "'!' cannot negate -m; put it before the module's option",
                o.column);
          return false;
        }
        MatchBlock m;
        m.module = o.args.front().value;
        m.column = o.args.front().column;
        m.known = find_match_module(m.module) != nullptr;
        spec_.matches.push_back(std::move(m));
        return true;
      }
      if (base->canonical == "-j" || base->canonical == "-g") {
        if (o.negated) {
          error("misplaced-negation", "'!' cannot negate a target", o.column);
          return false;
        }
        if (spec_.target) {
          error("second-target",
                "a rule has one target; '" + std::string(o.name) + "' comes after '" +
                    std::string(spec_.target->name) + "'",
                o.column);
          return false;
        }
        TargetSpec target;
        target.name = o.args.front().value;
        target.column = o.args.front().column;
        target.is_goto = base->canonical == "-g";
        target.known = !target.is_goto && find_target(target.name) != nullptr;
        spec_.target = std::move(target);
        return true;
      }
      spec_.base.push_back(std::move(o));
      return true;
    }

    // A target's own options come after it; matches' options after their -m.
    if (spec_.target && spec_.target->known) {
      if (const OptionSpec* s = find_option(*find_target(spec_.target->name), o.name)) {
        if (!check_arity(o, s->arity)) return false;
        spec_.target->options.push_back(std::move(o));
        return true;
      }
    }
    for (auto it = spec_.matches.rbegin(); it != spec_.matches.rend(); ++it) {
      if (!it->known) continue;
      if (const OptionSpec* s = find_option(*find_match_module(it->module), o.name)) {
        if (!check_arity(o, s->arity)) return false;
        it->options.push_back(std::move(o));
        return true;
      }
    }
    // "-p tcp --dport 22" loads the tcp module without "-m tcp".
    std::string_view implicit = implicit_module(protocol());
    if (!implicit.empty()) {
      const ExtensionSpec* ext = find_match_module(implicit);
      if (const OptionSpec* s = find_option(*ext, o.name)) {
        if (!check_arity(o, s->arity)) return false;
        MatchBlock m;
        m.module = implicit;
        m.column = o.column;
        m.implicit = true;
        m.known = true;
        m.options.push_back(std::move(o));
        spec_.matches.push_back(std::move(m));
        return true;
      }
    }
    // Options of a module or target fwaudit does not know go to the latest such extension.
    if (spec_.target && !spec_.target->known && !spec_.target->is_goto) {
      spec_.target->options.push_back(std::move(o));
      return true;
    }
    for (auto it = spec_.matches.rbegin(); it != spec_.matches.rend(); ++it) {
      if (!it->known) {
        it->options.push_back(std::move(o));
        return true;
      }
    }
    std::string where;
    if (spec_.target && spec_.target->known) where = "target " + std::string(spec_.target->name);
    for (const auto& m : spec_.matches) {
      if (!where.empty()) where += ", ";
      where += "-m " + std::string(m.module);
    }
    error("unknown-option",
          "unknown option '" + std::string(o.name) + "'" +
              (where.empty()
                   ? std::string("; expected -s, -d, -p, -i, -o, -f, -m MODULE or -j TARGET")
                   : "; no option of that name in " + where),
          o.column);
    return false;
  }
};

}  // namespace

RuleSpec build_rule_spec(std::span<const Token> tokens, const LocateFn& locate,
                         Diagnostics& diags) {
  return SpecBuilder(tokens, locate, diags).build();
}

}  // namespace fwaudit::iptables
