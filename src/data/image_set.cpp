#include "image_set.hpp"

#include <algorithm>
#include <cstring>

#include "byte_file.hpp"
#include "core/whole_file.hpp"

namespace hqnn {

// [SECTION] Class subsets, per-class limits, conversion to a Dataset -------------------------

ImageSet select_classes(const ImageSet& images, const std::vector<int>& classes) {
  if (classes.empty()) return images;
  const int available = static_cast<int>(images.class_names.size());
  std::vector<int> new_label(static_cast<size_t>(available), -1);
  ImageSet out;
  out.name = images.name;
  out.shape = images.shape;
  for (size_t k = 0; k < classes.size(); ++k) {
    const int c = classes[k];
    if (c < 0 || c >= available)
      throw InputError(images.name + ": class " + std::to_string(c) + " does not exist (classes are 0.." +
                       std::to_string(available - 1) + ")");
    if (new_label[static_cast<size_t>(c)] >= 0)
      throw InputError(images.name + ": class " + std::to_string(c) + " is listed twice");
    new_label[static_cast<size_t>(c)] = static_cast<int>(k);
    out.class_names.push_back(images.class_names[static_cast<size_t>(c)]);
  }
  const size_t n = images.pixels_per_image();
  for (size_t i = 0; i < images.size(); ++i) {
    const int label = new_label[static_cast<size_t>(images.labels[i])];
    if (label < 0) continue;
    out.labels.push_back(label);
    out.pixels.insert(out.pixels.end(), images.image(i), images.image(i) + n);
  }
  return out;
}

ImageSet take_per_class(const ImageSet& images, size_t per_class) {
  if (per_class == 0) return images;
  ImageSet out;
  out.name = images.name;
  out.shape = images.shape;
  out.class_names = images.class_names;
  std::vector<size_t> taken(images.class_names.size(), 0);
  const size_t n = images.pixels_per_image();
  for (size_t i = 0; i < images.size(); ++i) {
    size_t& t = taken[static_cast<size_t>(images.labels[i])];
    if (t == per_class) continue;
    ++t;
    out.labels.push_back(images.labels[i]);
    out.pixels.insert(out.pixels.end(), images.image(i), images.image(i) + n);
  }
  return out;
}

Dataset to_dataset(const ImageSet& images, int factor) {
  const ImageShape in = images.shape;
  if (factor < 1 || factor > in.height || factor > in.width)
    throw InputError(images.name + ": downsampling factor " + std::to_string(factor) + " does not fit " +
                     std::to_string(in.height) + "x" + std::to_string(in.width) + " images");
  Dataset data;
  data.name = images.name;
  data.class_names = images.class_names;
  data.labels = images.labels;
  data.image = {in.channels, in.height / factor, in.width / factor};
  const ImageShape out = data.image;
  const Index count = static_cast<Index>(images.size());
  data.features.resize(count, out.size());
  const Real scale = Real(1) / (Real(255) * Real(factor * factor));
  // Blocks of images, then column by column: the block's source rows stay in
  // cache while each column (one output pixel) is written contiguously.
  constexpr Index kBlock = 64;
  for (Index i0 = 0; i0 < count; i0 += kBlock) {
    const Index i1 = std::min(count, i0 + kBlock);
    for (int c = 0; c < out.channels; ++c)
      for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
          Real* dst = data.features.col((Index(c) * out.height + y) * out.width + x).data();
          const size_t first = (size_t(c) * in.height + size_t(y) * factor) * in.width + size_t(x) * factor;
          for (Index i = i0; i < i1; ++i) {
            const uint8_t* block = images.image(static_cast<size_t>(i)) + first;
            unsigned sum = 0;
            for (int dy = 0; dy < factor; ++dy)
              for (int dx = 0; dx < factor; ++dx) sum += block[dy * in.width + dx];
            dst[i] = Real(sum) * scale;
          }
        }
  }
  data.feature_names.reserve(static_cast<size_t>(out.size()));
  for (int c = 0; c < out.channels; ++c)
    for (int y = 0; y < out.height; ++y)
      for (int x = 0; x < out.width; ++x)
        data.feature_names.push_back((out.channels > 1 ? "c" + std::to_string(c) + "_" : std::string()) + "y" +
                                     std::to_string(y) + "_x" + std::to_string(x));
  return data;
}

// [SECTION] The compact format (.hqimg) ------------------------------------------------------

namespace {

constexpr char kMagic[8] = {'H', 'Q', 'N', 'N', 'I', 'M', 'G', '1'};

// A bounds-checked reader whose errors name the source and the field.
class ByteCursor {
 public:
  ByteCursor(const std::vector<uint8_t>& bytes, const std::string& what) : bytes_(bytes), what_(what) {}
  const uint8_t* take(uint64_t n, const char* field) {
    if (n > bytes_.size() - pos_)
      throw InputError(what_ + ": truncated: " + field + " needs " + std::to_string(n) + " bytes at offset " +
                       std::to_string(pos_) + ", but the file has " + std::to_string(bytes_.size()) + " bytes");
    const uint8_t* p = bytes_.data() + pos_;
    pos_ += static_cast<size_t>(n);
    return p;
  }
  uint32_t u32(const char* field) { return read_u32_le(take(4, field)); }
  std::string text(const char* field) {
    const uint32_t length = u32(field);
    if (length > 4096) throw InputError(what_ + ": " + field + " is " + std::to_string(length) + " bytes long");
    const uint8_t* p = take(length, field);
    return std::string(reinterpret_cast<const char*>(p), length);
  }
  size_t remaining() const { return bytes_.size() - pos_; }

 private:
  const std::vector<uint8_t>& bytes_;
  const std::string& what_;
  size_t pos_ = 0;
};

void put_u32(std::vector<uint8_t>& out, uint64_t value) {
  for (int k = 0; k < 4; ++k) out.push_back(static_cast<uint8_t>(value >> (8 * k)));
}

void put_text(std::vector<uint8_t>& out, const std::string& text) {
  put_u32(out, text.size());
  out.insert(out.end(), text.begin(), text.end());
}

}  // namespace

ImageSet parse_image_set(const std::vector<uint8_t>& bytes, const std::string& what) {
  ByteCursor in(bytes, what);
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw InputError(what + ": not an hqnn image file (it does not start with \"HQNNIMG1\")");
  in.take(sizeof kMagic, "magic");
  ImageSet images;
  const uint32_t count = in.u32("image count");
  images.shape.channels = static_cast<int>(in.u32("channels"));
  images.shape.height = static_cast<int>(in.u32("height"));
  images.shape.width = static_cast<int>(in.u32("width"));
  const uint32_t classes = in.u32("class count");
  const ImageShape& s = images.shape;
  if (s.channels < 1 || s.channels > 4 || s.height < 1 || s.height > 4096 || s.width < 1 || s.width > 4096)
    throw InputError(what + ": implausible image shape " + std::to_string(s.channels) + "x" +
                     std::to_string(s.height) + "x" + std::to_string(s.width));
  if (classes < 1 || classes > 256)
    throw InputError(what + ": class count " + std::to_string(classes) + " is outside 1..256");
  images.name = in.text("dataset name");
  for (uint32_t k = 0; k < classes; ++k) images.class_names.push_back(in.text("class name"));
  const uint8_t* labels = in.take(count, "labels");
  images.labels.assign(labels, labels + count);
  for (uint32_t i = 0; i < count; ++i)
    if (static_cast<uint32_t>(images.labels[i]) >= classes)
      throw InputError(what + ": image " + std::to_string(i) + " has label " + std::to_string(images.labels[i]) +
                       ", outside 0.." + std::to_string(classes - 1));
  const uint64_t pixel_bytes = uint64_t(count) * static_cast<uint64_t>(s.size());
  const uint8_t* pixels = in.take(pixel_bytes, "pixels");
  images.pixels.assign(pixels, pixels + pixel_bytes);
  if (in.remaining() != 0)
    throw InputError(what + ": " + std::to_string(in.remaining()) + " unexpected bytes after the pixels");
  return images;
}

ImageSet read_image_set(const std::string& path) { return parse_image_set(read_file_bytes(path), path); }

std::vector<uint8_t> serialize_image_set(const ImageSet& images) {
  if (images.class_names.empty() || images.class_names.size() > 256)
    throw InputError(images.name + ": the compact image format holds 1..256 classes, not " +
                     std::to_string(images.class_names.size()));
  if (images.pixels.size() != images.size() * images.pixels_per_image())
    throw InputError(images.name + ": " + std::to_string(images.pixels.size()) + " pixel bytes for " +
                     std::to_string(images.size()) + " images");
  std::vector<uint8_t> out(kMagic, kMagic + sizeof kMagic);
  put_u32(out, images.size());
  put_u32(out, static_cast<uint64_t>(images.shape.channels));
  put_u32(out, static_cast<uint64_t>(images.shape.height));
  put_u32(out, static_cast<uint64_t>(images.shape.width));
  put_u32(out, images.class_names.size());
  put_text(out, images.name);
  for (const std::string& name : images.class_names) put_text(out, name);
  for (size_t i = 0; i < images.size(); ++i) {
    const int label = images.labels[i];
    if (label < 0 || label >= static_cast<int>(images.class_names.size()))
      throw InputError(images.name + ": image " + std::to_string(i) + " has label " + std::to_string(label) +
                       ", outside 0.." + std::to_string(images.class_names.size() - 1));
    out.push_back(static_cast<uint8_t>(label));
  }
  out.insert(out.end(), images.pixels.begin(), images.pixels.end());
  return out;
}

void write_image_set(const ImageSet& images, const std::string& path) {
  const std::vector<uint8_t> bytes = serialize_image_set(images);
  write_whole_file(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace hqnn
