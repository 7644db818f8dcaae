#pragma once
/// A plan rebuilt from its leaves up (internal to the rewrite passes).
#include <functional>
#include <unordered_map>
#include <vector>

#include "cormorant/plan/node.hpp"

namespace cormorant::rewrite::detail {

/// `root` with every node rebuilt over its rewritten inputs and then passed to `rewrite`
/// (with the original node, for passes that read it); a node reached by several paths is
/// rewritten once, so shared subplans stay shared.
inline plan::NodePtr bottom_up(
    const plan::NodePtr& root,
    const std::function<plan::NodePtr(const plan::NodePtr& original, plan::NodePtr rebuilt)>& rewrite) {
  std::unordered_map<const plan::Node*, plan::NodePtr> memo;
  std::function<plan::NodePtr(const plan::NodePtr&)> visit = [&](const plan::NodePtr& node) {
    auto done = memo.find(node.get());
    if (done != memo.end()) return done->second;
    std::vector<plan::NodePtr> inputs;
    for (const auto& in : node->inputs()) inputs.push_back(visit(in));
    plan::NodePtr out = rewrite(node, plan::with_inputs(node, std::move(inputs)));
    memo.emplace(node.get(), out);
    return out;
  };
  return visit(root);
}

}  // namespace cormorant::rewrite::detail
