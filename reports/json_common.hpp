// reports/json_common.hpp
#pragma once

#include <nlohmann/json.hpp>

#include "analyzer/diagnostic.hpp"
#include "analyzer/packet.hpp"

// The JSON shapes every command shares (docs/json.md): a location is
// {"file", "line", "column"?, "text"?}; a diagnostic {"severity", "code", "message", "location",
// "related"?}; a packet as in `fwaudit query --packets`.
namespace fwaudit::reports {

using Json = nlohmann::ordered_json;
inline constexpr int kSchemaVersion = 1;

Json to_json(const SourceLocation& l);
Json to_json(const Diagnostic& d);
Json to_json(const Diagnostics& ds);      // an array
Json counts_json(const Diagnostics& ds);  // {"errors", "warnings", "unsupported", "notes"}
Json to_json(const Packet& p);

// Reads one packet of a --packets file; throws InputError naming `where` (file and index) and
// the field that is wrong.
Packet packet_from_json(const nlohmann::json& j, const std::string& where);

}  // namespace fwaudit::reports
