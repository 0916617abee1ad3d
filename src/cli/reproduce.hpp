// `hqnn reproduce`: the paper's experiment grid, run on all cores, and a
// Markdown report with the paper's numbers beside ours.
//
//   noise     generalisation under each of the six dataset noises (Fig. 5)
//   attack    parameter attacks, symmetric and asymmetric, forms ① and ② (Fig. 6-8)
//   ablation  plain / residual / dense on noiseless data (Fig. 9)
// on iris, MNIST 0-3 and FashionMNIST 0-3 (and CIFAR-100 0-3 when given), for
// the hybrids and the classical baselines, over several seeds.
//
// Output directory: report.md, runs/<id>.json and runs/<id>.csv (per-epoch
// curves) for every run, plots/*.svg. A shard (--shard i/N) writes runs/ and
// shard.json only; --merge DIR... combines shard directories into a report.
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "experiment.hpp"

namespace hqnn::cli {

struct ReproduceDataset {
  std::string key;       // iris | mnist | fashion-mnist | cifar100
  DataConfig data;
  int epochs = 0;
};

struct ReproduceProfile {
  std::string name;      // tiny | quick | full
  std::vector<ReproduceDataset> datasets;
  int seeds = 1;
  bool complexity = true;
  int complexity_dense_max_n = 128;
};

// cifar100_dir: "" leaves CIFAR-100 out.
ReproduceProfile reproduce_profile(const std::string& name, const std::string& cifar100_dir);

struct GridRun {
  std::string id;          // e.g. attack-fashion-mnist-form2-gaussian-asym-qdcnn-s1
  std::string experiment;  // noise | attack | ablation
  std::string dataset;     // ReproduceDataset::key
  std::string condition;   // noise kind, "form1-gaussian-asym", or "none"
  std::string model;       // model kind name
  int seed = 1;
  ExperimentConfig config;
};

std::vector<GridRun> reproduce_grid(const ReproduceProfile& profile);

// Writes report.md and plots/ into `out_dir` from run summaries (the JSON
// written for each run). Runs are matched to the grid by id; a missing run
// throws InputError naming it. `complexity` may be null (no table).
void write_reproduction_report(const std::string& out_dir, const ReproduceProfile& profile,
                               const std::vector<Json>& runs, const Json& complexity);

int cmd_reproduce(const std::vector<std::string>& argv);

}  // namespace hqnn::cli
