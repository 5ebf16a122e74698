// parsers/iptables/restore.cpp
#include "parsers/iptables/restore.hpp"

#include <algorithm>

namespace fwaudit::iptables {

bool RestoredChain::named(std::string_view n) const {
  return name == n || std::find(former_names.begin(), former_names.end(), n) != former_names.end();
}

RestoredChain* RestoredTable::find(std::string_view chain) {
  for (auto& c : chains)
    if (c.name == chain) return &c;
  return nullptr;
}

const RestoredChain* RestoredTable::find(std::string_view chain) const {
  for (const auto& c : chains)
    if (c.name == chain) return &c;
  return nullptr;
}

const RestoredTable* RestoredRuleset::find(std::string_view table) const {
  for (const auto& t : tables)
    if (t.name == table) return &t;
  return nullptr;
}

std::vector<std::string_view> builtin_chains(std::string_view table) {
  if (table == "filter") return {"INPUT", "FORWARD", "OUTPUT"};
  if (table == "nat") return {"PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"};
  if (table == "mangle") return {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};
  if (table == "raw") return {"PREROUTING", "OUTPUT"};
  if (table == "security") return {"INPUT", "FORWARD", "OUTPUT"};
  return {};
}

namespace {

bool is_standard_verdict(std::string_view name) {
  return name == "ACCEPT" || name == "DROP" || name == "RETURN" || name == "QUEUE";
}

class Restorer {
 public:
  Restorer(const SyntaxFile& syntax, Diagnostics& diags) : syntax_(syntax), diags_(diags) {}

  RestoredRuleset run() {
    for (const Line& line : syntax_.lines) {
      switch (line.kind) {
        case LineKind::table:
          open_table(line);
          break;
        case LineKind::chain:
          declare_chain(line);
          break;
        case LineKind::commit:
          commit(line);
          break;
        case LineKind::command:
          command(line);
          break;
      }
    }
    if (table_ && open_) {
      SourceLocation end{syntax_.file, syntax_.line_count,
                         static_cast<std::uint32_t>(syntax_.last_line.size()) + 1,
                         std::string(syntax_.last_line)};
      diags_.error("missing-commit",
                   "table " + table_->name + " opened at line " +
                       std::to_string(table_->header->number) +
                       " is not committed: expected COMMIT before the end of the file "
                       "(iptables-restore would apply nothing)",
                   std::move(end));
    }
    return std::move(out_);
  }

 private:
  const SyntaxFile& syntax_;
  Diagnostics& diags_;
  RestoredRuleset out_;
  RestoredTable* table_ = nullptr;
  bool open_ = false;
  bool ignoring_ = false;       // inside a table with an unknown name
  std::size_t last_chain_ = 0;  // index of the chain the last command named (a hint only)

  SourceLocation at(const Line& line, std::uint32_t column) const {
    return {syntax_.file, line.number, column, std::string(line.text)};
  }

  void open_table(const Line& line) {
    if (open_) {
      diags_.error("missing-commit",
                   "table " + table_->name + " opened at line " +
                       std::to_string(table_->header->number) +
                       " is not committed: expected COMMIT before the next table",
                   at(line, 1));
    }
    open_ = true;
    ignoring_ = false;
    auto builtins = builtin_chains(line.name);
    if (builtins.empty()) {
      diags_.error("unknown-table",
                   "unknown table '" + std::string(line.name) +
                       "'; expected filter, nat, mangle, raw or security",
                   at(line, line.name_column));
      ignoring_ = true;
      table_ = nullptr;
      open_ = false;
      return;
    }
    auto it = std::find_if(out_.tables.begin(), out_.tables.end(),
                           [&](const RestoredTable& t) { return t.name == line.name; });
    if (it != out_.tables.end()) {
      diags_.warning("table-replaced",
                     "table " + std::string(line.name) + " appears again (first at line " +
                         std::to_string(it->header->number) +
                         "): iptables-restore flushes it, so this block replaces the earlier one",
                     at(line, 1));
      out_.tables.erase(it);
    }
    RestoredTable t;
    t.name = std::string(line.name);
    t.header = &line;
    for (auto name : builtins) {
      RestoredChain c;
      c.name = std::string(name);
      c.builtin = true;
      t.chains.push_back(std::move(c));
    }
    out_.tables.push_back(std::move(t));
    table_ = &out_.tables.back();
  }

  bool need_table(const Line& line) {
    if (ignoring_) return false;
    if (!table_ || !open_) {
      diags_.error("outside-table", "expected a table header such as *filter before this line",
                   at(line, 1));
      return false;
    }
    return true;
  }

  void declare_chain(const Line& line) {
    if (!need_table(line)) return;
    RestoredChain* c = table_->find(line.name);
    if (c && c->builtin) {
      if (line.policy == "ACCEPT" || line.policy == "DROP") {
        c->policy = std::string(line.policy);
        c->policy_line = &line;
      } else if (line.policy != "-") {
        diags_.error("bad-policy",
                     "bad policy '" + std::string(line.policy) + "' for built-in chain " + c->name +
                         "; expected ACCEPT or DROP",
                     at(line, line.policy_column));
      }
      if (!c->declaration) c->declaration = &line;
      return;
    }
    if (line.policy != "-") {
      diags_.error("bad-policy",
                   "user chain " + std::string(line.name) + " cannot have a policy ('" +
                       std::string(line.policy) + "'); expected '-' (built-in chains of table " +
                       table_->name + " are " + builtin_list() + ")",
                   at(line, line.policy_column));
      return;
    }
    new_chain(line, line.name, line.name_column, true);
  }

  std::string builtin_list() const {
    std::string out;
    for (auto n : builtin_chains(table_->name))
      out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  }

  void new_chain(const Line& line, std::string_view name, std::uint32_t column, bool header) {
    if (name.size() > 28) {
      diags_.error("bad-chain-name",
                   "chain name '" + std::string(name) + "' is longer than 28 characters",
                   at(line, column));
      return;
    }
    if (name.empty() || is_standard_verdict(name) || name.front() == '-' || name.front() == '!') {
      diags_.error("bad-chain-name", "'" + std::string(name) + "' cannot be a chain name",
                   at(line, column));
      return;
    }
    if (RestoredChain* existing = table_->find(name)) {
      if (header) {
        // iptables-restore flushes a chain that a header line names again.
        existing->rules.clear();
        return;
      }
      diags_.error("chain-exists",
                   "chain " + std::string(name) + " already exists in table " + table_->name,
                   at(line, column));
      return;
    }
    RestoredChain c;
    c.name = std::string(name);
    c.declaration = &line;
    table_->chains.push_back(std::move(c));
  }

  void commit(const Line& line) {
    if (ignoring_) {
      ignoring_ = false;
      return;
    }
    if (!table_ || !open_) {
      diags_.error("commit-without-table",
                   "COMMIT without a table: expected a table header such as *filter before it",
                   at(line, 1));
      return;
    }
    open_ = false;
  }

  // The chain a command names. With `create`, a missing chain is reported once and then created,
  // so that the rest of its rules are still read.
  RestoredChain* chain_of(const Line& line, bool create = false) {
    const Command& c = line.command;
    // iptables-save groups rules by chain: the chain of the previous rule is usually the one.
    RestoredChain* chain = nullptr;
    if (!table_->chains.empty() && last_chain_ < table_->chains.size() &&
        table_->chains[last_chain_].name == c.chain) {
      chain = &table_->chains[last_chain_];
    } else {
      chain = table_->find(c.chain);
    }
    if (chain) last_chain_ = static_cast<std::size_t>(chain - table_->chains.data());
    if (!chain) {
      diags_.error("undeclared-chain",
                   "chain " + std::string(c.chain) + " does not exist in table " + table_->name +
                       "; expected ':" + std::string(c.chain) + " - [0:0]' or '-N " +
                       std::string(c.chain) + "' before it is used",
                   at(line, c.chain_column));
      if (create && !c.chain.empty()) {
        RestoredChain implicit;
        implicit.name = std::string(c.chain);
        implicit.declaration = &line;
        table_->chains.push_back(std::move(implicit));
        return &table_->chains.back();
      }
    }
    return chain;
  }

  bool referenced(const RestoredChain& target) const {
    for (const auto& chain : table_->chains) {
      if (&chain == &target) continue;
      for (const Line* rule : chain.rules) {
        const auto& t = rule->command.spec.target;
        if (t && target.named(t->name)) return true;
      }
    }
    return false;
  }

  // The same rule spec, word for word (spacing may differ).
  static bool same_spec(const Command& a, const Command& b) {
    auto next_word = [](std::string_view& s) {
      std::size_t start = s.find_first_not_of(" \t");
      if (start == std::string_view::npos) return (s = {}, std::string_view());
      std::size_t end = s.find_first_of(" \t", start);
      std::string_view w =
          s.substr(start, end == std::string_view::npos ? s.size() - start : end - start);
      s.remove_prefix(end == std::string_view::npos ? s.size() : end);
      return w;
    };
    std::string_view x = a.spec_text, y = b.spec_text;
    while (true) {
      std::string_view wx = next_word(x), wy = next_word(y);
      if (wx != wy) return false;
      if (wx.empty()) return true;
    }
  }

  void command(const Line& line) {
    const Command& c = line.command;
    if (!need_table(line)) return;
    if (!c.valid) return;
    switch (c.kind) {
      case CommandKind::append: {
        if (RestoredChain* chain = chain_of(line, true)) chain->rules.push_back(&line);
        break;
      }
      case CommandKind::insert: {
        RestoredChain* chain = chain_of(line, true);
        if (!chain) break;
        long pos = c.number.value_or(1);
        if (pos > static_cast<long>(chain->rules.size()) + 1) {
          diags_.error("bad-rule-number",
                       "cannot insert at position " + std::to_string(pos) + ": chain " +
                           chain->name + " has " + std::to_string(chain->rules.size()) + " rules",
                       at(line, c.column));
          break;
        }
        chain->rules.insert(chain->rules.begin() + (pos - 1), &line);
        break;
      }
      case CommandKind::replace:
      case CommandKind::delete_rule: {
        RestoredChain* chain = chain_of(line);
        if (!chain) break;
        auto it = chain->rules.end();
        if (c.number) {
          if (*c.number <= static_cast<long>(chain->rules.size()))
            it = chain->rules.begin() + (*c.number - 1);
        } else {
          it = std::find_if(chain->rules.begin(), chain->rules.end(),
                            [&](const Line* r) { return same_spec(r->command, c); });
        }
        if (it == chain->rules.end()) {
          diags_.error("no-such-rule",
                       c.number
                           ? "chain " + chain->name + " has no rule " + std::to_string(*c.number)
                           : "chain " + chain->name + " has no rule matching this one",
                       at(line, c.column));
          break;
        }
        if (c.kind == CommandKind::replace)
          *it = &line;
        else
          chain->rules.erase(it);
        break;
      }
      case CommandKind::new_chain:
        new_chain(line, c.chain, c.chain_column, false);
        break;
      case CommandKind::policy: {
        RestoredChain* chain = chain_of(line);
        if (!chain) break;
        if (!chain->builtin) {
          diags_.error("bad-policy",
                       "only built-in chains have a policy; " + chain->name +
                           " is a user chain (built-in chains of table " + table_->name + " are " +
                           builtin_list() + ")",
                       at(line, c.chain_column));
          break;
        }
        if (c.argument != "ACCEPT" && c.argument != "DROP") {
          diags_.error("bad-policy",
                       "bad policy '" + std::string(c.argument) + "'; expected ACCEPT or DROP",
                       at(line, c.chain_column));
          break;
        }
        chain->policy = std::string(c.argument);
        chain->policy_line = &line;
        break;
      }
      case CommandKind::flush: {
        if (c.chain.empty()) {
          for (auto& chain : table_->chains)
            chain.rules.clear();
        } else if (RestoredChain* chain = chain_of(line)) {
          chain->rules.clear();
        }
        break;
      }
      case CommandKind::delete_chain: {
        if (c.chain.empty()) {
          auto& chains = table_->chains;
          for (const auto& chain : chains) {
            if (!chain.builtin && referenced(chain)) {
              diags_.error("chain-in-use",
                           "cannot delete chain " + chain.name + ": a rule still jumps to it",
                           at(line, c.column));
              return;
            }
          }
          chains.erase(std::remove_if(chains.begin(), chains.end(),
                                      [](const RestoredChain& ch) { return !ch.builtin; }),
                       chains.end());
          break;
        }
        RestoredChain* chain = chain_of(line);
        if (!chain) break;
        if (chain->builtin) {
          diags_.error("builtin-chain", "cannot delete built-in chain " + chain->name,
                       at(line, c.chain_column));
        } else if (!chain->rules.empty()) {
          diags_.error(
              "chain-not-empty",
              "cannot delete chain " + chain->name + ": it still has rules (flush it first)",
              at(line, c.chain_column));
        } else if (referenced(*chain)) {
          diags_.error("chain-in-use",
                       "cannot delete chain " + chain->name + ": a rule still jumps to it",
                       at(line, c.chain_column));
        } else {
          table_->chains.erase(table_->chains.begin() + (chain - table_->chains.data()));
        }
        break;
      }
      case CommandKind::zero:
        break;  // counters do not matter offline
      case CommandKind::rename_chain: {
        RestoredChain* chain = chain_of(line);
        if (!chain) break;
        if (chain->builtin) {
          diags_.error("builtin-chain", "cannot rename built-in chain " + chain->name,
                       at(line, c.chain_column));
        } else if (table_->find(c.argument)) {
          diags_.error(
              "chain-exists",
              "chain " + std::string(c.argument) + " already exists in table " + table_->name,
              at(line, c.chain_column));
        } else {
          chain->former_names.push_back(chain->name);
          chain->name = std::string(c.argument);
        }
        break;
      }
      case CommandKind::other:
        diags_.unsupported(
            "unsupported-command",
            "command '" + std::string(c.name) + "' has no effect in a restore file and is ignored",
            at(line, c.column));
        break;
    }
  }
};

}  // namespace

RestoredRuleset restore(const SyntaxFile& syntax, Diagnostics& diags) {
  return Restorer(syntax, diags).run();
}

}  // namespace fwaudit::iptables
