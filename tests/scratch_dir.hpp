// Scratch files of the tests: one folder per test process under the system's
// temporary directory (<tmp>/hqnn_test_<pid>_<random>), made when first asked
// for and removed when the process ends, so that two checkouts (or two test
// programs) testing at once never read or clear each other's files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>

namespace hqnn::testing {

// This process's own folder (created_directory succeeds for one process only).
inline const std::filesystem::path& scratch_root() {
  struct Root {
    std::filesystem::path path;
    Root() {
      std::random_device random;
      const std::filesystem::path tmp = std::filesystem::temp_directory_path();
      for (int attempt = 0; attempt < 100 && path.empty(); ++attempt) {
        const std::filesystem::path p =
            tmp / ("hqnn_test_" + std::to_string(::getpid()) + "_" + std::to_string(random() % 1000000));
        std::error_code ec;
        if (std::filesystem::create_directory(p, ec)) path = p;
      }
      if (path.empty()) throw std::runtime_error("cannot make a scratch folder in " + tmp.string());
    }
    ~Root() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Root root;
  return root.path;
}

// <scratch_root>/<name>, emptied and not created (the code under test makes it).
inline std::filesystem::path scratch_dir(const std::string& name) {
  const std::filesystem::path p = scratch_root() / name;
  std::filesystem::remove_all(p);
  return p;
}

// <scratch_root>/<name>, created if missing.
inline std::filesystem::path scratch_folder(const std::string& name) {
  const std::filesystem::path p = scratch_root() / name;
  std::filesystem::create_directories(p);
  return p;
}

// A file's path in this process's folder, as text.
inline std::string scratch_file(const std::string& name) { return (scratch_root() / name).string(); }

}  // namespace hqnn::testing
