#include "lessons.hpp"

#include <algorithm>

#include "core/dataset.hpp"
#include "core/json.hpp"
#include "run/options/option_table.hpp"

namespace hqnn {
const char* lessons_json_text();  // assets/lessons.json, compiled in (src/app/CMakeLists.txt)
}

namespace hqnn::app {

std::vector<Lesson> parse_lessons(const std::string& json_text, const std::string& source) {
  const Json root = Json::parse(json_text, source);
  std::vector<Lesson> out;
  for (const Json& item : root.at("lessons", source).items(source + ": lessons")) {
    const std::string where = source + ": lesson " + std::to_string(out.size() + 1);
    Lesson lesson;
    lesson.title = item.at("title", where).as_string(where + ": title");
    lesson.link = item.at("link", where).as_string(where + ": link");
    if (const Json* q = item.get("qubit_view")) lesson.qubit_view = q->as_bool(where + ": qubit_view");
    for (const Json& p : item.at("text", where).items(where + ": text"))
      lesson.text.push_back(p.as_string(where + ": text"));
    if (lesson.link.empty() || lesson.link[0] != '#') throw InputError(where + ": link must start with '#'");
    out.push_back(std::move(lesson));
  }
  return out;
}

const std::vector<Lesson>& lessons() {
  static const std::vector<Lesson> all = parse_lessons(lessons_json_text(), "assets/lessons.json");
  return all;
}

static std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(separator, start), text.size());
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

LessonLink take_lesson_key(const std::string& hash) {
  const size_t mark = hash.find('#');
  const std::string body = mark == std::string::npos ? hash : hash.substr(mark + 1);
  LessonLink out;
  std::string rest;
  bool only_view_keys = true, had_key = false;
  const std::vector<std::string>& view_keys = run::link_view_keys();
  for (const std::string& field : split(body, '&')) {
    const std::string key = field.substr(0, field.find('='));
    if (key != "lesson") {
      rest += (rest.empty() ? "" : "&") + field;
      only_view_keys &= std::find(view_keys.begin(), view_keys.end(), key) != view_keys.end();
      continue;
    }
    had_key = true;
    const std::string value = field.size() > key.size() ? field.substr(key.size() + 1) : "";
    const int count = static_cast<int>(lessons().size());
    int n = 0;
    for (char c : value) n = (c >= '0' && c <= '9' && n < 1000) ? n * 10 + (c - '0') : -1;
    if (value.empty() || n < 0 || n > count)
      out.error = "lesson: expected a lesson number in [1, " + std::to_string(count) + "] (0: none), got '" + value + "'";
    else
      out.lesson = n;
  }
  out.hash = "#" + rest;
  if (had_key && out.lesson > 0 && only_view_keys)
    out.hash = lessons()[out.lesson - 1].link + (rest.empty() ? "" : "&" + rest);
  return out;
}

std::string lesson_key(int lesson) { return lesson > 0 ? "&lesson=" + std::to_string(lesson) : ""; }

}  // namespace hqnn::app
