// analyzer/checks/path_folds.cpp
#include "analyzer/checks/path_folds.hpp"

namespace fwaudit::checks {

PacketSet PathFolds::universe(PathKind k) {
  PacketSet in_self = PacketSet::in_interface(kSelf), out_self = PacketSet::out_interface(kSelf);
  switch (k) {
    case PathKind::input:
      return out_self - in_self;
    case PathKind::output:
      return in_self - out_self;
    case PathKind::forward:
      break;
  }
  return ~(in_self | out_self);
}

const PathFold& PathFolds::fold(PathKind k) const {
  auto& slot = folds_[static_cast<std::size_t>(k)];
  if (!slot) slot = fold_path(rs_, k, universe(k));
  return *slot;
}

}  // namespace fwaudit::checks
