// The open guided lesson (lessons.hpp): its text, and Back / Next, which load
// the neighbouring lesson's run. The student may change the run; "Restart"
// loads the lesson's own run again.
#include <string>

#include "app.hpp"
#include "imgui.h"
#include "lessons.hpp"
#include "palette.hpp"
#include "panels.hpp"

namespace hqnn::app {

void draw_lesson_panel(App& app) {
  const std::vector<Lesson>& all = lessons();
  const int count = static_cast<int>(all.size());
  if (app.lesson < 1 || app.lesson > count) return;
  const Lesson& l = all[app.lesson - 1];
  ImGui::BeginDisabled(app.lesson <= 1);
  if (ImGui::Button("< Back")) app.open_lesson(app.lesson - 1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(app.lesson >= count);
  if (ImGui::Button("Next >")) app.open_lesson(app.lesson + 1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Restart")) app.open_lesson(app.lesson);
  ImGui::SameLine();
  if (ImGui::SmallButton("close")) app.open_lesson(0);
  ImGui::Text("Lesson %d of %d", app.lesson, count);
  ImGui::Separator();
  ImGui::BeginChild("##lesson-text");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(colour_vec4(Colour::heading), "%s", l.title.c_str());
  for (const std::string& p : l.text) {
    ImGui::Spacing();
    ImGui::TextUnformatted(p.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace hqnn::app
