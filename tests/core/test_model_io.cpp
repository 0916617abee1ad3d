// Model files: the JSON round trip is exact, and broken files are refused with a message.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "core/model_fields.hpp"
#include "core/model_io.hpp"
#include "core/whole_file.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "../scratch_dir.hpp"

using namespace hqnn;

namespace {

Model trained_model(ModelKind kind, ModelInfo& info) {
  static const Dataset iris = load_iris();
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 3;
  mo.seed = 4;
  Model model(mo, 4, 3);
  TrainOptions to;
  to.epochs = 3;
  Trainer(model, iris, iris, to).run();
  info.class_names = iris.class_names;
  info.feature_names = iris.feature_names;
  info.scaler = FeatureScaler::fit(ScalingKind::minmax, iris);
  return model;
}

class ModelFileRoundTrip : public ::testing::TestWithParam<ModelKind> {};

TEST_P(ModelFileRoundTrip, ReloadedModelGivesBitIdenticalOutputs) {
  ModelInfo info;
  Model model = trained_model(GetParam(), info);
  const std::string text = model_to_json(model, info).dump(1);
  ModelInfo loaded_info;
  auto loaded = model_from_json(Json::parse(text), &loaded_info);
  const Dataset iris = load_iris();
  const Matrix a = model.forward(iris.features);
  const Matrix b = loaded->forward(iris.features);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), sizeof(Real) * static_cast<size_t>(a.size())));
  EXPECT_EQ(loaded->options().kind, GetParam());
  EXPECT_EQ(loaded->options().seed, 4u);
  EXPECT_EQ(loaded_info.class_names, info.class_names);
  ASSERT_TRUE(loaded_info.scaler.has_value());
  EXPECT_EQ(loaded_info.scaler->kind, ScalingKind::minmax);
  EXPECT_TRUE((loaded_info.scaler->offset.array() == info.scaler->offset.array()).all());
  EXPECT_TRUE((loaded_info.scaler->scale.array() == info.scaler->scale.array()).all());
  // and writing it again gives the same text
  EXPECT_EQ(model_to_json(*loaded, loaded_info).dump(1), text);
}

INSTANTIATE_TEST_SUITE_P(Kinds, ModelFileRoundTrip,
                         ::testing::Values(ModelKind::tqfnn, ModelKind::qrfnn, ModelKind::qdfnn, ModelKind::mlp_leaky,
                                           ModelKind::mlp_rot, ModelKind::mlp_res_leaky, ModelKind::mlp_dense_leaky,
                                           ModelKind::mlp_res_tanh, ModelKind::mlp_dense_tanh, ModelKind::mlp_res_orth,
                                           ModelKind::mlp_dense_orth));

// The `model` section is written by the model's rows (core/model_fields.hpp),
// the rows the run's options take: one set of keys, and only keys of a row.
TEST(ModelFile, ModelSectionUsesTheModelRowsKeys) {
  ModelOptions o;
  o.kind = ModelKind::qrcnn;
  o.train_lambda = false;
  o.angle_init_scale = Real(0.5);
  o.image_channels = 1, o.image_height = 7, o.image_width = 7;
  const Json j = to_json(o);
  for (const auto& [key, value] : j.members()) {
    bool known = false;
    for (const auto& f : model_fields()) known |= f.json_key == key;
    EXPECT_TRUE(known) << key;
  }
  EXPECT_EQ(j.at("model").as_string(), "qrcnn");
  EXPECT_TRUE(j.at("fixed_lambda").as_bool());
  EXPECT_EQ(j.at("angle_scale").as_number(), 0.5);
  EXPECT_EQ(j.get("kind"), nullptr);
  EXPECT_EQ(j.get("train_lambda"), nullptr);
  const ModelOptions back = model_options_from_json(j);
  EXPECT_EQ(to_json(back).dump(), j.dump());
  EXPECT_FALSE(back.train_lambda);
  EXPECT_EQ(back.image_height, 7);
}

// The version 1 files of the fuzzers' seed corpus (written by hqnn before
// version 2: leaky_slope on every model, train_lambda, kind) load and write
// back as version 2 sections.
TEST(ModelFile, CommittedVersion1FilesLoad) {
  for (const char* name : {"qdfnn.json", "mlp.json"}) {
    const std::string path = std::string("fuzz/corpus/model_json/") + name;
    ModelInfo info;
    std::unique_ptr<Model> m;
    ASSERT_NO_THROW(m = load_model(path, &info)) << path;
    const Json file = Json::parse(read_whole_file(path));
    EXPECT_EQ(file.at("version").as_number(), 1);
    EXPECT_EQ(enum_name(m->options().kind), file.at("model").at("kind").as_string());
    EXPECT_EQ(m->options().train_lambda, file.at("model").at("train_lambda").as_bool());
    EXPECT_EQ(to_json(model_options_from_json(to_json(m->options()))).dump(), to_json(m->options()).dump());
  }
}

// A list of the wrong length, empty included, is refused before any setter reads it.
TEST(ModelFile, ListsOfTheWrongLengthAreRefused) {
  ModelOptions o;
  o.kind = ModelKind::qdcnn;
  o.image_channels = 1, o.image_height = 8, o.image_width = 8;
  for (const char* key : {"conv_channels", "image"}) {
    for (const char* list : {"[]", "[4]", "[1, 2, 3, 4]"}) {
      Json j = to_json(o);
      j.set(key, Json::parse(list));
      try {
        model_options_from_json(j);
        ADD_FAILURE() << key << " = " << list << " was accepted";
      } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(std::string("model.") + key + ": expected"), std::string::npos) << e.what();
      }
    }
  }
}

// Files of version 1 named three keys otherwise (kind, train_lambda,
// angle_init_scale); they load as the same model, bit for bit.
TEST(ModelFile, Version1FilesStillLoad) {
  ModelInfo info;
  Model model = trained_model(ModelKind::qrfnn, info);
  Json v2 = model_to_json(model, info);
  Json section = Json::object();
  for (const auto& [key, value] : v2.at("model").members()) {
    if (key == "model") section.set("kind", value);
    else if (key == "fixed_lambda") section.set("train_lambda", Json(!value.as_bool()));
    else if (key == "angle_scale") section.set("angle_init_scale", value);
    else section.set(key, value);
  }
  Json v1 = v2;
  v1.set("version", 1);
  v1.set("model", section);
  auto loaded = model_from_json(v1, nullptr);
  EXPECT_EQ(loaded->options().kind, ModelKind::qrfnn);
  EXPECT_EQ(to_json(loaded->options()).dump(), v2.at("model").dump());
  const Dataset iris = load_iris();
  const Matrix a = model.forward(iris.features), b = loaded->forward(iris.features);
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), sizeof(Real) * static_cast<size_t>(a.size())));
  // the old names mean nothing in a version 2 file (they would be ignored as unknown)
  Json mixed = v2;
  Json m = v2.at("model");
  m.set("kind", "mlp-leaky");
  mixed.set("model", m);
  EXPECT_EQ(model_from_json(mixed, nullptr)->options().kind, ModelKind::qrfnn);
}

TEST(ModelFile, SaveAndLoadThroughAFile) {
  ModelInfo info;
  Model model = trained_model(ModelKind::qdfnn, info);
  const std::string path = hqnn::testing::scratch_file("model_test.json");
  save_model(path, model, info);
  auto loaded = load_model(path, nullptr);
  const Dataset iris = load_iris();
  EXPECT_TRUE((model.forward(iris.features).array() == loaded->forward(iris.features).array()).all());
  std::remove(path.c_str());
}

std::string error_of(const std::string& text) {
  try {
    model_from_json(Json::parse(text, "m.json"), nullptr, "m.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ModelFile, BrokenFilesAreRefusedWithAMessage) {
  ModelInfo info;
  Model model = trained_model(ModelKind::qrfnn, info);
  Json good = model_to_json(model, info);

  EXPECT_NE(error_of("{\"format\": \"hqnn-model\", ").find("m.json line 1"), std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("not an hqnn model file"), std::string::npos);

  Json other_version = good;
  other_version.set("version", 99);
  EXPECT_NE(error_of(other_version.dump()).find("version 99 is not supported"), std::string::npos);

  Json short_params = good;
  Json params = *good.get("parameters");
  Json angles = Json::array();
  angles.push(0.5);
  params.set("q.0.angles", angles);
  short_params.set("parameters", params);
  EXPECT_NE(error_of(short_params.dump()).find("needs 5 values, the file has 1"), std::string::npos);

  Json extra = good;
  Json more = *good.get("parameters");
  more.set("q.9.angles", angles);
  extra.set("parameters", more);
  EXPECT_NE(error_of(extra.dump()).find("does not have"), std::string::npos);

  Json bad_kind = good;
  Json options = *good.get("model");
  options.set("model", "transformer");
  bad_kind.set("model", options);
  EXPECT_NE(error_of(bad_kind.dump()).find("model.model: expected one of"), std::string::npos) << error_of(bad_kind.dump());
  EXPECT_NE(error_of(bad_kind.dump()).find("got 'transformer'"), std::string::npos);

  Json zero_layers = good;
  options = *good.get("model");
  options.set("layers", 0);
  zero_layers.set("model", options);
  EXPECT_NE(error_of(zero_layers.dump()).find("layers (L) must be at least 1"), std::string::npos);
}

TEST(ModelFile, MissingFileNamesThePath) {
  try {
    load_model("/nonexistent/model.json", nullptr);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/model.json"), std::string::npos);
  }
}

}  // namespace
