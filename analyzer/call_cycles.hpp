// analyzer/call_cycles.hpp
#pragma once

#include <utility>
#include <vector>

#include "analyzer/model/ruleset.hpp"

namespace fwaudit {

// One cycle of a directed graph (vertices 0..n-1) as the vertices along it in order, first not
// repeated; empty when the graph has none. Used for chain jumps, pf anchors and ASA group nesting.
std::vector<int> find_cycle(int vertex_count, const std::vector<std::pair<int, int>>& edges);

// Adds an error diagnostic ("jump-cycle") for a cycle through call / go_to rules, naming every
// rule on it with its location. Returns false when there is one (evaluation would not end).
bool check_call_cycles(Ruleset& rs);

}  // namespace fwaudit
