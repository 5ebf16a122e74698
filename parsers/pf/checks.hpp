// parsers/pf/checks.hpp
#pragma once

#include <vector>

#include "analyzer/diagnostic.hpp"
#include "parsers/pf/source_text.hpp"
#include "parsers/pf/syntax_tree.hpp"

// Checks pfctl makes on a rule or statement before expanding it: values out of range, options
// that contradict each other, names that may not be numbers. Each failure is an error at the
// offending element. Returns false when the statement has an error.
namespace fwaudit::pf {

class Checker {
 public:
  Checker(const SourceMap& map, Diagnostics& diagnostics) : map_(map), diagnostics_(diagnostics) {}

  bool rule(const RuleSpec& r);
  bool table(const TableDef& t);
  bool option(const OptionSet& o);
  // altq and queue statements of one ruleset, checked together (parents, schedulers).
  bool queues(const std::vector<const QueueDef*>& queues);
  // A host of a rule (or of a table when in_table).
  bool host(const Host& h, bool in_table);

  void error(const std::string& code, const std::string& message, std::uint32_t pos) {
    diagnostics_.error(code, message, map_.locate(pos));
  }

 private:
  const SourceMap& map_;
  Diagnostics& diagnostics_;
};

}  // namespace fwaudit::pf
