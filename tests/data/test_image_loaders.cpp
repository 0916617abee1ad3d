// Image loaders: IDX (plain and gzip), CIFAR-10/100, class subsets and
// downsampling, the compact .hqimg format, and the named datasets.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "data/byte_file.hpp"
#include "data/cifar_loader.hpp"
#include "data/idx_loader.hpp"
#include "data/image_datasets.hpp"
#include "data/image_set.hpp"
#include "../scratch_dir.hpp"

using namespace hqnn;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<uint8_t>;

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = hqnn::testing::scratch_root() / (std::string(info->test_suite_name()) + "_" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name, const Bytes& bytes) const {
    const std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return p;
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void put_be(Bytes& b, uint32_t v) {
  for (int k = 3; k >= 0; --k) b.push_back(static_cast<uint8_t>(v >> (8 * k)));
}

// count images of rows x cols; pixel p of image i is (i·16 + p) mod 256.
Bytes idx_images(uint32_t count, uint32_t rows, uint32_t cols, uint32_t magic = 0x803) {
  Bytes b;
  put_be(b, magic);
  put_be(b, count);
  put_be(b, rows);
  put_be(b, cols);
  for (uint32_t i = 0; i < count; ++i)
    for (uint32_t p = 0; p < rows * cols; ++p) b.push_back(static_cast<uint8_t>(i * 16 + p));
  return b;
}

Bytes idx_labels(const Bytes& labels, uint32_t magic = 0x801) {
  Bytes b;
  put_be(b, magic);
  put_be(b, static_cast<uint32_t>(labels.size()));
  b.insert(b.end(), labels.begin(), labels.end());
  return b;
}

// A gzip file with one stored (uncompressed) deflate block, written by hand
// so that the test needs no zlib of its own.
Bytes gzip_stored(const Bytes& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (uint8_t byte : data) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  crc ^= 0xFFFFFFFFu;
  Bytes b{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x01};
  const auto len = static_cast<uint16_t>(data.size());
  b.push_back(uint8_t(len & 0xff));
  b.push_back(uint8_t(len >> 8));
  b.push_back(uint8_t(~len & 0xff));
  b.push_back(uint8_t((~len >> 8) & 0xff));
  b.insert(b.end(), data.begin(), data.end());
  for (uint32_t v : {crc, static_cast<uint32_t>(data.size())})
    for (int k = 0; k < 4; ++k) b.push_back(uint8_t(v >> (8 * k)));
  return b;
}

const std::vector<std::string> kTenClasses{"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};

// Expects an InputError whose message contains every fragment.
template <typename F>
void expect_input_error(F&& load, const std::vector<std::string>& fragments) {
  try {
    load();
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    for (const std::string& f : fragments) EXPECT_NE(message.find(f), std::string::npos) << message << " lacks " << f;
  }
}

}  // namespace

// [SECTION] IDX ----------------------------------------------------------------------------

TEST(IdxLoader, ReadsPlainFilesAndScalesPixels) {
  TempDir dir;
  const std::string images = dir.file("img", idx_images(3, 2, 4)), labels = dir.file("lab", idx_labels({7, 0, 9}));
  const Dataset data = load_idx_dataset(images, labels, kTenClasses, "tiny");
  EXPECT_EQ(data.size(), 3);
  EXPECT_EQ(data.image.channels, 1);
  EXPECT_EQ(data.image.height, 2);
  EXPECT_EQ(data.image.width, 4);
  EXPECT_EQ(data.labels, (std::vector<int>{7, 0, 9}));
  EXPECT_FLOAT_EQ(data.features(2, 5), Real(32 + 5) / 255);
  EXPECT_FLOAT_EQ(data.features(0, 0), 0);
  EXPECT_EQ(data.class_count(), 10);
}

TEST(IdxLoader, ReadsGzipFiles) {
  TempDir dir;
  const std::string images = dir.file("img.gz", gzip_stored(idx_images(2, 3, 3)));
  const std::string labels = dir.file("lab.gz", gzip_stored(idx_labels({1, 2})));
  if (!gzip_supported()) {
    expect_input_error([&] { read_idx(images, labels, kTenClasses, "gz"); }, {images, "built without zlib"});
    return;
  }
  const ImageSet set = read_idx(images, labels, kTenClasses, "gz");
  ASSERT_EQ(set.size(), 2u);
  EXPECT_EQ(set.image(1)[4], 16 + 4);
  EXPECT_EQ(set.labels[1], 2);
}

TEST(IdxLoader, TruncatedGzipStreamNamesTheFile) {
  if (!gzip_supported()) GTEST_SKIP() << "built without zlib";
  TempDir dir;
  Bytes gz = gzip_stored(idx_images(2, 3, 3));
  gz.resize(gz.size() - 20);
  const std::string images = dir.file("img.gz", gz), labels = dir.file("lab", idx_labels({1, 2}));
  expect_input_error([&] { read_idx(images, labels, kTenClasses, "gz"); }, {images});
}

TEST(GzipBytes, ConcatenatedMembersAreOneFileAndTrailingBytesAreRefused) {
  if (!gzip_supported()) GTEST_SKIP() << "built without zlib";
  Bytes two = gzip_stored({1, 2, 3});
  const Bytes second = gzip_stored({4, 5});
  two.insert(two.end(), second.begin(), second.end());
  EXPECT_EQ(decode_file_bytes(two, "two.gz"), (Bytes{1, 2, 3, 4, 5}));
  Bytes padded = gzip_stored({1, 2, 3});
  padded.insert(padded.end(), 512, 0);
  EXPECT_EQ(decode_file_bytes(padded, "padded.gz"), (Bytes{1, 2, 3})) << "zero padding ends the file";
  Bytes trailing = gzip_stored({1, 2, 3});
  trailing.push_back(7);
  expect_input_error([&] { decode_file_bytes(trailing, "t.gz"); }, {"t.gz", "corrupt gzip data"});
  Bytes cut = gzip_stored({1, 2, 3, 4, 5, 6, 7, 8});
  cut.resize(cut.size() - 10);
  expect_input_error([&] { decode_file_bytes(cut, "cut.gz"); }, {"cut.gz", "truncated or corrupt gzip data"});
  EXPECT_EQ(decode_file_bytes({7, 8, 9}, "plain"), (Bytes{7, 8, 9})) << "plain bytes pass through";
}

TEST(IdxLoader, ParsesBytesInMemoryAsFromFiles) {
  const ImageSet set = parse_idx(idx_images(2, 3, 3), "img", idx_labels({1, 2}), "lab", kTenClasses, "mem");
  ASSERT_EQ(set.size(), 2u);
  EXPECT_EQ(set.image(1)[4], 16 + 4);
  expect_input_error([&] { parse_idx(idx_labels({1}), "img", idx_labels({1}), "lab", kTenClasses, "mem"); },
                     {"img: wrong magic number"});
}

TEST(IdxLoader, MissingFile) {
  TempDir dir;
  const std::string labels = dir.file("lab", idx_labels({1}));
  expect_input_error([&] { read_idx(dir.path("nope.gz"), labels, kTenClasses, "x"); },
                     {dir.path("nope.gz"), "cannot open"});
}

TEST(IdxLoader, TruncatedImagesNameTheFileAndTheSizes) {
  TempDir dir;
  Bytes images = idx_images(3, 4, 4);
  images.resize(16 + 2 * 16 + 5);  // the header promises 16 + 48 bytes
  const std::string img = dir.file("img", images), lab = dir.file("lab", idx_labels({0, 1, 2}));
  expect_input_error([&] { read_idx(img, lab, kTenClasses, "x"); }, {img, "truncated", "64", "53"});
  const std::string stub = dir.file("stub", Bytes{0, 0, 8, 3, 0});
  expect_input_error([&] { read_idx(stub, lab, kTenClasses, "x"); }, {stub, "truncated", "16-byte IDX header"});
}

TEST(IdxLoader, WrongMagicNumber) {
  TempDir dir;
  const std::string lab = dir.file("lab", idx_labels({0, 1}));
  const std::string img = dir.file("img", idx_images(2, 2, 2));
  // labels passed as images, and images passed as labels
  expect_input_error([&] { read_idx(lab, lab, kTenClasses, "x"); }, {lab, "wrong magic number 0x00000801", "0x00000803"});
  expect_input_error([&] { read_idx(img, img, kTenClasses, "x"); }, {img, "wrong magic number 0x00000803", "0x00000801"});
}

TEST(IdxLoader, CountMismatchAndLabelOutOfRange) {
  TempDir dir;
  const std::string img = dir.file("img", idx_images(3, 2, 2));
  const std::string two = dir.file("two", idx_labels({0, 1}));
  expect_input_error([&] { read_idx(img, two, kTenClasses, "x"); }, {two, "2 labels", "3 images"});
  const std::string bad = dir.file("bad", idx_labels({0, 12, 1}));
  expect_input_error([&] { read_idx(img, bad, kTenClasses, "x"); }, {bad, "label 12", "image 1", "out of range 0..9"});
}

// [SECTION] CIFAR --------------------------------------------------------------------------

namespace {

// One record: label byte(s), then R, G, B planes filled with r, g, b.
void put_cifar_record(Bytes& b, const Bytes& labels, uint8_t r, uint8_t g, uint8_t bl) {
  b.insert(b.end(), labels.begin(), labels.end());
  b.insert(b.end(), 1024, r);
  b.insert(b.end(), 1024, g);
  b.insert(b.end(), 1024, bl);
}

}  // namespace

TEST(CifarLoader, Cifar10GrayscaleIsBt601Luma) {
  TempDir dir;
  Bytes b;
  put_cifar_record(b, {3}, 255, 0, 0);      // red: 0.299·255 = 76.245 → 76
  put_cifar_record(b, {9}, 10, 200, 100);   // 2.99 + 117.4 + 11.4 = 131.79 → 132
  b[1 + 1024 + 5] = 0;                      // record 0, green pixel 5 stays 0: still 76
  b[1 + 33] = 0;                            // record 0, red pixel 33 → 0
  const std::string path = dir.file("data_batch_1.bin", b);
  const ImageSet gray = read_cifar({path}, CifarKind::cifar10, {}, "cifar10");
  ASSERT_EQ(gray.size(), 2u);
  EXPECT_EQ(gray.shape.channels, 1);
  EXPECT_EQ(gray.shape.height, 32);
  EXPECT_EQ(gray.labels, (std::vector<int>{3, 9}));
  EXPECT_EQ(gray.class_names[3], "cat");
  EXPECT_EQ(gray.image(0)[0], 76);
  EXPECT_EQ(gray.image(0)[33], 0);
  EXPECT_EQ(gray.image(1)[1023], 132);
  CifarOptions colour;
  colour.grayscale = false;
  const ImageSet rgb = read_cifar({path}, CifarKind::cifar10, colour, "cifar10");
  EXPECT_EQ(rgb.shape.channels, 3);
  EXPECT_EQ(rgb.image(1)[0], 10);
  EXPECT_EQ(rgb.image(1)[1024], 200);
  EXPECT_EQ(rgb.image(1)[2048], 100);
}

TEST(CifarLoader, Cifar100FineAndCoarseLabels) {
  TempDir dir;
  Bytes b;
  put_cifar_record(b, {4, 3}, 0, 255, 0);  // coarse 4, fine 3 (bear); green → 149.685 → 150
  put_cifar_record(b, {19, 99}, 0, 0, 255);  // blue → 29.07 → 29
  const std::string path = dir.file("train.bin", b);
  const ImageSet fine = read_cifar({path}, CifarKind::cifar100, {}, "cifar100");
  EXPECT_EQ(fine.labels, (std::vector<int>{3, 99}));
  EXPECT_EQ(fine.class_names.size(), 100u);
  EXPECT_EQ(fine.class_names[3], "bear");
  EXPECT_EQ(fine.image(0)[7], 150);
  EXPECT_EQ(fine.image(1)[7], 29);
  CifarOptions coarse;
  coarse.coarse_labels = true;
  const ImageSet super = read_cifar({path}, CifarKind::cifar100, coarse, "cifar100");
  EXPECT_EQ(super.labels, (std::vector<int>{4, 19}));
  EXPECT_EQ(super.class_names.size(), 20u);
}

TEST(CifarLoader, TruncatedRecordAndLabelOutOfRange) {
  TempDir dir;
  Bytes b;
  put_cifar_record(b, {1}, 1, 2, 3);
  put_cifar_record(b, {2}, 1, 2, 3);
  b.resize(b.size() - 100);
  const std::string cut = dir.file("cut.bin", b);
  expect_input_error([&] { read_cifar({cut}, CifarKind::cifar10, {}, "c"); },
                     {cut, "truncated record", "record 1", "2973 of its 3073 bytes"});
  Bytes bad;
  put_cifar_record(bad, {0}, 1, 2, 3);
  put_cifar_record(bad, {10}, 1, 2, 3);
  const std::string path = dir.file("bad.bin", bad);
  expect_input_error([&] { read_cifar({path}, CifarKind::cifar10, {}, "c"); },
                     {path, "record 1", "label 10", "out of range 0..9"});
  Bytes bad100;
  put_cifar_record(bad100, {20, 5}, 1, 2, 3);
  const std::string p100 = dir.file("test.bin", bad100);
  CifarOptions coarse;
  coarse.coarse_labels = true;
  expect_input_error([&] { read_cifar({p100}, CifarKind::cifar100, coarse, "c"); }, {p100, "label 20", "0..19"});
  expect_input_error([&] { read_cifar({dir.path("none.bin")}, CifarKind::cifar10, {}, "c"); },
                     {dir.path("none.bin"), "cannot open"});
}

TEST(CifarLoader, NamedDatasetReadsADirectory) {
  TempDir dir;
  for (int k = 1; k <= 5; ++k) {
    Bytes b;
    for (int i = 0; i < 3; ++i) put_cifar_record(b, {uint8_t(i + k)}, 50, 50, 50);  // labels k..k+2
    dir.file("data_batch_" + std::to_string(k) + ".bin", b);
  }
  Bytes t;
  put_cifar_record(t, {0}, 255, 255, 255);
  put_cifar_record(t, {8}, 255, 255, 255);
  dir.file("test_batch.bin", t);
  ImageDatasetOptions o;
  o.classes = {2, 0};
  const ImageData data = load_image_dataset("cifar10:" + dir.path(""), o);
  // label 2 occurs in batches 1 (i = 1) and 2 (i = 0); label 0 never in training
  EXPECT_EQ(data.train.size(), 2);
  EXPECT_EQ(data.train.class_names, (std::vector<std::string>{"bird", "airplane"}));
  EXPECT_EQ(data.test.labels, (std::vector<int>{1}));
  EXPECT_FLOAT_EQ(data.test.features(0, 100), 1);
  EXPECT_FLOAT_EQ(data.train.features(0, 0), Real(50) / 255);
}

// [SECTION] Class subsets and downsampling ----------------------------------------------

namespace {

// 6 images of 1x4x4 with labels 0,1,2,3,1,3; pixel p of image i = 10·i + p.
ImageSet six_images() {
  ImageSet s;
  s.name = "six";
  s.shape = {1, 4, 4};
  s.class_names = {"a", "b", "c", "d"};
  s.labels = {0, 1, 2, 3, 1, 3};
  for (int i = 0; i < 6; ++i)
    for (int p = 0; p < 16; ++p) s.pixels.push_back(static_cast<uint8_t>(10 * i + p));
  return s;
}

}  // namespace

TEST(ImageSet, SelectClassesRelabelsInListOrder) {
  const ImageSet s = select_classes(six_images(), {3, 1});
  EXPECT_EQ(s.class_names, (std::vector<std::string>{"d", "b"}));
  EXPECT_EQ(s.labels, (std::vector<int>{1, 0, 1, 0}));
  EXPECT_EQ(s.image(0)[0], 10);  // image 1 (label 1 → 1)
  EXPECT_EQ(s.image(1)[0], 30);  // image 3 (label 3 → 0)
  EXPECT_EQ(select_classes(six_images(), {}).size(), 6u);
  expect_input_error([] { select_classes(six_images(), {1, 4}); }, {"six", "class 4 does not exist"});
  expect_input_error([] { select_classes(six_images(), {1, 1}); }, {"class 1 is listed twice"});
}

TEST(ImageSet, TakePerClassKeepsTheFirstOfEach) {
  const ImageSet s = take_per_class(six_images(), 1);
  EXPECT_EQ(s.labels, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(s.image(3)[0], 30);
}

TEST(ImageSet, DownsamplingAveragesBlocks) {
  const Dataset full = to_dataset(six_images());
  EXPECT_EQ(full.feature_count(), 16);
  EXPECT_FLOAT_EQ(full.features(5, 15), Real(65) / 255);
  const Dataset half = to_dataset(six_images(), 2);
  EXPECT_EQ(half.image.height, 2);
  EXPECT_EQ(half.image.width, 2);
  ASSERT_EQ(half.feature_count(), 4);
  // image 2, top-right block: pixels 2, 3, 6, 7 → 20 + 4.5
  EXPECT_FLOAT_EQ(half.features(2, 1), Real(24.5) / 255);
  // image 0, bottom-left block: pixels 8, 9, 12, 13 → 10.5
  EXPECT_FLOAT_EQ(half.features(0, 2), Real(10.5) / 255);
  const Dataset third = to_dataset(six_images(), 3);  // 4x4 → 1x1, the rest dropped
  EXPECT_EQ(third.feature_count(), 1);
  EXPECT_FLOAT_EQ(third.features(0, 0), Real(0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10) / 9 / 255);
  expect_input_error([] { to_dataset(six_images(), 5); }, {"six", "downsampling factor 5"});
}

// [SECTION] Compact format --------------------------------------------------------------

TEST(CompactImageFormat, RoundTrip) {
  TempDir dir;
  const ImageSet s = six_images();
  write_image_set(s, dir.path("six.hqimg"));
  const ImageSet r = read_image_set(dir.path("six.hqimg"));
  EXPECT_EQ(r.name, "six");
  EXPECT_EQ(r.shape.height, 4);
  EXPECT_EQ(r.class_names, s.class_names);
  EXPECT_EQ(r.labels, s.labels);
  EXPECT_EQ(r.pixels, s.pixels);
  EXPECT_EQ(fs::file_size(dir.path("six.hqimg")), 8u + 20 + 4 + 3 + 4 * 5 + 6 + 96);
}

TEST(CompactImageFormat, ClearErrors) {
  const Bytes good = serialize_image_set(six_images());
  Bytes magic = good;
  magic[7] = '2';
  expect_input_error([&] { parse_image_set(magic, "m.hqimg"); }, {"m.hqimg", "HQNNIMG1"});
  Bytes cut(good.begin(), good.end() - 10);
  expect_input_error([&] { parse_image_set(cut, "c.hqimg"); }, {"c.hqimg", "truncated", "pixels"});
  Bytes extra = good;
  extra.push_back(0);
  expect_input_error([&] { parse_image_set(extra, "e.hqimg"); }, {"e.hqimg", "1 unexpected bytes"});
  Bytes label = good;
  label[good.size() - 96 - 6 + 2] = 4;  // the third label byte
  expect_input_error([&] { parse_image_set(label, "l.hqimg"); }, {"l.hqimg", "image 2", "label 4", "0..3"});
}

// [SECTION] Named datasets ----------------------------------------------------------------

namespace {

void expect_four_balanced_classes(const Dataset& d, Index per_class) {
  EXPECT_EQ(d.size(), 4 * per_class);
  EXPECT_EQ(d.class_count(), 4);
  EXPECT_EQ(d.image.height, 28);
  std::vector<Index> counts(4, 0);
  for (int label : d.labels) ++counts.at(static_cast<size_t>(label));
  for (Index c : counts) EXPECT_EQ(c, per_class);
  EXPECT_GE(d.features.minCoeff(), 0);
  EXPECT_LE(d.features.maxCoeff(), 1);
  EXPECT_GT(d.features.maxCoeff(), Real(0.99));  // real images use the full range
  EXPECT_NO_THROW(d.validate());
}

}  // namespace

TEST(NamedImageDatasets, CommittedMnistSubset) {
  const ImageData data = load_image_dataset("mnist-subset");
  expect_four_balanced_classes(data.train, 250);
  expect_four_balanced_classes(data.test, 100);
  EXPECT_EQ(data.train.class_names, (std::vector<std::string>{"0", "1", "2", "3"}));
  // MNIST digits are mostly black background: mean intensity ≈ 0.13
  EXPECT_NEAR(data.train.features.mean(), 0.13, 0.04);
}

TEST(NamedImageDatasets, CommittedFashionMnistSubset) {
  const ImageData data = load_image_dataset("fashion-mnist-subset");
  expect_four_balanced_classes(data.train, 250);
  expect_four_balanced_classes(data.test, 100);
  EXPECT_EQ(data.train.class_names[0], "T-shirt/top");
  EXPECT_EQ(data.train.class_names[3], "Dress");
  EXPECT_NE(data.source.find("committed subset"), std::string::npos);
}

TEST(NamedImageDatasets, SubsetClassesDownsamplingAndLimits) {
  ImageDatasetOptions o;
  o.classes = {3, 1};
  o.downsample = 2;
  o.train_per_class = 10;
  const ImageData data = load_image_dataset("mnist-subset", o);
  EXPECT_EQ(data.train.size(), 20);
  EXPECT_EQ(data.test.size(), 200);
  EXPECT_EQ(data.train.class_names, (std::vector<std::string>{"3", "1"}));
  EXPECT_EQ(data.train.feature_count(), 14 * 14);
  EXPECT_EQ(data.train.image.width, 14);
  o.classes = {0, 5};
  expect_input_error([&] { load_image_dataset("mnist-subset", o); }, {"mnist-subset", "0..3 only", "5"});
  expect_input_error([] { load_image_dataset("emnist"); }, {"unknown image dataset \"emnist\""});
  EXPECT_TRUE(is_image_dataset_name("cifar100:/tmp/x"));
  EXPECT_FALSE(is_image_dataset_name("iris"));
}

// The playground reads the subset files itself and makes the run's images with
// the same helper: the same samples, names and source, and the same class check.
TEST(NamedImageDatasets, SubsetFromSetsAlreadyReadIsTheNamedSubset) {
  ImageDatasetOptions o;
  o.classes = {2, 0};
  o.downsample = 2;
  o.train_per_class = 7;
  o.test_per_class = 3;
  const ImageSet train = read_image_set(image_subset_path("fashion-mnist-subset", true));
  const ImageSet test = read_image_set(image_subset_path("fashion-mnist-subset", false));
  const ImageData read = subset_image_data("fashion-mnist-subset", train, test, o);
  const ImageData named = load_image_dataset("fashion-mnist-subset", o);
  EXPECT_EQ(read.train.features, named.train.features);
  EXPECT_EQ(read.train.labels, named.train.labels);
  EXPECT_EQ(read.test.features, named.test.features);
  EXPECT_EQ(read.test.labels, named.test.labels);
  EXPECT_EQ(read.train.name, named.train.name);
  EXPECT_EQ(read.source, named.source);
  EXPECT_EQ(read.train.size(), 14);
  EXPECT_EQ(image_subset_file("mnist-subset", false), "mnist_subset_test.hqimg");
  o.classes = {1, 7};
  expect_input_error([&] { subset_image_data("fashion-mnist-subset", train, test, o); },
                     {"fashion-mnist-subset", "0..3 only", "7"});
}

TEST(NamedImageDatasets, FullFashionMnistTestSetOfClassesZeroToThree) {
  ImageDatasetOptions o;
  const std::string dir = o.fashion_mnist_dir;
  if (!fs::exists(dir + "/t10k-images-idx3-ubyte.gz")) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  if (!gzip_supported()) GTEST_SKIP() << "built without zlib";
  const ImageSet test = select_classes(read_idx(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz",
                                                {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                                                 "Shirt", "Sneaker", "Bag", "Ankle boot"},
                                                "fashion-mnist"),
                                       {0, 1, 2, 3});
  const Dataset d = to_dataset(test);
  expect_four_balanced_classes(d, 1000);
  // the committed subset's test images are the first 100 of each class of this file
  const ImageSet subset = read_image_set(image_subset_path("fashion-mnist-subset", false));
  const ImageSet first = take_per_class(test, 100);
  EXPECT_EQ(subset.labels, first.labels);
  EXPECT_EQ(subset.pixels, first.pixels);
}

TEST(NamedImageDatasets, FullFashionMnistByName) {
  ImageDatasetOptions o;
  if (!fs::exists(o.fashion_mnist_dir + "/train-images-idx3-ubyte.gz") || !gzip_supported())
    GTEST_SKIP() << "dataset-fashion-mnist is not installed or built without zlib";
  o.train_per_class = 50;
  const ImageData data = load_image_dataset("fashion-mnist", o);
  expect_four_balanced_classes(data.train, 50);
  expect_four_balanced_classes(data.test, 1000);
  EXPECT_NE(data.source.find("full set"), std::string::npos);
}

TEST(NamedImageDatasets, MnistUsesTheConvertedFullSetWhenPresentElseTheSubset) {
  TempDir dir;
  ImageDatasetOptions o;
  o.data_dir = dir.path("");
  const ImageData fallback = load_image_dataset("mnist", o);
  EXPECT_EQ(fallback.train.size(), 1000);
  EXPECT_NE(fallback.source.find("the full set is not installed"), std::string::npos);
  // a stand-in for the converted 10,000 digits: 3 images per digit
  ImageSet full;
  full.name = "mnist";
  full.shape = {1, 28, 28};
  for (int d = 0; d < 10; ++d) full.class_names.push_back(std::to_string(d));
  for (int i = 0; i < 30; ++i) full.labels.push_back(i % 10);
  full.pixels.assign(30 * 784, 200);
  write_image_set(full, full_mnist_path(true, o.data_dir));
  write_image_set(full, full_mnist_path(false, o.data_dir));
  o.classes = {};
  const ImageData data = load_image_dataset("mnist", o);
  EXPECT_EQ(data.train.size(), 30);
  EXPECT_EQ(data.train.class_count(), 10);
  EXPECT_EQ(data.train.name, "mnist");
  EXPECT_NE(data.source.find("mnist_train.hqimg"), std::string::npos);
  EXPECT_FLOAT_EQ(data.test.features(29, 783), Real(200) / 255);
}
