// parsers/iptables/parse_iptables.cpp
#include "parsers/iptables/parse_iptables.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analyzer/call_cycles.hpp"
#include "parsers/iptables/ipset.hpp"
#include "parsers/iptables/lower.hpp"
#include "parsers/iptables/read_syntax.hpp"
#include "parsers/iptables/restore.hpp"

namespace fwaudit::iptables {

namespace {

std::string read_whole_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError({Severity::error,
                      "unreadable-file",
                      std::string("cannot open ") + what + " file for reading",
                      {path, 0, 0, {}},
                      {}});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `ipset save` output starts (after comments) with a create command.
bool looks_like_ipset_save(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string word;
  while (in >> word) {
    if (word.front() == '#') {
      std::string rest;
      std::getline(in, rest);
      continue;
    }
    return word == "create" || word == "-N";
  }
  return false;
}

}  // namespace

Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options) {
  Ruleset rs;
  rs.vendor = "iptables";
  rs.files.push_back(file);
  SyntaxFile syntax = read_syntax(file, text, rs.diagnostics);
  RestoredRuleset restored = restore(syntax, rs.diagnostics);
  Family family = detect_family(syntax);
  rs.dialect = family == Family::ipv6 ? "ip6tables" : "iptables";

  IpsetStore ipsets;
  for (const auto& path : options.ipset_files) {
    rs.files.push_back(path);
    ipsets.read(path, read_whole_file(path, "ipset"), rs.diagnostics);
  }
  // Sets given by name (--table NAME=FILE, the site profile's "tables"): `ipset save` output or a
  // plain address list.
  for (const auto& [name, path] : options.table_files) {
    std::string text = read_whole_file(path, "table");
    rs.files.push_back(path);
    if (looks_like_ipset_save(text))
      ipsets.read(path, text, rs.diagnostics);
    else
      ipsets.read_address_list(name, path, text, rs.diagnostics);
  }

  lower(syntax, restored, family, options, ipsets, rs);
  check_call_cycles(rs);

  // Reading, restoring and lowering each report in their own pass: show them in file order.
  std::vector<Diagnostic> items = rs.diagnostics.items();
  std::stable_sort(items.begin(), items.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    bool a_main = a.location.file == file, b_main = b.location.file == file;
    if (a_main != b_main) return b_main;  // ipset files first: they are read first
    return std::pair(a.location.line, a.location.column) <
           std::pair(b.location.line, b.location.column);
  });
  rs.diagnostics = Diagnostics();
  for (auto& d : items)
    rs.diagnostics.add(std::move(d));
  return rs;
}

}  // namespace fwaudit::iptables
