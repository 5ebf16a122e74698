// analyzer/call_cycles.cpp
#include "analyzer/call_cycles.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

namespace fwaudit {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

struct FoundCycle {};

// Records the DFS tree so that the first back edge can be turned into the cycle it closes.
class CycleFinder : public boost::default_dfs_visitor {
 public:
  CycleFinder(std::vector<Vertex>& parent, std::vector<int>& cycle)
      : parent_(parent), cycle_(cycle) {}
  void tree_edge(Edge e, const Graph& g) { parent_[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(Edge e, const Graph& g) {
    Vertex from = boost::source(e, g), to = boost::target(e, g);
    std::vector<int> path{static_cast<int>(from)};
    for (Vertex v = from; v != to; v = parent_[v])
      path.push_back(static_cast<int>(parent_[v]));
    cycle_.assign(path.rbegin(), path.rend());  // to ... from, then back to `to`
    throw FoundCycle{};
  }

 private:
  std::vector<Vertex>& parent_;
  std::vector<int>& cycle_;
};

}  // namespace

std::vector<int> find_cycle(int vertex_count, const std::vector<std::pair<int, int>>& edges) {
  Graph g(static_cast<std::size_t>(vertex_count));
  for (auto [a, b] : edges)
    boost::add_edge(static_cast<Vertex>(a), static_cast<Vertex>(b), g);
  std::vector<Vertex> parent(static_cast<std::size_t>(vertex_count));
  std::vector<int> cycle;
  try {
    boost::depth_first_search(g, boost::visitor(CycleFinder(parent, cycle)));
  } catch (const FoundCycle&) {
    return cycle;
  }
  return {};
}

bool check_call_cycles(Ruleset& rs) {
  std::vector<std::pair<int, int>> edges;
  for (std::size_t p = 0; p < rs.policies.size(); ++p)
    for (const Rule& r : rs.policies[p].rules)
      if ((r.action == RuleAction::call || r.action == RuleAction::go_to) && r.target != kNoPolicy)
        edges.emplace_back(static_cast<int>(p), r.target);
  std::vector<int> cycle = find_cycle(static_cast<int>(rs.policies.size()), edges);
  if (cycle.empty()) return true;

  Diagnostic d;
  d.severity = Severity::error;
  d.code = "jump-cycle";
  std::string names;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    const Policy& from = rs.policy(cycle[i]);
    PolicyId to = cycle[(i + 1) % cycle.size()];
    names += from.name + " -> ";
    // The first rule of `from` that jumps to `to` is the one that closes this step.
    for (const Rule& r : from.rules) {
      if ((r.action == RuleAction::call || r.action == RuleAction::go_to) && r.target == to) {
        if (!d.location.known())
          d.location = r.location;
        else
          d.related.push_back(r.location);
        break;
      }
    }
  }
  names += rs.policy(cycle.front()).name;
  d.message = "jump cycle: " + names + " (evaluation would never end)";
  rs.diagnostics.add(std::move(d));
  return false;
}

}  // namespace fwaudit
