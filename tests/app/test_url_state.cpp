#include "url_state.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "../bad_input_catalogue.hpp"
#include "lessons.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::app {

TEST(UrlState, EmptyHashGivesTheRunDefaults) {
  const ParsedHash parsed = parse_hash("");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(same_settings(parsed.settings, PlaygroundSettings{}));
  EXPECT_TRUE(run::same_run(parsed.settings.run, run::default_spec(run::DataKind::tabular)));
  EXPECT_EQ(parsed.settings.run.model.kind, ModelKind::qdfnn);
  EXPECT_EQ(parsed.settings.run.train.batch, 16);
}

TEST(UrlState, ReadsEverySetting) {
  const ParsedHash parsed = parse_hash(
      "#data=iris&model=qrfnn&L=3&width=6&opt=sgd&lr=0.05&momentum=0.5&batch=8&epochs=40&seed=7&test=0.25"
      "&scale=minmax&init=normal&init_scale=0.5&lambda=0.25&fixed_lambda=1&lambda_inv=1&renorm=1&fx=0&fy=1"
      "&sample=5&play=1&embed=1&panels=boundary,state");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  const PlaygroundSettings& s = parsed.settings;
  const run::RunSpec& r = s.run;
  EXPECT_EQ(r.model.kind, ModelKind::qrfnn);
  EXPECT_EQ(r.model.layers, 3);
  EXPECT_EQ(r.model.width, 6);
  EXPECT_EQ(r.train.optimizer.kind, OptimizerKind::sgd);
  EXPECT_DOUBLE_EQ(r.train.optimizer.lr, 0.05);
  EXPECT_DOUBLE_EQ(r.train.optimizer.momentum, 0.5);
  EXPECT_EQ(r.train.batch, 8);
  EXPECT_EQ(r.train.epochs, 40);
  EXPECT_EQ(r.model.seed, 7u);
  EXPECT_EQ(r.train.seed, 7u);
  EXPECT_EQ(r.data.split_seed, 7u);  // every seed follows the run's seed unless the link sets it
  EXPECT_DOUBLE_EQ(r.data.test_fraction, 0.25);
  EXPECT_EQ(r.data.scaling, ScalingKind::minmax);
  EXPECT_TRUE(r.model.angle_init_normal);
  EXPECT_FLOAT_EQ(r.model.angle_init_scale, 0.5f);
  EXPECT_FLOAT_EQ(r.model.lambda_init, 0.25f);
  EXPECT_FALSE(r.model.train_lambda);
  EXPECT_TRUE(r.model.dense_lambda_inverse);
  EXPECT_TRUE(r.model.renormalize);
  EXPECT_EQ(s.feature_x, 0);
  EXPECT_EQ(s.feature_y, 1);
  EXPECT_EQ(s.sample, 5);
  EXPECT_TRUE(s.autoplay);
  EXPECT_TRUE(s.embed);
  EXPECT_EQ(s.panels, (std::vector<std::string>{"boundary", "state"}));
}

// Links written before the option table said std=1; they still mean standardised features.
TEST(UrlState, OldStandardiseKeyStillReads) {
  const ParsedHash parsed = parse_hash("#data=iris&std=1");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  EXPECT_EQ(parsed.settings.run.data.scaling, ScalingKind::standard);
}

TEST(UrlState, RoundTripsExactly) {
  PlaygroundSettings s;
  s.run.model.kind = ModelKind::mlp_leaky;
  s.run.model.leaky_slope = 0.02f;
  s.run.model.angle_init_scale = 3.14159274f;
  s.run.train.optimizer.lr = 0.003;
  run::set_seed(s.run, 123456789);
  s.run.data.split_seed = 5;
  s.run.data.test_fraction = 0.3;
  s.embed = true;
  s.panels = {"curves"};
  const ParsedHash parsed = parse_hash(to_hash(s));
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  EXPECT_TRUE(same_settings(parsed.settings, s)) << to_hash(s);
  EXPECT_EQ(parsed.settings.run.data.split_seed, 5u);
  EXPECT_EQ(to_hash(parsed.settings), to_hash(s));
}

// The view keys change how the page shows a run, never the run.
TEST(UrlState, ViewKeysLeaveTheRunAlone) {
  const ParsedHash a = parse_hash("#data=iris&model=qdfnn&seed=4&fx=0&fy=1&sample=3&play=1");
  const ParsedHash b = parse_hash("#data=iris&model=qdfnn&seed=4&fx=2&fy=3&sample=0&embed=1&panels=curves");
  ASSERT_TRUE(a.errors.empty() && b.errors.empty());
  EXPECT_TRUE(run::same_run(a.settings.run, b.settings.run));
  EXPECT_FALSE(same_settings(a.settings, b.settings));
  EXPECT_EQ(to_hash(a.settings).rfind(run::to_link(a.settings.run), 0), 0u) << to_hash(a.settings);
}

TEST(UrlState, ShortNumbers) {
  const std::string hash = to_hash(PlaygroundSettings{});
  EXPECT_NE(hash.find("lr=0.01&"), std::string::npos) << hash;
  EXPECT_NE(hash.find("test=0.3&"), std::string::npos) << hash;
  EXPECT_EQ(hash.find("play="), std::string::npos) << hash;
}

// Regression: 1e6 was written as "1e+06", whose '+' read back as a space, so an
// attack magnitude of 1e6 in a link silently became the default.
TEST(UrlState, LargeAndSmallNumbersSurviveTheLink) {
  const ParsedHash parsed = parse_hash("#attack=outside&attack_m=1000000&noise=mixed-sym&noise_m=1e+06&lr=1e-07");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front();
  ASSERT_TRUE(parsed.settings.run.attack && parsed.settings.run.noise);
  EXPECT_EQ(parsed.settings.run.attack->magnitude, 1e6);
  EXPECT_EQ(parsed.settings.run.noise->magnitude, 1e6);
  EXPECT_EQ(parsed.settings.run.train.optimizer.lr, 1e-7);
  const std::string hash = to_hash(parsed.settings);
  EXPECT_EQ(hash.find('+'), std::string::npos) << hash;
  EXPECT_TRUE(same_settings(parse_hash(hash).settings, parsed.settings));
}

TEST(UrlState, ReportsBadKeysAndKeepsTheRest) {
  const ParsedHash parsed = parse_hash("#model=qfoo&L=0&lr=abc&colour=red&seed=3&batch=32");
  EXPECT_EQ(parsed.errors.size(), 4u);
  EXPECT_EQ(parsed.settings.run.model.kind, ModelKind::qdfnn);
  EXPECT_EQ(parsed.settings.run.model.layers, 2);
  EXPECT_EQ(parsed.settings.run.model.seed, 3u);
  EXPECT_EQ(parsed.settings.run.train.batch, 32);
}

TEST(UrlState, DecodesPercentEscapes) {
  const ParsedHash parsed = parse_hash("model=mlp%2Dleaky&panels=a%2Cb");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.settings.run.model.kind, ModelKind::mlp_leaky);
  EXPECT_EQ(parsed.settings.panels, (std::vector<std::string>{"a", "b"}));
}

TEST(UrlState, AWholeAddressReadsLikeItsHash) {
  const ParsedHash parsed = parse_hash("https://example.org/hqnn/?x=1#data=iris&model=tqfnn&epochs=7");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  EXPECT_EQ(parsed.settings.run.model.kind, ModelKind::tqfnn);
  EXPECT_EQ(parsed.settings.run.train.epochs, 7);
}

// The playground's data table is the one list of its data: each name reads
// back as itself without a message, and the full sets of its subsets map there.
TEST(UrlState, EveryPlaygroundDatasetReadsBackAsItselfAndItsFullSetAsIt) {
  ASSERT_EQ(playground_dataset_names().size(), playground_datasets().size());
  for (size_t i = 0; i < playground_datasets().size(); ++i) {
    const PlaygroundDataset& d = playground_datasets()[i];
    EXPECT_EQ(playground_dataset_names()[i], d.name);
    EXPECT_GT(std::string(d.label).size(), 0u) << d.name;
    const ParsedHash parsed = parse_hash(std::string("#data=") + d.name);
    EXPECT_TRUE(parsed.errors.empty()) << d.name << ": " << parsed.errors[0];
    EXPECT_EQ(parsed.settings.dataset(), d.name);
    const std::string name = d.name;
    const std::string suffix = "-subset";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      const std::string full = name.substr(0, name.size() - suffix.size());
      EXPECT_EQ(parse_hash("#data=" + full).settings.dataset(), name) << full;
    }
  }
}

// The full sets are not shipped with the page: a link to one shows its
// committed subset, with the image defaults, and says so.
TEST(UrlState, FullImageSetShowsItsSubsetWithImageDefaults) {
  const ParsedHash parsed = parse_hash("#data=fashion-mnist&play=1");
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_NE(parsed.errors[0].find("fashion-mnist-subset"), std::string::npos) << parsed.errors[0];
  EXPECT_EQ(parsed.settings.dataset(), "fashion-mnist-subset");
  EXPECT_EQ(parsed.settings.run.model.kind, ModelKind::qdcnn);
  EXPECT_EQ(parsed.settings.run.train.batch, 64);
  EXPECT_EQ(parsed.settings.arena_model, ModelKind::cnn_leaky);
  const ParsedHash again = parse_hash(to_hash(parsed.settings));
  EXPECT_TRUE(again.errors.empty());
  EXPECT_TRUE(same_settings(again.settings, parsed.settings));
}

TEST(UrlState, NoiseAttackAndArenaRoundTrip) {
  const ParsedHash parsed = parse_hash(
      "#data=mnist-subset&ds=2&model=qrcnn&conv=4,6&noise=uniform-asym&noise_m=0.3&noise_f=0.25&noise_on=train"
      "&attack=2&attack_noise=mixed-sym&attack_m=0.05&attack_mode=transient&attack_layers=0,1&attack_epoch=3"
      "&arena=1&arena_model=cnn-rot");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  const PlaygroundSettings& s = parsed.settings;
  EXPECT_EQ(s.run.data.downsample, 2);
  EXPECT_EQ(s.run.model.conv1_channels, 4);
  EXPECT_EQ(s.run.model.conv2_channels, 6);
  ASSERT_TRUE(s.run.noise);
  EXPECT_EQ(s.run.noise->kind, NoiseKind::uniform_asym);
  EXPECT_DOUBLE_EQ(s.run.noise->max_fraction, 0.25);
  EXPECT_TRUE(s.run.noise->train);
  EXPECT_FALSE(s.run.noise->test);
  ASSERT_TRUE(s.run.attack);
  EXPECT_EQ(s.run.attack->form, AttackForm::outside);
  EXPECT_EQ(s.run.attack->noise, NoiseKind::mixed_sym);
  EXPECT_EQ(s.run.attack->mode, AttackMode::transient);
  EXPECT_EQ(s.run.attack->layer_list, (std::vector<int>{0, 1}));
  EXPECT_EQ(s.run.attack_epoch, 3);
  EXPECT_TRUE(s.arena);
  EXPECT_EQ(s.arena_model, ModelKind::cnn_rot);
  const ParsedHash again = parse_hash(to_hash(s));
  EXPECT_TRUE(again.errors.empty());
  EXPECT_TRUE(same_settings(again.settings, s));
  EXPECT_EQ(to_hash(again.settings), to_hash(s));
}

}  // namespace hqnn::app

namespace hqnn::app {

// Found by fuzz_url_state: a key that does not apply to the chosen data or
// model (ds= for iris) was kept in the settings but not written back, so the
// link did not describe the settings. Now each is reported, and the link
// written back describes the settings exactly.
TEST(UrlState, KeysThatDoNotApplyAreReportedAndNotKept) {
  const ParsedHash p = parse_hash("#data=iris&ds=4&conv=3,3&noise_m=5&momentum=0.5");
  EXPECT_EQ(p.errors.size(), 4u);
  const ParsedHash again = parse_hash(to_hash(p.settings));
  EXPECT_TRUE(again.errors.empty());
  EXPECT_TRUE(same_settings(again.settings, p.settings));
  EXPECT_EQ(p.settings.run.data.downsample, PlaygroundSettings{}.run.data.downsample);
  EXPECT_FALSE(p.settings.run.noise);
}

}  // namespace hqnn::app

namespace hqnn::app {

// Found by fuzz_url_state: a panel name with '%' was decoded, then written back
// without encoding, so the link read differently the next time.
TEST(UrlState, PanelNamesAreWordsOnly) {
  const ParsedHash p = parse_hash("#panels=curves,9%25%25x");
  EXPECT_EQ(p.errors.size(), 1u);
  EXPECT_TRUE(p.settings.panels.empty());
  const ParsedHash ok = parse_hash("#panels=curves,state");
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.settings.panels, (std::vector<std::string>{"curves", "state"}));
  EXPECT_TRUE(same_settings(parse_hash(to_hash(ok.settings)).settings, ok.settings));
}

}  // namespace hqnn::app

namespace hqnn::app {

// Every option row of the run and every view row, whether it applies or not.
static std::string every_field(const PlaygroundSettings& s) {
  std::string out;
  for (const run::OptionRow& r : run::option_table()) out += r.name + "=" + value_text(r, r.get(s.run)) + "\n";
  for (const auto& f : view_fields()) out += f.name + "=" + value_text(f, f.get(s)) + "\n";
  return out + "noise " + std::to_string(s.run.noise.has_value()) + ", attack " + std::to_string(s.run.attack.has_value());
}

// The property fuzz_url_state checks, over links made of the table's own keys
// with values in and out of range (a fixed seed, so a failure repeats): every
// link reads as settings whose link reads back without error as the same
// settings.
TEST(UrlState, RandomLinksOfTableKeysReadBackAsThemselves) {
  std::mt19937 rng(12345);
  const std::vector<std::string> words = {"0", "1", "2", "3", "7", "64", "0.5", "1e-3", "-1", "1e+06", "abc", "",
                                          "none", "outside", "transient", "mixed-asym", "standard", "auto", "sgd",
                                          "0,1", "0,1,2,3", "all", "8,16", "mnist-subset", "iris", "x.csv", "%2C",
                                          "qrfnn", "mlp-rot", "fixed", "100", "0.001", "26"};
  std::vector<std::string> keys;
  for (const auto& row : view_fields()) keys.push_back(row.hash_key);
  for (const run::OptionRow& row : run::option_table())
    if (!row.hash_key.empty()) keys.push_back(row.hash_key);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string link = "#";
    const int items = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < items; ++i) {
      const std::string& key = keys[rng() % keys.size()];
      link += (i ? "&" : "") + key + "=" + words[rng() % words.size()];
    }
    const ParsedHash parsed = parse_hash(link);
    const ParsedHash again = parse_hash(to_hash(parsed.settings));
    ASSERT_TRUE(again.errors.empty()) << link << " -> " << to_hash(parsed.settings) << ": " << again.errors[0];
    ASSERT_TRUE(same_settings(again.settings, parsed.settings)) << link << " -> " << to_hash(parsed.settings);
    // parse_hash reads a link once and keeps nothing its link leaves out, so
    // the settings equal their link's reading in every field, applying or not.
    ASSERT_EQ(every_field(again.settings), every_field(parsed.settings)) << link << " -> " << to_hash(parsed.settings);
  }
}

// A key that does not apply (arena_model without arena, map_* without map) is
// not kept: the settings are what their own link reads.
TEST(UrlState, ViewKeysThatDoNotApplyKeepTheirDefaults) {
  const ParsedHash parsed = parse_hash("#arena_model=cnn-rot&map_lo=0.5&map_points=10&fx=1");
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  const PlaygroundSettings defaults = default_settings(run::DataKind::tabular);
  EXPECT_EQ(parsed.settings.arena_model, defaults.arena_model);
  EXPECT_EQ(parsed.settings.sweep.lo, defaults.sweep.lo);
  EXPECT_EQ(parsed.settings.sweep.points, defaults.sweep.points);
  EXPECT_EQ(parsed.settings.feature_x, 1);
  const ParsedHash on = parse_hash("#arena=1&arena_model=cnn-rot&map=1&map_lo=0.5&map_points=10");
  EXPECT_TRUE(on.errors.empty()) << on.errors[0];
  EXPECT_EQ(on.settings.arena_model, ModelKind::cnn_rot);
  EXPECT_EQ(on.settings.sweep.lo, 0.5);
  EXPECT_EQ(on.settings.sweep.points, 10);
}

// hqnn train --link leaves the playground's keys out with a note, and refuses
// unknown ones: every view key, the map's and the lesson's are known, and none
// of them is also a run option.
TEST(UrlState, TheViewLinkKeysAreTheRowsAndTheLesson) {
  const std::vector<std::string> keys = view_link_keys();
  for (const char* k : {"fx", "panels", "map", "map_hybrid", "map_seeds", "arena_model", "lesson", "embed"})
    EXPECT_NE(std::find(keys.begin(), keys.end(), k), keys.end()) << k;
  for (const std::string& k : keys) {
    const run::ParsedLink link = run::parse_link("#" + k + "=1");
    ASSERT_EQ(link.other.size(), 1u) << k << ": a run option too";
  }
  EXPECT_EQ(keys.size(), view_fields().size() + 1);
}

// A map link replays the same sweep: the options set directly and the options
// read back from their link train the same runs, point for point.
TEST(UrlState, AMapLinkReplaysTheSameSweep) {
  PlaygroundSettings direct = default_settings(run::DataKind::tabular);
  direct.run.train.epochs = 3;
  run::set_seed(direct.run, 5);
  direct.map = true;
  direct.sweep.hybrid = ModelKind::qrfnn;
  direct.sweep.form = AttackForm::outside;
  direct.sweep.mode = AttackMode::transient;
  direct.sweep.noise = NoiseKind::uniform_asym;
  direct.sweep.lo = 0.01, direct.sweep.hi = 1, direct.sweep.points = 2;
  const ParsedHash linked = parse_hash(to_hash(direct));
  ASSERT_TRUE(linked.errors.empty()) << linked.errors[0];
  ASSERT_TRUE(linked.settings.map);
  EXPECT_EQ(linked.settings.sweep, direct.sweep);
  const auto run_sweep = [](const PlaygroundSettings& s) {
    MagnitudeSweep sweep(s.run, s.sweep, run::load_source_data(s.run.data));
    while (!sweep.done()) sweep.advance(1e9);
    EXPECT_EQ(sweep.error(), "");
    return sweep.points();
  };
  const std::vector<SweepPoint> a = run_sweep(direct), b = run_sweep(linked.settings);
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].model, b[i].model);
    EXPECT_EQ(a[i].magnitude, b[i].magnitude);
    EXPECT_EQ(a[i].seed, b[i].seed);
    EXPECT_EQ(a[i].average_accuracy, b[i].average_accuracy) << "point " << i;
    EXPECT_EQ(a[i].final_accuracy, b[i].final_accuracy) << "point " << i;
  }
}

// [SECTION] The live map's keys

TEST(UrlState, TheMapAndItsSweepReadBackAsThemselves) {
  const ParsedHash parsed = parse_hash(
      "#data=iris&model=qrfnn&epochs=20&map=1&map_hybrid=tqfnn&map_classical=mlp-rot&map_form=2&map_mode=fixed"
      "&map_noise=uniform-asym&map_lo=0.0005&map_hi=300&map_points=5&map_seeds=2");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  const PlaygroundSettings& s = parsed.settings;
  EXPECT_TRUE(s.map);
  EXPECT_EQ(s.sweep.hybrid, ModelKind::tqfnn);
  EXPECT_EQ(s.sweep.classical, ModelKind::mlp_rot);
  EXPECT_EQ(s.sweep.form, AttackForm::outside);
  EXPECT_EQ(s.sweep.mode, AttackMode::fixed);
  EXPECT_EQ(s.sweep.noise, NoiseKind::uniform_asym);
  EXPECT_EQ(s.sweep.lo, 0.0005);
  EXPECT_EQ(s.sweep.hi, 300);
  EXPECT_EQ(s.sweep.points, 5);
  EXPECT_EQ(s.sweep.seeds, 2);
  const std::string hash = to_hash(s);
  EXPECT_NE(hash.find("&map=1&map_hybrid=tqfnn&map_classical=mlp-rot&map_form=outside&map_mode=fixed"
                      "&map_noise=uniform-asym&map_lo=0.0005&map_hi=300&map_points=5&map_seeds=2"),
            std::string::npos)
      << hash;
  const ParsedHash again = parse_hash(hash);
  EXPECT_TRUE(again.errors.empty());
  EXPECT_TRUE(same_settings(again.settings, s));
  EXPECT_EQ(again.settings.sweep, s.sweep);
  // Without the map no map key is written, and a link without map keys suggests the run's own sweep.
  PlaygroundSettings off = s;
  off.map = false;
  EXPECT_EQ(to_hash(off).find("map"), std::string::npos) << to_hash(off);
  const ParsedHash suggested = parse_hash("#data=iris&model=qrfnn&attack=outside&attack_mode=transient&map=1");
  EXPECT_EQ(suggested.settings.sweep.hybrid, ModelKind::qrfnn);
  EXPECT_EQ(suggested.settings.sweep.form, AttackForm::outside);
  EXPECT_EQ(suggested.settings.sweep.mode, AttackMode::transient);
  EXPECT_EQ(suggested.settings.sweep.points, 9);
}

// A link's bad map setting is reported, listed in docs/bad-inputs.md, and the
// map starts from the sweep its run suggests (or, on image data, stays closed).
static PlaygroundSettings expect_map_link_error(const std::string& link, const std::string& message) {
  const ParsedHash parsed = parse_hash(link);
  EXPECT_EQ(parsed.errors.size(), 1u) << link;
  if (!parsed.errors.empty()) testing::expect_catalogued(parsed.errors[0], message);
  EXPECT_TRUE(parse_hash(to_hash(parsed.settings)).errors.empty()) << to_hash(parsed.settings);
  return parsed.settings;
}

TEST(UrlState, BadMapSettingsAreReportedAndTheMapStartsFromItsDefaults) {
  const SweepOptions defaults;
  PlaygroundSettings s = expect_map_link_error("#data=iris&map=1&map_points=1&map_lo=0.1",
                                               "map_points: a map needs 2 to 25 magnitudes, got 1");
  EXPECT_TRUE(s.map);
  EXPECT_EQ(s.sweep, defaults);
  s = expect_map_link_error("#data=iris&map=1&map_lo=10&map_hi=1",
                            "map_lo, map_hi: the lowest magnitude (10) must be below the highest (1)");
  EXPECT_EQ(s.sweep, defaults);
  expect_map_link_error("#data=iris&map=1&map_lo=0",
                        "map_lo: the magnitudes are log-spaced, so the lowest must be a finite number above 0, got 0");
  s = expect_map_link_error("#data=iris&map=1&map_hybrid=resnet&map_points=3",
                            "map_hybrid: expected tqfnn, qrfnn or qdfnn, got 'resnet'");
  EXPECT_EQ(s.sweep.points, 3) << "the rest of the map still applies";
  expect_map_link_error("#data=iris&map=1&map_classical=qdfnn", "map_classical: expected one of mlp-leaky, mlp-rot, mlp-res-leaky, mlp-dense-leaky, mlp-res-tanh, mlp-dense-tanh, mlp-res-orth, mlp-dense-orth, got 'qdfnn'");
  s = expect_map_link_error("#data=mnist-subset&map=1",
                            "map: the live map sweeps tabular data (iris or a CSV), not mnist-subset; hqnn reproduce "
                            "--profile robustness-quick maps the image subsets");
  EXPECT_FALSE(s.map);
}

}  // namespace hqnn::app
