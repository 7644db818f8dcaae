#include "cormorant/rewrite/passes.hpp"

#include "cormorant/rewrite/order.hpp"
#include "cormorant/rewrite/semijoin.hpp"

namespace cormorant::rewrite {

plan::NodePtr prepare(const plan::NodePtr& root) {
  return split_member_filters(reduce_merged_aggregates(resolve_order(root)));
}

}  // namespace cormorant::rewrite
