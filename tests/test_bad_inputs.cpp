// The bad-input catalogue (docs/bad-inputs.md): one test per row. Each checks
// the exact message a user sees, and that the catalogue shows that message.
#include <gtest/gtest.h>

#include <filesystem>

#include "bad_input_catalogue.hpp"
#include "scratch_dir.hpp"
#include "core/model_io.hpp"
#include "core/trainer.hpp"
#include "core/whole_file.hpp"
#include "data/csv_loader.hpp"
#include "data/idx_loader.hpp"
#include "data/image_set.hpp"

using namespace hqnn;
using namespace hqnn::testing;

namespace {

std::string temp_path(const std::string& name) { return hqnn::testing::scratch_file(name); }

void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  write_whole_file(path, std::string(bytes.begin(), bytes.end()));
}

std::vector<uint8_t> be32(uint32_t v) {
  return {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)};
}

TEST(BadInputs, CsvWrongColumnCount) {
  expect_catalogued(input_error_of([] { parse_csv("a,b,label\n1,2,x\n3,4\n", "data.csv"); }),
                    "data.csv line 3: expected 3 columns, got 2");
}

TEST(BadInputs, CsvNonNumericCell) {
  expect_catalogued(input_error_of([] { parse_csv("a,b,label\n1,two,x\n", "data.csv"); }),
                    "data.csv line 2, column 'b': 'two' is not a number");
}

TEST(BadInputs, CsvEmptyFile) {
  expect_catalogued(input_error_of([] { parse_csv("", "data.csv"); }),
                    "data.csv: empty file (expected a header row, then one row per sample)");
}

TEST(BadInputs, CsvOneClassOnly) {
  expect_catalogued(
      input_error_of([] { parse_csv("a,label\n1,x\n2,x\n", "data.csv"); }),
      "data.csv: the label column 'label' has only one class ('x'); classification needs at least two (is the "
      "right column chosen as label?)");
}

TEST(BadInputs, CsvNanOrInfinity) {
  expect_catalogued(input_error_of([] { parse_csv("a,label\n1,x\nNaN,y\n", "data.csv"); }),
                    "data.csv line 3, column 'a': 'NaN' is not a finite number");
}

TEST(BadInputs, CsvUnknownLabelColumn) {
  expect_catalogued(input_error_of([] { parse_csv("a,b,label\n1,2,x\n", "data.csv", {"species"}); }),
                    "data.csv: no column named 'species' (columns: a, b, label)");
}

TEST(BadInputs, CsvSeparatedByAnotherDelimiter) {
  expect_catalogued(
      input_error_of([] { parse_csv("a;b;label\n1;2;x\n", "data.csv"); }),
      "data.csv line 1: found 1 column; need at least one feature and a label (the header holds ';': is the "
      "file separated by them? use --delimiter ';')");
}

TEST(BadInputs, CsvDelimiterOptionThatIsNotOneCharacter) {
  expect_catalogued(input_error_of([] { csv_delimiter_from("semicolon"); }),
                    "--delimiter: expected one character (e.g. ',' or ';') or 'tab', got 'semicolon'");
}

TEST(BadInputs, CsvWithoutHeaderRow) {
  expect_catalogued(
      input_error_of([] { parse_csv("5.1,3.5,setosa\n4.9,3.0,versicolor\n", "data.csv"); }),
      "data.csv line 1: the first row holds numbers, not column names; add a header row naming the columns "
      "(e.g. x1,x2,label) as the first line, or its first sample would be lost");
}

TEST(BadInputs, DataPathThatIsADirectory) {
  const std::string dir = temp_path("data");
  std::filesystem::create_directories(dir);
  EXPECT_EQ(input_error_of([&] { load_csv(dir); }), dir + ": is a directory, not a file (name a file inside it)");
  expect_listed("data: is a directory, not a file (name a file inside it)");
}

TEST(BadInputs, FileThatDoesNotExist) {
  expect_catalogued(input_error_of([] { load_csv("no-such-file.csv"); }),
                    "no-such-file.csv: cannot open (No such file or directory)");
}

TEST(BadInputs, OutputInAFolderThatDoesNotExist) {
  expect_catalogued(input_error_of([] { write_whole_file("no-such-folder/m.json", "{}"); }),
                    "no-such-folder/m.json: cannot create (No such file or directory)");
}

TEST(BadInputs, LabelsOutOfRange) {
  Dataset d;
  d.name = "data";
  d.features = Matrix::Zero(2, 2);
  d.labels = {0, 5};
  d.class_names = {"a", "b"};
  expect_catalogued(input_error_of([&] { d.validate(); }), "data: sample 1 has label 5, outside 0..1");
}

TEST(BadInputs, IdxTruncated) {
  const std::string images = temp_path("short-images.idx"), labels = temp_path("short-labels.idx");
  std::vector<uint8_t> img = be32(0x803);
  for (uint32_t v : {3u, 2u, 2u}) {
    const auto b = be32(v);
    img.insert(img.end(), b.begin(), b.end());
  }
  img.resize(img.size() + 5);  // 3 images of 2x2 need 12 pixel bytes
  write_bytes(images, img);
  write_bytes(labels, {0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 0});
  const std::string m = input_error_of([&] { read_idx(images, labels, {"a", "b"}, "t"); });
  EXPECT_EQ(m.rfind(images + ": truncated: the header announces 28 bytes", 0), 0u) << m;
  EXPECT_NE(bad_input_catalogue().find(": truncated: the header announces"), std::string::npos);
}

TEST(BadInputs, IdxWrongMagic) {
  const std::string images = temp_path("magic-images.idx"), labels = temp_path("magic-labels.idx");
  write_bytes(images, {0, 0, 8, 1, 0, 0, 0, 0});
  write_bytes(labels, {0, 0, 8, 1, 0, 0, 0, 0});
  const std::string m = input_error_of([&] { read_idx(images, labels, {"a", "b"}, "t"); });
  EXPECT_EQ(m.rfind(images + ": wrong magic number 0x00000801 for an IDX image file (expected 0x00000803)", 0), 0u) << m;
  EXPECT_NE(bad_input_catalogue().find(": wrong magic number 0x00000801 for an IDX image file (expected 0x00000803)"),
            std::string::npos);
}

TEST(BadInputs, ModelFileListOfTheWrongLength) {
  expect_catalogued(input_error_of([] {
                      model_from_json(Json::parse(R"({"format": "hqnn-model", "version": 2,
                                                       "model": {"model": "qdcnn", "conv_channels": [], "image": [1, 8, 8]}})"),
                                      nullptr, "m.json");
                    }),
                    "m.json: model.conv_channels: expected 2 numbers, e.g. 8,16, got []");
}

TEST(BadInputs, ModelFileOfAnotherVersion) {
  expect_catalogued(input_error_of([] {
                      model_from_json(Json::parse(R"({"format": "hqnn-model", "version": 3})"), nullptr, "new.json");
                    }),
                    "new.json: model file version 3 is not supported (this hqnn reads versions 1 and 2)");
}

TEST(BadInputs, ModelFileParameterCountMismatch) {
  ModelOptions mo;
  Model model(mo, 4, 3);
  ModelInfo info;
  info.class_names = {"a", "b", "c"};
  Json j = model_to_json(model, info);
  Json params = *j.get("parameters");
  Json three = Json::array();
  for (int i = 0; i < 3; ++i) three.push(0.5);
  params.set("q.0.angles", three);
  j.set("parameters", params);
  expect_catalogued(input_error_of([&] { model_from_json(j, nullptr, "m.json"); }),
                    "m.json: parameters.q.0.angles: the architecture needs 5 values, the file has 3");
}

TEST(BadInputs, ModelFileThatIsNotJson) {
  expect_catalogued(
      input_error_of([] { model_from_json(Json::parse("{\"format\": hqnn}", "m.json"), nullptr, "m.json"); }),
      "m.json line 1, column 12: unexpected character 'h'");
}

TEST(BadInputs, LayersZero) {
  ModelOptions mo;
  mo.layers = 0;
  expect_catalogued(input_error_of([&] { Model(mo, 4, 3); }), "layers (L) must be at least 1, got 0");
}

TEST(BadInputs, WidthOne) {
  ModelOptions mo;
  mo.width = 1;
  expect_catalogued(input_error_of([&] { Model(mo, 4, 3); }),
                    "width (n) must be at least 2: a V chain needs two amplitudes");
}

TEST(BadInputs, NegativeLearningRate) {
  TrainOptions to;
  to.optimizer.lr = -0.1;
  expect_catalogued(input_error_of([&] { validate(to); }), "learning rate must be a finite number > 0, got -0.1");
}

TEST(BadInputs, NegativeThreadCount) {
  TrainOptions to;
  to.threads = -1;
  expect_catalogued(input_error_of([&] { validate(to); }), "threads must be between 0 (every core) and 1024, got -1");
}

TEST(BadInputs, ModelTooLarge) {
  ModelOptions mo;
  mo.kind = ModelKind::mlp_leaky;
  mo.width = 16384;
  mo.layers = 1;
  expect_catalogued(
      input_error_of([&] { Model(mo, 16384, 10); }),
      "the model would have about 537067521 parameters; at most 64000000 are supported (reduce the width n, "
      "the layers or the input size)");
}

TEST(BadInputs, VeryWideStateWorks) {
  // n = 4096 is within limits: it trains and stays finite
  ModelOptions mo;
  mo.width = 4096;
  Model model(mo, 4096, 3);
  Matrix x = Matrix::Random(8, 4096);
  const std::vector<int> y = {0, 1, 2, 0, 1, 2, 0, 1};
  Matrix grad;
  EXPECT_TRUE(std::isfinite(softmax_cross_entropy(model.forward(x), y, &grad)));
  model.backward(grad);
  for (const auto& b : model.params())
    for (Index k = 0; k < b.size; ++k) ASSERT_TRUE(std::isfinite(b.grad[k])) << b.name;
}

TEST(BadInputs, CompactImageFileWithoutMagic) {
  expect_catalogued(input_error_of([] { parse_image_set({'P', 'K', 3, 4}, "x.hqimg"); }),
                    "x.hqimg: not an hqnn image file (it does not start with \"HQNNIMG1\")");
}

}  // namespace
