// parsers/pf/parse_statements.cpp
#include "parsers/pf/parse_statements.hpp"

#include <tao/pegtl.hpp>

#include "parsers/pf/actions.hpp"
#include "parsers/pf/errors.hpp"
#include "parsers/pf/grammar.hpp"

namespace fwaudit::pf {

namespace {

namespace pg = tao::pegtl;

void locate_all(std::vector<Statement>& statements, const SourceMap& map) {
  for (Statement& s : statements) {
    switch (s.kind) {
      case Statement::Kind::rule:
        s.rule.location = map.locate(s.rule.pos);
        locate_all(s.rule.body, map);
        break;
      case Statement::Kind::table:
        s.table->location = map.locate(s.table->pos);
        break;
      case Statement::Kind::option:
        s.option->location = map.locate(s.option->pos);
        break;
      case Statement::Kind::queue:
        s.queue->location = map.locate(s.queue->pos);
        break;
      case Statement::Kind::load_anchor:
        s.load->location = map.locate(s.load->pos);
        break;
    }
  }
}

}  // namespace

std::vector<Statement> parse_statements(const Preprocessed& source, Diagnostics& diagnostics) {
  std::vector<Statement> out;
  std::vector<StatementText> texts = split_statements(source, diagnostics);
  out.reserve(texts.size());
  BuildState state;  // reused: a statement's actions append to `out` only when it is complete
  state.out = &out;
  for (const StatementText& st : texts) {
    state.base = st.offset;
    pg::memory_input<> in(st.text.data(), st.text.size(), "");
    try {
      pg::parse<grammar::top_statement, action, pg::must_if<errors>::control>(in, state);
    } catch (const pg::parse_error& e) {
      state.stack.clear();
      std::uint32_t at = st.offset;
      if (!e.positions().empty()) at += static_cast<std::uint32_t>(e.positions().front().byte);
      Diagnostic d;
      d.severity = Severity::error;
      d.code = "syntax";
      d.message = std::string(e.message());
      d.location = source.map.locate(at);
      diagnostics.add(std::move(d));
    }
  }
  locate_all(out, source.map);
  return out;
}

}  // namespace fwaudit::pf
