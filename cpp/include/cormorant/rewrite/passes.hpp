#pragma once
/// Every rewrite pass a plan goes through before it is compiled, in order.
#include "cormorant/plan/node.hpp"

namespace cormorant::rewrite {

/// `root` with order and positions resolved (rewrite/order.hpp), then the aggregates merged
/// on their group keys reduced to the keys they can meet, and filters mixing ~isin tests of
/// relations with other conditions split (rewrite/semijoin.hpp).
plan::NodePtr prepare(const plan::NodePtr& root);

}  // namespace cormorant::rewrite
