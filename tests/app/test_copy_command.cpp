// "Copy as command": the line the playground gives reads back, through the
// CLI's own parser, as the very run the playground trains.
#include "copy_command.hpp"

#include <gtest/gtest.h>

#include "run/options/option_table.hpp"
#include "url_state.hpp"

namespace hqnn::app {
namespace {

run::RunSpec read_back(const run::RunSpec& spec) {
  return run::parse_command_line(run::to_command_line(spec), run::kTrain, {}).spec;
}

void expect_same_run_on_the_command_line(const std::string& hash) {
  const ParsedHash parsed = parse_hash(hash);
  ASSERT_TRUE(parsed.errors.empty()) << hash << ": " << parsed.errors[0];
  const run::RunSpec& spec = parsed.settings.run;
  const run::RunSpec cli = read_back(spec);
  EXPECT_TRUE(run::same_run(cli, spec)) << train_command_line(spec) << "\ndiffers in "
                                        << (run::run_differences(cli, spec).empty() ? "" : run::run_differences(cli, spec)[0]);
}

}  // namespace

TEST(CopyCommand, DefaultRunIsJustTheData) {
  EXPECT_EQ(train_command_line(PlaygroundSettings{}.run), "hqnn train --data=iris");
  EXPECT_EQ(train_command_line(default_settings(run::DataKind::image).run), "hqnn train --data=fashion-mnist-subset");
}

TEST(CopyCommand, OnlyWhatDiffersFromTheDefaultsIsWritten) {
  PlaygroundSettings s;
  s.run.model.kind = ModelKind::qrfnn;
  s.run.train.epochs = 30;
  run::set_seed(s.run, 5);
  EXPECT_EQ(train_command_line(s.run), "hqnn train --data=iris --model=qrfnn --epochs=30 --seed=5");
}

TEST(CopyCommand, EveryKindOfRunReadsBackAsTheSameRun) {
  expect_same_run_on_the_command_line("#data=iris&model=qdfnn&epochs=8&seed=3");
  expect_same_run_on_the_command_line("#data=iris&model=mlp-leaky&slope=0.05&opt=sgd&momentum=0.8&lr=0.2&batch=5");
  expect_same_run_on_the_command_line("#data=iris&model=qrfnn&scale=standard&noise=gaussian-sym&noise_m=0.3"
                                      "&noise_on=test&noise_seed=9&split_seed=4&test=0.4");
  expect_same_run_on_the_command_line("#data=iris&model=qdfnn&L=3&attack=outside&attack_mode=persistent"
                                      "&attack_m=0.02&attack_layers=0,2&attack_epoch=2&attack_seed=11");
  expect_same_run_on_the_command_line("#data=iris&model=tqfnn&renorm=1&fixed_lambda=1&lambda_inv=1&init=normal"
                                      "&init_scale=0.25&lambda=0.5&attack=inside&attack_mode=transient&attack_k=2");
  expect_same_run_on_the_command_line("#data=mnist-subset&model=qdcnn&ds=2&train_pc=20&test_pc=10&classes=0,1,2"
                                      "&conv=4,8&width=16&epochs=2&lr=0.01");
}

TEST(CopyCommand, ACsvPathIsQuotedForTheShell) {
  run::RunSpec spec = PlaygroundSettings{}.run;
  spec.data.name = "my data/it's.csv";
  const std::string line = train_command_line(spec);
  EXPECT_EQ(line.rfind("hqnn train '--data=my data/it'\\''s.csv'", 0), 0u) << line;
}

}  // namespace hqnn::app
