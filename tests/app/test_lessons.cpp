// The guided lessons: every lesson's link is a valid run the playground can
// show, and the lesson key chooses, keeps and reports lessons as documented.
#include <gtest/gtest.h>

#include <algorithm>

#include "../bad_input_catalogue.hpp"
#include "core/dataset.hpp"
#include "lessons.hpp"
#include "run/options/option_table.hpp"
#include "url_state.hpp"

namespace hqnn::app {
namespace {

TEST(Lessons, SixLessonsEachWithATitleAndText) {
  ASSERT_EQ(lessons().size(), 6u);
  for (const Lesson& l : lessons()) {
    EXPECT_FALSE(l.title.empty());
    EXPECT_FALSE(l.text.empty()) << l.title;
    for (const std::string& p : l.text)
      EXPECT_TRUE(std::all_of(p.begin(), p.end(), [](char c) { return c >= 32 && c < 127; }))
          << l.title << ": the playground's font draws ASCII only";
  }
}

TEST(Lessons, EveryLessonLinkParsesWithoutErrorsAndNamesAValidRun) {
  const auto& names = playground_dataset_names();
  for (const Lesson& l : lessons()) {
    const run::ParsedLink link = run::parse_link(l.link);
    EXPECT_TRUE(link.errors.empty()) << l.title << ": " << (link.errors.empty() ? "" : link.errors[0]);
    for (const auto& [key, value] : link.other) {
      const std::vector<std::string> view = view_link_keys();
      EXPECT_NE(std::find(view.begin(), view.end(), key), view.end()) << l.title << ": unknown key " << key;
    }
    EXPECT_NO_THROW(run::validate(link.spec)) << l.title;
    const ParsedHash parsed = parse_hash(l.link);
    EXPECT_TRUE(parsed.errors.empty()) << l.title << ": " << (parsed.errors.empty() ? "" : parsed.errors[0]);
    EXPECT_NE(std::find(names.begin(), names.end(), parsed.settings.dataset()), names.end()) << l.title;
    EXPECT_TRUE(parsed.settings.autoplay) << l.title << ": a lesson starts training when opened";
  }
}

TEST(Lessons, TheQubitLessonIsAHybridOnMoreThanTwoQubits) {
  const Lesson& l = lessons()[3];
  EXPECT_TRUE(l.qubit_view);
  const run::ParsedLink link = run::parse_link(l.link);
  EXPECT_TRUE(is_hybrid(link.spec.model.kind));
  EXPECT_GT(link.spec.model.width, 4);
}

TEST(LessonKey, LessonAloneOpensTheLessonRun) {
  const LessonLink l = take_lesson_key("#lesson=4");
  EXPECT_EQ(l.lesson, 4);
  EXPECT_TRUE(l.error.empty());
  EXPECT_EQ(l.hash, lessons()[3].link);
}

TEST(LessonKey, ViewKeysBesideTheLessonApplyToItsRun) {
  const LessonLink l = take_lesson_key("https://example.org/hqnn/#lesson=4&embed=1&panels=lesson,state");
  ASSERT_EQ(l.lesson, 4);
  const ParsedHash parsed = parse_hash(l.hash);
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(parsed.settings.embed);
  EXPECT_EQ(parsed.settings.panels, (std::vector<std::string>{"lesson", "state"}));
  EXPECT_EQ(parsed.settings.run.model.kind, run::parse_link(lessons()[3].link).spec.model.kind);
}

TEST(LessonKey, TheHashTheAppWritesReadsBackAsTheSameRunAndLesson) {
  PlaygroundSettings s = parse_hash(lessons()[1].link).settings;
  s.run.model.layers = 3;  // the student changed the lesson's run
  const LessonLink l = take_lesson_key(to_hash(s) + lesson_key(2));
  EXPECT_EQ(l.lesson, 2);
  EXPECT_TRUE(same_settings(parse_hash(l.hash).settings, s));
  EXPECT_EQ(lesson_key(0), "");
}

TEST(LessonKey, BadLessonNumbersAreReportedAndIgnored) {
  for (const char* bad : {"#lesson=7", "#lesson=x", "#lesson=", "#lesson=-1", "#model=qdfnn&lesson=99999999999"}) {
    const LessonLink l = take_lesson_key(bad);
    EXPECT_EQ(l.lesson, 0) << bad;
    EXPECT_NE(l.error.find("expected a lesson number in [1, 6]"), std::string::npos) << bad << ": " << l.error;
  }
  EXPECT_EQ(take_lesson_key("#model=qdfnn&lesson=7").hash, "#model=qdfnn");
  testing::expect_catalogued(take_lesson_key("#lesson=7").error,
                             "lesson: expected a lesson number in [1, 6] (0: none), got '7'");
  EXPECT_EQ(take_lesson_key("#model=qdfnn").lesson, 0);
}

TEST(LessonFile, AMissingFieldNamesTheLesson) {
  try {
    parse_lessons(R"({"lessons": [{"title": "a", "link": "#model=qdfnn", "text": ["t"]}, {"title": "b", "text": []}]})",
                  "lessons.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("lesson 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("link"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_lessons(R"({"lessons": [{"title": "a", "link": "model=qdfnn", "text": []}]})", "f"), InputError);
}

}  // namespace
}  // namespace hqnn::app
