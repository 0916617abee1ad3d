#include "lessons.hpp"

#include "core/dataset.hpp"
#include "core/json.hpp"
#include "core/settings/field_codecs.hpp"
#include "url_state.hpp"

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

// The lesson key is read before the rest: a link that names a lesson and only
// view keys opens the lesson's run with those views.
LessonLink take_lesson_key(const std::string& hash) {
  const size_t mark = hash.find('#');
  const std::string body = mark == std::string::npos ? hash : hash.substr(mark + 1);
  LessonLink out;
  std::string rest;
  bool only_view_keys = true, had_key = false;
  for (const auto& [key, value] : link_items(body)) {
    if (key != kLessonKey) {
      rest += (rest.empty() ? "" : "&") + url_encode(key) + "=" + url_encode(value);
      only_view_keys &= field_by_link_key(view_fields(), key) != nullptr;
      continue;
    }
    had_key = true;
    const int count = static_cast<int>(lessons().size());
    int n = 0;
    for (char c : value) n = (c >= '0' && c <= '9' && n < 1000) ? n * 10 + (c - '0') : -1;
    if (value.empty() || n < 0 || n > count)
      out.error = std::string(kLessonKey) + ": expected a lesson number in [1, " + std::to_string(count) + "] (0: none), got '" + value + "'";
    else
      out.lesson = n;
  }
  out.hash = "#" + rest;
  if (had_key && out.lesson > 0 && only_view_keys)
    out.hash = lessons()[out.lesson - 1].link + (rest.empty() ? "" : "&" + rest);
  return out;
}

std::vector<std::string> view_link_keys() {
  std::vector<std::string> keys = {kLessonKey};
  for (const auto& f : view_fields()) keys.push_back(f.hash_key);
  return keys;
}

std::string lesson_key(int lesson) { return lesson > 0 ? "&" + std::string(kLessonKey) + "=" + std::to_string(lesson) : ""; }

}  // namespace hqnn::app
