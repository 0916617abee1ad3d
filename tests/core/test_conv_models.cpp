// Convolutional hybrids on the committed FashionMNIST subset: they learn well
// above chance in a short run, and their model files round-trip exactly.
#include <gtest/gtest.h>

#include <cstring>

#include "core/attack.hpp"
#include "core/model_io.hpp"
#include "core/trainer.hpp"
#include "data/image_datasets.hpp"

using namespace hqnn;

namespace {

ModelOptions conv_options(ModelKind kind, const Dataset& d) {
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 2;
  mo.image_channels = d.image.channels;
  mo.image_height = d.image.height;
  mo.image_width = d.image.width;
  return mo;
}

TEST(ConvModels, QdcnnLearnsTheFashionMnistSubsetWellAboveChance) {
  const ImageData data = load_image_dataset("fashion-mnist-subset");
  ASSERT_EQ(data.train.class_count(), 4);
  Model model(conv_options(ModelKind::qdcnn, data.train), data.train.feature_count(), 4);
  TrainOptions to;
  to.epochs = 3;
  to.batch = 32;
  to.optimizer.lr = 0.005;
  Trainer trainer(model, data.train, data.test, to);
  trainer.run();
  EXPECT_GT(trainer.history().back().test_accuracy, 0.70) << "chance is 0.25";
  EXPECT_LT(trainer.history().back().train_loss, trainer.history().front().train_loss);
}

TEST(ConvModels, ModelFilesRoundTripExactly) {
  const ImageData data = load_image_dataset("mnist-subset");
  for (ModelKind kind : {ModelKind::qrcnn, ModelKind::cnn_rot}) {
    Model model(conv_options(kind, data.train), data.train.feature_count(), 4);
    ModelInfo info;
    info.class_names = data.train.class_names;
    auto loaded = model_from_json(Json::parse(model_to_json(model, info).dump()), nullptr);
    const Matrix x = data.test.features.topRows(16);
    const Matrix a = model.forward(x), b = loaded->forward(x);
    EXPECT_EQ(0, std::memcmp(a.data(), b.data(), sizeof(Real) * static_cast<size_t>(a.size()))) << enum_name(kind);
    EXPECT_EQ(loaded->options().image_height, 28);
  }
}

TEST(ConvModels, ConvolutionalModelOnTabularDataIsRefused) {
  ModelOptions mo;
  mo.kind = ModelKind::qdcnn;
  EXPECT_THROW(Model(mo, 4, 3), InputError);
}

TEST(ConvModels, AttacksNeverTouchConvolutionalLayers) {
  const ImageData data = load_image_dataset("mnist-subset");
  for (ModelKind kind : {ModelKind::qdcnn, ModelKind::cnn_leaky}) {
    Model model(conv_options(kind, data.train), data.train.feature_count(), 4);
    std::vector<std::vector<Real>> conv_before;
    for (const auto& b : model.params())
      if (b.name.rfind("conv", 0) == 0) conv_before.emplace_back(b.value, b.value + b.size);
    AttackOptions a;
    a.layers = 2;
    a.magnitude = 0.5;
    model.set_attack(a);
    for (int i = 0; i < 3; ++i) model.after_optimizer_step();
    size_t i = 0;
    for (const auto& b : model.params())
      if (b.name.rfind("conv", 0) == 0) {
        EXPECT_EQ(std::vector<Real>(b.value, b.value + b.size), conv_before[i++]);
      }
    EXPECT_EQ(i, 4u);  // two conv layers, weight and bias each
  }
}

}  // namespace
