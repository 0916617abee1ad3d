// The guided lessons: a run (a link of the option table) and a short text
// each, in the order of the paper's argument. The texts live in
// assets/lessons.json, compiled in. #lesson=N opens lesson N (1-based); the
// key is a view key the app reads here, before the rest of the link. UI-free.
#pragma once

#include <string>
#include <vector>

namespace hqnn::app {

inline constexpr const char* kLessonKey = "lesson";  // the link key: #lesson=N

struct Lesson {
  std::string title;
  std::string link;                  // "#data=...&..." (run keys and view keys)
  bool qubit_view = false;           // open the state viewer's qubit view
  std::vector<std::string> text;     // paragraphs
};

// The lessons of assets/lessons.json (parsed once).
const std::vector<Lesson>& lessons();
// Parses a lessons file; throws InputError naming `source` and the field.
std::vector<Lesson> parse_lessons(const std::string& json_text, const std::string& source);

struct LessonLink {
  int lesson = 0;                    // 1..lessons().size(); 0: none
  std::string hash;                  // what to parse as the run and its view
  std::string error;                 // a bad lesson key, for the page's hash errors
};

// Takes lesson=N out of a hash or URL. A hash that has only view keys besides
// (e.g. #lesson=4&embed=1) gets the lesson's link with those view keys after
// it; a hash with run keys (what the app writes back while a lesson is open)
// is kept as it is.
LessonLink take_lesson_key(const std::string& hash);

// "&lesson=N" for the hash the app writes, empty for lesson 0.
std::string lesson_key(int lesson);

// Every link key of the playground's that is not a run option: the lesson's
// and the view rows' (url_state.hpp). hqnn train --link and Python leave them
// out of the run, and refuse any other key.
std::vector<std::string> view_link_keys();

}  // namespace hqnn::app
