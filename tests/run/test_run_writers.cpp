// What a run writes (run/run_writers.hpp): the curves CSV holds every curve
// of the run JSON, under the JSON's names, with the same numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
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
  const Json j = run_json(spec, loop.data(), r, loop.model());
  EXPECT_EQ(j.at("max_abs_logit").as_number(), largest);
}
