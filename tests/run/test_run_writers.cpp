// What a run writes (run/run_writers.hpp): the curves CSV holds every curve
// of the run JSON, under the JSON's names, with the same numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "run/options/option_table.hpp"
#include "run/run_loop.hpp"
#include "run/run_writers.hpp"

using namespace hqnn;
using namespace hqnn::run;

namespace {

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string cell; std::getline(ss, cell, ',');) out.push_back(cell);
  return out;
}

}  // namespace

TEST(RunWriters, CurvesCsvHasTheRunJsonsCurvesIncludingGradientNorms) {
  const RunSpec spec = parse_command_line({"--model", "qrfnn", "--epochs", "3", "--seed", "2"}, kTrain, {}).spec;
  RunLoop loop(spec, prepare_data(spec));
  while (!loop.done()) loop.step();
  const std::vector<std::string>& blocks = loop.block_names();
  ASSERT_GE(blocks.size(), 4u);
  const Json curves = curves_json(loop.history(), blocks);

  std::stringstream csv(curves_csv(loop.history(), blocks));
  std::string line;
  std::getline(csv, line);
  const std::vector<std::string> header = cells(line);
  std::vector<std::string> expected = {"epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "finite"};
  for (const std::string& b : blocks) expected.push_back("grad_norm." + b + ".mean"), expected.push_back("grad_norm." + b + ".max");
  EXPECT_EQ(header, expected);

  // Each column's numbers are the JSON's curve of the same name, exactly (%.17g round-trips a double).
  auto json_curve = [&](const std::string& column) -> const Json& {
    if (column.rfind("grad_norm.", 0) != 0) return curves.at(column);
    const size_t last_dot = column.rfind('.');
    const std::string block = column.substr(10, last_dot - 10);
    return curves.at("grad_norm").at(block).at(column.substr(last_dot + 1));
  };
  size_t rows = 0;
  for (; std::getline(csv, line); ++rows) {
    const std::vector<std::string> row = cells(line);
    ASSERT_EQ(row.size(), header.size()) << line;
    for (size_t c = 0; c < header.size(); ++c) {
      if (header[c] == "finite") {
        EXPECT_EQ(row[c], loop.history()[rows].finite ? "1" : "0");
        EXPECT_EQ(curves.at("finite")[rows].as_bool(), loop.history()[rows].finite);
        continue;
      }
      EXPECT_EQ(std::strtod(row[c].c_str(), nullptr), json_curve(header[c])[rows].as_number()) << header[c] << " row " << rows;
    }
  }
  EXPECT_EQ(rows, 3u);
  EXPECT_GT(loop.history().back().grad_norm_max[0], 0.0) << "the norms are measured, not zero";
}

// The run JSON logs the largest |logit| of the training steps (the naive-softmax experiment).
TEST(RunWriters, RunJsonHasTheLargestLogitOfTheRun) {
  const RunSpec spec = parse_command_line({"--model", "mlp-res-tanh", "--epochs", "3", "--seed", "2"}, kTrain, {}).spec;
  RunLoop loop(spec, prepare_data(spec));
  while (!loop.done()) loop.step();
  const RunResult r = loop.finish();
  double largest = 0;
  for (const EpochRecord& e : r.history) largest = std::max(largest, e.max_abs_logit);
  EXPECT_GT(largest, 0.0);
  const Json j = run_json(spec, loop.data(), r);
  EXPECT_EQ(j.at("max_abs_logit").as_number(), largest);
}

// A number the record holds as null (NaN, Inf) is "nan" in the CSV, whichever
// it was, so that a CSV written from a record read back from its file is the
// CSV written when the run ended.
TEST(RunWriters, CurvesCsvWritesNonFiniteNumbersAsTheRecordHoldsThem) {
  EpochRecord e;
  e.epoch = 1;
  e.train_loss = std::numeric_limits<double>::infinity();
  e.test_loss = -std::numeric_limits<double>::quiet_NaN();
  e.train_accuracy = 0.25;
  e.finite = false;
  e.grad_norm_mean = {std::nan("")};
  e.grad_norm_max = {0.5};
  const std::string direct = curves_csv({e}, {"w"});
  EXPECT_EQ(direct, "epoch,train_loss,train_accuracy,test_loss,test_accuracy,finite,grad_norm.w.mean,grad_norm.w.max\n"
                    "1,nan,0.25,nan,0,0,nan,0.5\n");
  EXPECT_EQ(curves_csv(Json::parse(curves_json({e}, {"w"}).dump(1))), direct);
}

// The record names the run's settings once, under `spec` (and as its link):
// no other key repeats an option. `data` (the data's own name) and `scaling`
// (what `auto` chose) are what the data was read as and prepared with.
TEST(RunWriters, RunJsonWritesTheSpecOnce) {
  RunSpec spec = parse_command_line({"--model", "qrfnn", "--epochs", "2", "--noise", "gaussian-sym", "--attack-form",
                                     "inside", "--attack-magnitude", "0.1"},
                                    kTrain, {}).spec;
  RunLoop loop(spec, prepare_data(spec));
  while (!loop.done()) loop.step();
  const RunResult r = loop.finish();
  const Json j = run_json(loop.spec(), loop.data(), r);
  EXPECT_TRUE(same_run(spec_from_json(j.at("spec"), "spec"), spec));
  EXPECT_TRUE(same_run(parse_link(j.at("link").as_string()).spec, spec));
  for (const auto& [key, value] : j.members()) {
    if (key == "spec" || key == "data" || key == "scaling") continue;
    for (const OptionRow& row : option_table()) EXPECT_NE(key, row.json_key) << "the record repeats option " << row.name;
  }
  for (const char* result : {"attacked_layers", "noisy_values", "curves", "statistics", "metrics"})
    EXPECT_NE(j.get(result), nullptr) << result;
  EXPECT_EQ(j.at("attacked_layers").size(), r.attacked_layers.size());
  EXPECT_GT(j.at("noisy_values").as_number(), 0);
}
