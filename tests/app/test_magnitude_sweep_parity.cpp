// Parity: a point of the live map is the run `hqnn train` trains for its spec,
// bit for bit (average and final test accuracy, divergence), for a point that
// trains and for one that diverges.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/train_command.hpp"
#include "core/json.hpp"
#include "magnitude_sweep.hpp"
#include "run/options/option_table.hpp"
#include "url_state.hpp"

namespace hqnn::app {
namespace {

std::string read_all(std::FILE* f) {
  std::string text;
  std::rewind(f);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  return text;
}

// `hqnn train <the point's options> --json --quiet`, as "Copy as command" would write them.
Json train_with_hqnn(const run::RunSpec& spec) {
  std::vector<std::string> args = run::to_command_line(spec);
  args.push_back("--json");
  args.push_back("--quiet");
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  const int code = cli::train_command(args, out, err);
  const std::string text = read_all(out), errors = read_all(err);
  std::fclose(out);
  std::fclose(err);
  EXPECT_EQ(code, 0) << errors;
  return Json::parse(text, "hqnn train --json");
}

// Sweeps the link's map in small slices and compares every point with hqnn train.
void expect_points_equal_hqnn_train(const std::string& link) {
  const ParsedHash parsed = parse_hash(link);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  ASSERT_TRUE(parsed.settings.map);
  MagnitudeSweep sweep(parsed.settings.run, parsed.settings.sweep, run::load_source_data(parsed.settings.run.data));
  while (!sweep.done()) sweep.advance(0.3);
  ASSERT_EQ(sweep.error(), "");
  ASSERT_EQ(sweep.points().size(), sweep.runs().size());
  for (size_t i = 0; i < sweep.runs().size(); ++i) {
    const SweepPoint& p = sweep.points()[i];
    SCOPED_TRACE("point " + std::to_string(i) + ": hqnn train " + [&] {
      std::string line;
      for (const std::string& a : run::to_command_line(sweep.runs()[i].spec)) line += a + " ";
      return line;
    }());
    const Json cli = train_with_hqnn(sweep.runs()[i].spec);
    EXPECT_EQ(p.average_accuracy, cli.at("statistics").at("accuracy_mean").as_number());
    EXPECT_EQ(p.final_accuracy, cli.at("test_accuracy").as_number());
    EXPECT_EQ(p.diverged, cli.at("diverged").as_bool());
  }
}

}  // namespace

TEST(MagnitudeSweepParity, EveryPointIsTheRunHqnnTrainTrains) {
  expect_points_equal_hqnn_train("#data=iris&epochs=6&seed=3&map=1&map_hybrid=qrfnn&map_form=outside"
                                 "&map_mode=transient&map_noise=uniform-asym&map_lo=0.01&map_hi=1&map_points=2");
}

TEST(MagnitudeSweepParity, ADivergingPointIsFlaggedAsHqnnTrainFlagsIt) {
  const std::string link = "#data=iris&opt=sgd&lr=10&epochs=4&map=1&map_lo=100000&map_hi=1000000&map_points=2";
  expect_points_equal_hqnn_train(link);
  const ParsedHash parsed = parse_hash(link);
  MagnitudeSweep sweep(parsed.settings.run, parsed.settings.sweep, run::load_source_data(parsed.settings.run.data));
  while (!sweep.done()) sweep.advance(1e9);
  bool any = false;
  for (const SweepPoint& p : sweep.points()) any |= p.diverged;
  EXPECT_TRUE(any) << "the case is meant to diverge";
}

}  // namespace hqnn::app
