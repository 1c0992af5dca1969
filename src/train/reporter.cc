#include "heed/train/reporter.h"

namespace heed::train {

Reporter& silent_reporter() {
  // Stateless, so one shared by every thread and run is enough.
  static Reporter silent;
  return silent;
}

}  // namespace heed::train
