// parsers/iptables/build_command.cpp
#include <charconv>

#include "parsers/iptables/read_syntax.hpp"

namespace fwaudit::iptables {

namespace {

struct CommandName {
  std::string_view short_name, long_name;
  CommandKind kind;
};

constexpr CommandName kCommands[] = {
    {"-A", "--append", CommandKind::append},
    {"-I", "--insert", CommandKind::insert},
    {"-D", "--delete", CommandKind::delete_rule},
    {"-R", "--replace", CommandKind::replace},
    {"-N", "--new-chain", CommandKind::new_chain},
    {"-P", "--policy", CommandKind::policy},
    {"-F", "--flush", CommandKind::flush},
    {"-X", "--delete-chain", CommandKind::delete_chain},
    {"-Z", "--zero", CommandKind::zero},
    {"-E", "--rename-chain", CommandKind::rename_chain},
    {"-C", "--check", CommandKind::other},
    {"-L", "--list", CommandKind::other},
    {"-S", "--list-rules", CommandKind::other},
    {"-h", "--help", CommandKind::other},
    {"-V", "--version", CommandKind::other},
};

bool is_number(const Token& t) {
  if (t.quoted || t.value.empty()) return false;
  for (char c : t.value)
    if (c < '0' || c > '9') return false;
  return true;
}

long to_number(std::string_view s) {
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return -1;
  return v;
}

bool is_word(const Token& t) {
  return !t.value.empty() && (t.quoted || t.value.front() != '-');
}

}  // namespace

Command build_command(std::span<const Token> tokens, const LocateFn& locate, Diagnostics& diags) {
  Command c;
  if (tokens.empty()) return c;
  const Token& head = tokens.front();
  c.name = head.value;
  c.column = head.column;
  const CommandName* found = nullptr;
  for (const auto& n : kCommands)
    if (!head.quoted && (n.short_name == head.value || n.long_name == head.value)) found = &n;
  if (!found) {
    diags.error("unknown-command",
                "unknown command '" + std::string(head.value) +
                    "'; expected -A, -I, -D, -R, -N, -P, -F, -X, -Z or -E",
                locate(head.column));
    c.valid = false;
    return c;
  }
  c.kind = found->kind;
  std::size_t i = 1;
  auto take_chain = [&](bool required) {
    if (i < tokens.size() && is_word(tokens[i])) {
      c.chain = tokens[i].value;
      c.chain_column = tokens[i].column;
      ++i;
      return true;
    }
    if (required) {
      c.valid = false;
      diags.error("missing-chain", "expected a chain name after '" + std::string(head.value) + "'",
                  locate(i < tokens.size() ? tokens[i].column : head.column));
    }
    return false;
  };
  auto no_more = [&]() {
    if (i < tokens.size()) {
      c.valid = false;
      diags.error("unexpected-argument",
                  "unexpected '" + std::string(tokens[i].value) + "' after " +
                      std::string(head.value) + (c.chain.empty() ? "" : " " + std::string(c.chain)),
                  locate(tokens[i].column));
    }
  };
  auto spec = [&]() {
    std::span<const Token> rest = tokens.subspan(i);
    if (!rest.empty()) {
      std::string_view line = locate.text;
      std::size_t from = rest.front().column - 1;
      if (from < line.size()) c.spec_text = line.substr(from);
    }
    std::size_t errors = diags.count(Severity::error);
    c.spec = build_rule_spec(rest, locate, diags);
    if (diags.count(Severity::error) != errors) c.valid = false;
  };

  switch (c.kind) {
    case CommandKind::append:
      if (!take_chain(true)) break;
      spec();
      break;
    case CommandKind::insert:
    case CommandKind::delete_rule:
    case CommandKind::replace:
      if (!take_chain(true)) break;
      if (i < tokens.size() && is_number(tokens[i])) {
        c.number = to_number(tokens[i].value);
        if (*c.number < 1) {
          diags.error("bad-rule-number", "expected a rule number of 1 or more",
                      locate(tokens[i].column));
          c.valid = false;
          break;
        }
        ++i;
      } else if (c.kind == CommandKind::replace) {
        diags.error("bad-rule-number", "expected a rule number after -R " + std::string(c.chain),
                    locate(i < tokens.size() ? tokens[i].column : head.column));
        c.valid = false;
        break;
      }
      if (c.kind == CommandKind::delete_rule && c.number) {
        no_more();
        break;
      }
      spec();
      break;
    case CommandKind::new_chain:
      if (!take_chain(true)) break;
      no_more();
      break;
    case CommandKind::policy:
      if (!take_chain(true)) break;
      if (i < tokens.size() && is_word(tokens[i])) {
        c.argument = tokens[i].value;
        ++i;
      } else {
        diags.error("missing-policy",
                    "expected a policy (ACCEPT or DROP) after -P " + std::string(c.chain),
                    locate(i < tokens.size() ? tokens[i].column : head.column));
        c.valid = false;
        break;
      }
      no_more();
      break;
    case CommandKind::flush:
    case CommandKind::delete_chain:
      take_chain(false);
      no_more();
      break;
    case CommandKind::zero:
      take_chain(false);
      if (i < tokens.size() && is_number(tokens[i])) ++i;
      no_more();
      break;
    case CommandKind::rename_chain:
      if (!take_chain(true)) break;
      if (i < tokens.size() && is_word(tokens[i])) {
        c.argument = tokens[i].value;
        ++i;
      } else {
        diags.error("missing-chain", "expected the new chain name after -E " + std::string(c.chain),
                    locate(i < tokens.size() ? tokens[i].column : head.column));
        c.valid = false;
        break;
      }
      no_more();
      break;
    case CommandKind::other:
      break;
  }
  return c;
}

}  // namespace fwaudit::iptables
