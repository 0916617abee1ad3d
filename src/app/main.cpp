// The playground's entry point: a GLFW window with an OpenGL 3 (desktop) or
// WebGL2 (browser) context, Dear ImGui, and the App. The main loop is a
// while-loop on the desktop and requestAnimationFrame in the browser.
//
// Desktop flags:
//   --hash "#model=qrfnn&play=1"   settings, as in the web page's address
//   --frames N                     quit after N frames
//   --screenshot out.ppm           with --frames: write the last frame (PPM)
//   --status                       print the status JSON on stdout
//   --single-threaded              train between frames, as the single-threaded web build does
#ifdef __EMSCRIPTEN__
#  define GLFW_INCLUDE_ES3  // emscripten's glfw3.h then includes <GLES3/gl3.h>
#  include <emscripten.h>
#endif
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "app.hpp"
#include "core/thread_pool.hpp"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace {

struct MainLoop {
  GLFWwindow* window = nullptr;
  std::unique_ptr<hqnn::app::App> app;
  long frame = 0, max_frames = -1;
  std::string screenshot;
};
MainLoop g_loop;

// Writes the back buffer as a binary PPM (rows flipped: GL's origin is the bottom left).
bool write_ppm(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(size_t(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  std::fprintf(f, "P6\n%d %d\n255\n", width, height);
  for (int y = height - 1; y >= 0; --y) std::fwrite(&pixels[size_t(y) * width * 3], 1, size_t(width) * 3, f);
  return std::fclose(f) == 0;
}

void frame() {
  using Clock = std::chrono::steady_clock;
  int canvas_w = 0, canvas_h = 0;
  if (hqnn::app::platform::preferred_canvas_size(canvas_w, canvas_h)) {
    int w = 0, h = 0;
    glfwGetWindowSize(g_loop.window, &w, &h);
    if ((w != canvas_w || h != canvas_h) && canvas_w > 0 && canvas_h > 0)
      glfwSetWindowSize(g_loop.window, canvas_w, canvas_h);
  }
#ifdef __EMSCRIPTEN__
  // While a run trains on its own threads and the page draws slowly, fewer frames (frame_pacer.hpp).
  if (!g_loop.app->pacer.should_draw(hqnn::app::platform::now_ms(), g_loop.app->training_on_own_threads())) return;
#endif
  glfwPollEvents();
  const Clock::time_point start = Clock::now();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  g_loop.app->frame(display.x, display.y);
  ImGui::Render();
  const double ui_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(g_loop.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.08f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  g_loop.app->record_frame_time(ui_ms, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  ++g_loop.frame;
  if (g_loop.max_frames > 0 && g_loop.frame >= g_loop.max_frames && !g_loop.screenshot.empty()) {
    if (!write_ppm(g_loop.screenshot, fb_w, fb_h)) std::fprintf(stderr, "cannot write %s\n", g_loop.screenshot.c_str());
  }
#ifndef __EMSCRIPTEN__
  glfwSwapBuffers(g_loop.window);
#endif
}

#ifdef __EMSCRIPTEN__
// Any input or resize: every frame for a moment (FramePacer). Dear ImGui's GLFW
// backend, initialised after these, calls them before its own.
void note_input() {
  if (g_loop.app) g_loop.app->pacer.input(hqnn::app::platform::now_ms());
}
void install_input_callbacks(GLFWwindow* window) {
  glfwSetCursorPosCallback(window, [](GLFWwindow*, double, double) { note_input(); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow*, int, int, int) { note_input(); });
  glfwSetScrollCallback(window, [](GLFWwindow*, double, double) { note_input(); });
  glfwSetKeyCallback(window, [](GLFWwindow*, int, int, int, int) { note_input(); });
  glfwSetCharCallback(window, [](GLFWwindow*, unsigned int) { note_input(); });
  glfwSetWindowSizeCallback(window, [](GLFWwindow*, int, int) { note_input(); });
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const double main_ms = hqnn::app::platform::now_ms();
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--frames" && i + 1 < args.size()) g_loop.max_frames = std::atol(args[++i].c_str());
    if (args[i] == "--screenshot" && i + 1 < args.size()) g_loop.screenshot = args[++i];
  }
  if (!glfwInit()) {
    std::fprintf(stderr, "hqnn_playground: cannot initialise GLFW (no display?)\n");
    return 1;
  }
#ifdef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const char* glsl_version = "#version 300 es";
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const char* glsl_version = "#version 130";
#endif
  g_loop.window = glfwCreateWindow(1280, 800, "hqnn playground", nullptr, nullptr);
  if (!g_loop.window) {
    std::fprintf(stderr, "hqnn_playground: cannot create an OpenGL 3 window\n");
    return 1;
  }
  glfwMakeContextCurrent(g_loop.window);
#ifndef __EMSCRIPTEN__
  glfwSwapInterval(g_loop.max_frames > 0 ? 0 : 1);
#endif
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui::GetStyle().WindowRounding = 0;
#ifdef __EMSCRIPTEN__
  install_input_callbacks(g_loop.window);
#endif
  ImGui_ImplGlfw_InitForOpenGL(g_loop.window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);

  hqnn::app::platform::init(args);
  // Training runs on threads of its own, whose trainers borrow this pool: a
  // threaded WebAssembly build can start the pool's threads only from here.
  if (hqnn::app::platform::threads_available()) hqnn::start_shared_thread_pool(0);
  g_loop.app = std::make_unique<hqnn::app::App>();
  g_loop.app->set_startup_ms(main_ms);
  hqnn::app::platform::log_line(std::string("[hqnn] playground ready (") + hqnn::app::platform::build_name() +
                                " build)");
#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop(frame, 0, 1);
#else
  while (!glfwWindowShouldClose(g_loop.window) && (g_loop.max_frames <= 0 || g_loop.frame < g_loop.max_frames))
    frame();
  g_loop.app.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(g_loop.window);
  glfwTerminate();
#endif
  return 0;
}
