#include "idx_loader.hpp"

#include <cstdio>
#include <utility>

#include "byte_file.hpp"

namespace hqnn {

namespace {

constexpr uint32_t kImageMagic = 0x00000803, kLabelMagic = 0x00000801;

std::string hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", value);
  return text;
}

// Checks the magic number, then that the file holds a header of
// `header_bytes` and exactly the `body_bytes` it announces; returns the body.
// `body_bytes` reads the counts from the header once its size is known.
template <typename BodyBytes>
const uint8_t* check_idx(const std::vector<uint8_t>& bytes, const std::string& path, uint32_t magic,
                         const char* kind, size_t header_bytes, BodyBytes body_bytes) {
  if (bytes.size() < 4)
    throw InputError(path + ": truncated: " + std::to_string(bytes.size()) + " bytes, too short for an IDX file");
  const uint32_t found = read_u32_be(bytes.data());
  if (found != magic)
    throw InputError(path + ": wrong magic number " + hex(found) + " for an IDX " + kind + " file (expected " +
                     hex(magic) + ")");
  if (bytes.size() < header_bytes)
    throw InputError(path + ": truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the " +
                     std::to_string(header_bytes) + "-byte IDX header");
  const uint64_t body = body_bytes();
  if (bytes.size() < header_bytes + body)
    throw InputError(path + ": truncated: the header announces " + std::to_string(header_bytes + body) +
                     " bytes, the file has " + std::to_string(bytes.size()));
  if (bytes.size() > header_bytes + body)
    throw InputError(path + ": " + std::to_string(bytes.size() - header_bytes - body) +
                     " unexpected bytes after the " + kind + "s");
  return bytes.data() + header_bytes;
}

}  // namespace

ImageSet parse_idx(std::vector<uint8_t> image_bytes, const std::string& images_path,
                   const std::vector<uint8_t>& label_bytes, const std::string& labels_path,
                   const std::vector<std::string>& class_names, const std::string& name) {
  if (class_names.empty()) throw InputError(name + ": no class names given for " + labels_path);
  uint32_t count = 0, rows = 0, cols = 0;
  check_idx(image_bytes, images_path, kImageMagic, "image", 16, [&] {
    count = read_u32_be(&image_bytes[4]);
    rows = read_u32_be(&image_bytes[8]);
    cols = read_u32_be(&image_bytes[12]);
    if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
      throw InputError(images_path + ": implausible image size " + std::to_string(rows) + "x" + std::to_string(cols));
    return uint64_t(count) * rows * cols;
  });

  uint32_t label_count = 0;
  const uint8_t* labels = check_idx(label_bytes, labels_path, kLabelMagic, "label", 8, [&] {
    label_count = read_u32_be(&label_bytes[4]);
    return uint64_t(label_count);
  });
  if (label_count != count)
    throw InputError(labels_path + ": " + std::to_string(label_count) + " labels for the " + std::to_string(count) +
                     " images of " + images_path);

  ImageSet images;
  images.name = name;
  images.shape = {1, static_cast<int>(rows), static_cast<int>(cols)};
  images.class_names = class_names;
  images.labels.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (labels[i] >= class_names.size())
      throw InputError(labels_path + ": label " + std::to_string(labels[i]) + " of image " + std::to_string(i) +
                       " is out of range 0.." + std::to_string(class_names.size() - 1));
    images.labels[i] = labels[i];
  }
  // the pixels are the file minus its header: move them rather than copy 47 MB
  image_bytes.erase(image_bytes.begin(), image_bytes.begin() + 16);
  images.pixels = std::move(image_bytes);
  return images;
}

ImageSet read_idx(const std::string& images_path, const std::string& labels_path,
                  const std::vector<std::string>& class_names, const std::string& name) {
  if (class_names.empty()) throw InputError(name + ": no class names given for " + labels_path);
  std::vector<uint8_t> images = read_file_bytes(images_path);
  return parse_idx(std::move(images), images_path, read_file_bytes(labels_path), labels_path, class_names, name);
}

Dataset load_idx_dataset(const std::string& images_path, const std::string& labels_path,
                         const std::vector<std::string>& class_names, const std::string& name) {
  return to_dataset(read_idx(images_path, labels_path, class_names, name));
}

}  // namespace hqnn
