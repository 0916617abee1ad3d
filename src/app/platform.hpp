// The thin layer between the app and where it runs: the browser page
// (platform_web.cpp) or the desktop (platform_desktop.cpp). Everything else in
// src/app is shared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hqnn::app::platform {

enum class FileKind { csv, model };

struct OpenedFile {
  FileKind kind;
  std::string name, text;
};

// "threaded" / "single-threaded" (web) or "desktop".
const char* build_name();
bool threads_available();
bool cross_origin_isolated();

// Called once after the window exists; `args` are the command-line arguments (desktop).
void init(const std::vector<std::string>& args);

// The settings hash: the page's location.hash, or --hash on the desktop.
std::string read_hash();
void write_hash(const std::string& hash);         // without adding a history entry
bool take_hash_change(std::string& hash);         // the user edited the address bar

// The browser opens a file picker and delivers the file later through
// take_opened_file(); the desktop has no picker (the panels show a path field).
bool has_file_picker();
void open_file_picker(FileKind kind);
bool take_opened_file(OpenedFile& file);
// Reads a file from a path (desktop); throws InputError with the reason.
std::string read_text_file(const std::string& path);

// Data files shipped with the app (the image subsets, assets/*.hqimg): fetched
// from the site's assets/ folder (web) or read from the source tree's assets/
// (desktop). Each request is answered once through take_asset(), with the bytes
// or an error.
struct Asset {
  std::string name;
  std::vector<uint8_t> bytes;
  std::string error;                               // empty on success
};
void request_asset(const std::string& name);
bool take_asset(Asset& asset);

// Offers text as a download (web) or writes it to the working directory
// (desktop). Returns a line for the status bar.
std::string save_text(const std::string& filename, const std::string& text, const char* mime);

// Puts text on the clipboard: ImGui's (the GLFW window's on the desktop) and,
// in the browser, the system clipboard through navigator.clipboard.
void copy_to_clipboard(const std::string& text);

// Opens an outside link (e.g. Quirk): a new tab in the browser, a line on
// stdout on the desktop. Nothing in the app depends on it.
void open_link(const std::string& url);

// Publishes the app's status as JSON: window.hqnnStatus on the web, a line on
// stdout on the desktop (with --status).
void publish_status(const std::string& json);
void log_line(const std::string& line);            // console / stdout

// Milliseconds since the page navigation (web) or program start (desktop).
double now_ms();
// The size the canvas should have (web: the window's inner size); false when
// the platform sizes the window itself.
bool preferred_canvas_size(int& width, int& height);

}  // namespace hqnn::app::platform
