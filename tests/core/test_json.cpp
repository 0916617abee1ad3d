// The JSON reader and writer used for model files and --json output.
#include <gtest/gtest.h>

#include <cmath>

#include "core/input_error.hpp"
#include "core/json.hpp"

using namespace hqnn;

TEST(Json, ParsesAndWritesEveryType) {
  const Json j = Json::parse(R"({"a": [1, -2.5e3, true, false, null], "s": "x\"y\\\n\u00e9", "o": {}})");
  EXPECT_EQ(j.at("a")[1].as_number(), -2500.0);
  EXPECT_TRUE(j.at("a")[2].as_bool());
  EXPECT_TRUE(j.at("a")[4].is_null());
  EXPECT_EQ(j.at("s").as_string(), "x\"y\\\n\xC3\xA9");
  EXPECT_EQ(Json::parse(j.dump()).dump(), j.dump());
  EXPECT_EQ(Json::parse(j.dump(2)).dump(), j.dump());
}

TEST(Json, FloatsRoundTripExactly) {
  for (float f : {0.1f, -3.14159274f, 1e-30f, 123456.789f, 2.5f, std::nextafter(1.0f, 2.0f)}) {
    const Json j(f);
    EXPECT_EQ(static_cast<float>(Json::parse(j.dump()).as_number()), f);
  }
  for (double d : {0.1, 1.0 / 3.0, -2e-300}) EXPECT_EQ(Json::parse(Json(d).dump()).as_number(), d);
}

TEST(Json, NonFiniteNumbersAreWrittenAsNull) {
  Json a = Json::array();
  a.push(std::nan(""));
  a.push(INFINITY);
  EXPECT_EQ(a.dump(), "[null,null]");
}

TEST(Json, ErrorsGiveLineAndColumn) {
  const char* bad[] = {"{\"a\": }", "[1, 2", "{\"a\" 1}", "\"unterminated", "[1.]", "{} x", "[tru]", "\"\\q\""};
  for (const char* text : bad) {
    try {
      Json::parse(text, "state");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("state line 1, column"), std::string::npos) << e.what();
    }
  }
  try {
    Json::parse("{\n  \"a\": [1,\n  2,,]\n}", "f.json");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("f.json line 3"), std::string::npos) << e.what();
  }
}

TEST(Json, DeepNestingIsRefusedNotACrash) {
  EXPECT_THROW(Json::parse(std::string(100000, '[')), InputError);
}

TEST(Json, TypeMismatchNamesTheValue) {
  const Json j = Json::parse(R"({"layers": "two"})");
  try {
    j.at("layers").as_number("model.layers");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "model.layers: expected a number, found a string");
  }
}

TEST(Json, DuplicateKeysAreRefusedAndManyKeysParseQuickly) {
  EXPECT_THROW(Json::parse(R"({"a": 1, "a": 2})"), InputError);
  std::string text = "{";
  for (int i = 0; i < 200000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  text += "}";
  EXPECT_EQ(Json::parse(text).size(), 200000u);  // quadratic parsing would take minutes here
}
