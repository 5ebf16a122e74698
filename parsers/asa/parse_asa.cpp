// parsers/asa/parse_asa.cpp
#include "parsers/asa/parse_asa.hpp"

#include "parsers/asa/lower.hpp"
#include "parsers/asa/read_config.hpp"
#include "parsers/asa/secrets.hpp"

namespace fwaudit::asa {

namespace {

// NUL bytes, or many control characters near the start: not a text configuration.
bool looks_binary(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return true;
  std::string_view head = text.substr(0, 4096);
  std::size_t control = 0;
  for (unsigned char ch : head)
    if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f') ++control;
  return control * 20 > head.size() && control > 0;
}

}  // namespace

Ruleset parse(const std::string& file, std::string_view text, const ParseOptions& options) {
  if (looks_binary(text)) {
    throw InputError({Severity::error,
                      "binary-input",
                      "the file holds binary data (NUL or control bytes), not an ASA "
                      "running-config",
                      {file, 1, 1, {}},
                      {}});
  }
  const std::string masked = mask_secrets(text);
  Config config = read_config(file, masked);
  Ruleset rs;
  Lowering(config, options, rs).run();
  return rs;
}

}  // namespace fwaudit::asa
