// The desktop side of the playground: settings from --hash, files by path,
// exports written to the working directory, status lines on stdout.
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>

#include "core/input_error.hpp"
#include "data/byte_file.hpp"
#include "imgui.h"
#include "platform.hpp"

namespace hqnn::app::platform {

namespace {
std::string g_hash;
bool g_print_status = false;
bool g_single_threaded = false;
std::deque<Asset> g_assets;
const auto g_start = std::chrono::steady_clock::now();
}  // namespace

const char* build_name() { return "desktop"; }
bool threads_available() { return !g_single_threaded; }
bool cross_origin_isolated() { return false; }

void init(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--hash" && i + 1 < args.size()) g_hash = args[++i];
    if (args[i] == "--status") g_print_status = true;
    if (args[i] == "--single-threaded") g_single_threaded = true;
  }
}

std::string read_hash() { return g_hash; }
void write_hash(const std::string& hash) { g_hash = hash; }
bool take_hash_change(std::string&) { return false; }

bool has_file_picker() { return false; }
void open_file_picker(FileKind) {}
bool take_opened_file(OpenedFile&) { return false; }

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void request_asset(const std::string& name) {
  Asset asset;
  asset.name = name;
  try {
    asset.bytes = read_file_bytes(std::string(HQNN_ASSETS_DIR) + "/" + name);
  } catch (const std::exception& e) {
    asset.error = e.what();
  }
  g_assets.push_back(std::move(asset));
}

bool take_asset(Asset& asset) {
  if (g_assets.empty()) return false;
  asset = std::move(g_assets.front());
  g_assets.pop_front();
  return true;
}

std::string save_text(const std::string& filename, const std::string& text, const char*) {
  std::ofstream out(filename, std::ios::binary);
  out << text;
  return out ? "wrote " + filename : "could not write " + filename;
}

void copy_to_clipboard(const std::string& text) { ImGui::SetClipboardText(text.c_str()); }

void open_link(const std::string& url) { std::printf("open in a browser: %s\n", url.c_str()), std::fflush(stdout); }

void publish_status(const std::string& json) {
  if (g_print_status) std::printf("hqnn-status %s\n", json.c_str()), std::fflush(stdout);
}

void log_line(const std::string& line) { std::printf("%s\n", line.c_str()), std::fflush(stdout); }

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_start).count();
}

bool preferred_canvas_size(int&, int&) { return false; }

}  // namespace hqnn::app::platform
