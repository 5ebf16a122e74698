// tests/iptables_kernel/harness/saved_rules.cpp
#include "harness/saved_rules.hpp"

#include <charconv>
#include <stdexcept>

namespace fwk {
namespace {

std::runtime_error error_at(int line, const std::string& message) {
  return std::runtime_error("line " + std::to_string(line) + ": " + message);
}

// "[12:345]" at the start of `s`: returns the packet count and removes it (and the blank after).
std::optional<std::uint64_t> take_counters(std::string_view& s, int line) {
  if (s.empty() || s.front() != '[') return std::nullopt;
  auto close = s.find(']');
  auto colon = s.find(':');
  if (close == std::string_view::npos || colon == std::string_view::npos || colon > close) {
    throw error_at(line, "malformed counters");
  }
  std::uint64_t packets = 0;
  auto [end, ec] = std::from_chars(s.data() + 1, s.data() + colon, packets);
  if (ec != std::errc{} || end != s.data() + colon) throw error_at(line, "malformed counters");
  s.remove_prefix(close + 1);
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  return packets;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ')
      ++i;
    if (i >= s.size()) break;
    std::size_t start = i;
    if (s[i] == '"') {  // a quoted --comment: one word up to the closing quote
      ++i;
      while (i < s.size() && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
      ++i;
    } else {
      while (i < s.size() && s[i] != ' ')
        ++i;
    }
    out.push_back(s.substr(start, std::min(i, s.size()) - start));
  }
  return out;
}

}  // namespace

const SavedChain* SavedTable::find(std::string_view chain) const {
  for (const auto& c : chains) {
    if (c.name == chain) return &c;
  }
  return nullptr;
}

const SavedTable* find_table(const std::vector<SavedTable>& tables, std::string_view name) {
  for (const auto& t : tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<SavedTable> parse_saved(std::string_view text) {
  std::vector<SavedTable> tables;
  SavedTable* open = nullptr;
  int line_number = 0;
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '*') {
      if (open != nullptr) throw error_at(line_number, "table " + open->name + " lacks COMMIT");
      tables.push_back({std::string(line.substr(1)), {}});
      open = &tables.back();
      continue;
    }
    if (open == nullptr) throw error_at(line_number, "outside of a table");
    if (line == "COMMIT") {
      open = nullptr;
      continue;
    }
    if (line.front() == ':') {
      auto w = words(line.substr(1));
      if (w.size() < 2) throw error_at(line_number, "malformed chain declaration");
      SavedChain chain{std::string(w[0]), std::string(w[1]), 0, {}};
      if (w.size() >= 3) {
        auto counters = w[2];
        chain.policy_packets = take_counters(counters, line_number).value_or(0);
      }
      open->chains.push_back(std::move(chain));
      continue;
    }
    SavedRule rule;
    rule.line = line_number;
    rule.packets = take_counters(line, line_number).value_or(0);
    auto w = words(line);
    if (w.size() < 2 || w[0] != "-A") throw error_at(line_number, "expected -A CHAIN");
    for (std::size_t i = 2; i + 1 < w.size(); ++i) {
      if (w[i] == "-j" || w[i] == "--jump" || w[i] == "-g" || w[i] == "--goto") {
        rule.is_goto = w[i] == "-g" || w[i] == "--goto";
        rule.target = std::string(w[i + 1]);
      }
    }
    rule.text = std::string(line);
    SavedChain* chain = nullptr;
    for (auto& c : open->chains) {
      if (c.name == w[1]) chain = &c;
    }
    if (chain == nullptr) throw error_at(line_number, "undeclared chain " + std::string(w[1]));
    chain->rules.push_back(std::move(rule));
  }
  if (open != nullptr) throw std::runtime_error("table " + open->name + " lacks COMMIT");
  return tables;
}

}  // namespace fwk
