// heed pack: a training run, small enough to carry to another machine, that --resume continues.
#include <fmt/format.h>

#include "command.h"
#include "heed/train/checkpoints.h"
#include "heed/train/packed_state.h"

namespace heed::cli {

int run_pack(const std::vector<std::string>& args) {
  std::string input, output;
  po::options_description options("pack");
  options.add_options()
      ("model", po::value(&input)->required(), "the run's OUT.heed (as given to heed train --model): packs OUT.last.heed and OUT.last.state")
      ("output,o", po::value(&output)->required(), "TO.heed: writes TO.last.heed and TO.last.state");
  po::positional_options_description positional;
  positional.add("model", 1);
  po::variables_map vm;
  if (!parse_options(args, "usage: heed pack OUT.heed -o TO.heed\n\n"
                     "Packs the last checkpoint of a training run to carry it elsewhere: the weights in F16 and, of\n"
                     "Adam's moments, the second one factored per matrix (a sixth of the size). heed train --model\n"
                     "TO.heed --resume goes on from it: close to the run, not bit for bit, as the first moment\n"
                     "starts again from zero.", options, vm, &positional))
    return 0;
  const std::string from = train::output_base(input), to = train::output_base(output);
  const int64_t step = train::pack_run(from, to);
  fmt::print(stderr, "packed {}.last.heed (step {}) into {}.last.heed and {}.last.state\n", from, step, to, to);
  return 0;
}

}  // namespace heed::cli
