// The browser side of the playground: location.hash, a hidden <input type=file>,
// Blob downloads and window.hqnnStatus, through small EM_JS functions.
#include <emscripten.h>

#include <cstdlib>
#include <deque>

#include "core/input_error.hpp"
#include "imgui.h"
#include "platform.hpp"

namespace {
std::deque<hqnn::app::platform::OpenedFile> g_opened_files;
std::deque<hqnn::app::platform::Asset> g_assets;
}

// Called by the page's file input once a chosen file is read.
extern "C" EMSCRIPTEN_KEEPALIVE void hqnn_on_file_opened(int kind, const char* name, const char* text, int length) {
  g_opened_files.push_back({static_cast<hqnn::app::platform::FileKind>(kind), name, std::string(text, length)});
}

// Called by hqnn_js_fetch_asset with the file's bytes (error == nullptr) or a reason.
extern "C" EMSCRIPTEN_KEEPALIVE void hqnn_on_asset_loaded(const char* name, const uint8_t* bytes, int length,
                                                          const char* error) {
  hqnn::app::platform::Asset asset;
  asset.name = name;
  if (error)
    asset.error = error;
  else
    asset.bytes.assign(bytes, bytes + length);
  g_assets.push_back(std::move(asset));
}

// [SECTION] JavaScript -------------------------------------------------------------------

EM_JS(void, hqnn_js_init, (), {
  Module.hqnnHashChanged = false;
  Module.hqnnLastHash = window.location.hash;
  window.addEventListener('hashchange', function() {
    if (window.location.hash !== Module.hqnnLastHash) Module.hqnnHashChanged = true;
  });
});

EM_JS(char*, hqnn_js_get_hash, (), {
  var h = window.location.hash || '';
  var n = lengthBytesUTF8(h) + 1;
  var p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

EM_JS(void, hqnn_js_set_hash, (const char* hash), {
  var h = UTF8ToString(hash);
  Module.hqnnLastHash = h;
  if (window.location.hash !== h) history.replaceState(null, '', h);
});

EM_JS(int, hqnn_js_take_hash_change, (), {
  var changed = Module.hqnnHashChanged;
  Module.hqnnHashChanged = false;
  if (changed) Module.hqnnLastHash = window.location.hash;
  return changed ? 1 : 0;
});

// The file input lives in the page (web/index.html, id hqnn-file-input); its
// change handler is installed once, so a file set on it by any means (the
// picker, a test) reaches the app.
EM_JS(void, hqnn_js_install_file_input, (), {
  var input = document.getElementById('hqnn-file-input');
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.id = 'hqnn-file-input';
    input.style.display = 'none';
    document.body.appendChild(input);
  }
  if (!input.dataset.kind) input.dataset.kind = '0';
  input.addEventListener('change', function() {
    var file = input.files && input.files[0];
    if (!file) return;
    var kind = Number(input.dataset.kind);
    var reader = new FileReader();
    reader.onload = function() {
      var text = String(reader.result);
      var n = lengthBytesUTF8(text) + 1;
      var p = _malloc(n);
      stringToUTF8(text, p, n);
      var nameLen = lengthBytesUTF8(file.name) + 1;
      var q = _malloc(nameLen);
      stringToUTF8(file.name, q, nameLen);
      _hqnn_on_file_opened(kind, q, p, n - 1);
      _free(p);
      _free(q);
      input.value = '';
    };
    reader.readAsText(file);
  });
});

EM_JS(void, hqnn_js_open_file, (int kind, const char* accept), {
  var input = document.getElementById('hqnn-file-input');
  input.accept = UTF8ToString(accept);
  input.dataset.kind = String(kind);
  input.click();
});

EM_JS(void, hqnn_js_download, (const char* name, const char* mime, const char* data, int length), {
  // slice() copies out of the (possibly shared) wasm memory; Blob rejects shared views.
  var bytes = HEAPU8.slice(data, data + length);
  var blob = new Blob([bytes], {type: UTF8ToString(mime)});
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

// Fetches assets/<name> next to the page and hands the bytes to the app.
EM_JS(void, hqnn_js_fetch_asset, (const char* name_ptr), {
  var name = UTF8ToString(name_ptr);
  function deliver(bytes, error) {
    var n = lengthBytesUTF8(name) + 1, np = _malloc(n);
    stringToUTF8(name, np, n);
    var ep = 0, bp = 0, len = 0;
    if (error) {
      var m = lengthBytesUTF8(error) + 1;
      ep = _malloc(m);
      stringToUTF8(error, ep, m);
    } else {
      len = bytes.length;
      bp = _malloc(Math.max(1, len));
      HEAPU8.set(bytes, bp);
    }
    _hqnn_on_asset_loaded(np, bp, len, ep);
    _free(np);
    if (bp) _free(bp);
    if (ep) _free(ep);
  }
  fetch('assets/' + name)
    .then(function(r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.arrayBuffer();
    })
    .then(function(buffer) { deliver(new Uint8Array(buffer), null); })
    .catch(function(e) { deliver(null, 'assets/' + name + ': cannot download (' + e.message + ')'); });
});

// The page may refuse (no user gesture, no permission); the text box still shows the text.
EM_JS(void, hqnn_js_copy_to_clipboard, (const char* text), {
  var t = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(function() {});
});

EM_JS(void, hqnn_js_open_link, (const char* url), {
  window.open(UTF8ToString(url), "_blank", "noopener");
});

EM_JS(void, hqnn_js_set_status, (const char* json), {
  window.hqnnStatus = JSON.parse(UTF8ToString(json));
});

EM_JS(int, hqnn_js_cross_origin_isolated, (), { return self.crossOriginIsolated ? 1 : 0; });

EM_JS(double, hqnn_js_now, (), { return performance.now(); });

EM_JS(int, hqnn_js_inner_width, (), { return window.innerWidth; });
EM_JS(int, hqnn_js_inner_height, (), { return window.innerHeight; });

// [SECTION] platform.hpp ------------------------------------------------------------------

namespace hqnn::app::platform {

const char* build_name() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return "threaded";
#else
  return "single-threaded";
#endif
}

bool threads_available() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return true;
#else
  return false;  // std::thread would abort() in a build without -pthread
#endif
}

bool cross_origin_isolated() { return hqnn_js_cross_origin_isolated() != 0; }

void init(const std::vector<std::string>&) {
  hqnn_js_init();
  hqnn_js_install_file_input();
}

std::string read_hash() {
  char* p = hqnn_js_get_hash();
  std::string hash(p);
  std::free(p);
  return hash;
}

void write_hash(const std::string& hash) { hqnn_js_set_hash(hash.c_str()); }

bool take_hash_change(std::string& hash) {
  if (!hqnn_js_take_hash_change()) return false;
  hash = read_hash();
  return true;
}

bool has_file_picker() { return true; }

void open_file_picker(FileKind kind) {
  hqnn_js_open_file(static_cast<int>(kind), kind == FileKind::csv ? ".csv,.txt,text/csv" : ".json,application/json");
}

bool take_opened_file(OpenedFile& file) {
  if (g_opened_files.empty()) return false;
  file = std::move(g_opened_files.front());
  g_opened_files.pop_front();
  return true;
}

std::string read_text_file(const std::string& path) {
  throw InputError("the browser reads files through the file picker, not by path (" + path + ")");
}

void request_asset(const std::string& name) { hqnn_js_fetch_asset(name.c_str()); }

bool take_asset(Asset& asset) {
  if (g_assets.empty()) return false;
  asset = std::move(g_assets.front());
  g_assets.pop_front();
  return true;
}

std::string save_text(const std::string& filename, const std::string& text, const char* mime) {
  hqnn_js_download(filename.c_str(), mime, text.data(), static_cast<int>(text.size()));
  return "downloaded " + filename;
}

void copy_to_clipboard(const std::string& text) {
  ImGui::SetClipboardText(text.c_str());
  hqnn_js_copy_to_clipboard(text.c_str());
}

void open_link(const std::string& url) { hqnn_js_open_link(url.c_str()); }

void publish_status(const std::string& json) { hqnn_js_set_status(json.c_str()); }

void log_line(const std::string& line) { emscripten_log(EM_LOG_CONSOLE, "%s", line.c_str()); }

double now_ms() { return hqnn_js_now(); }

bool preferred_canvas_size(int& width, int& height) {
  width = hqnn_js_inner_width();
  height = hqnn_js_inner_height();
  return true;
}

}  // namespace hqnn::app::platform
