// The value codec (core/settings/option_value.hpp), through the run's surfaces: a number's range is checked
// before anything converts it, whichever surface gives it; choice words are
// written once and the messages come from them.
#include <gtest/gtest.h>

#include "../../bad_input_catalogue.hpp"
#include "core/json.hpp"
#include "run/options/option_table.hpp"

using namespace hqnn;
using namespace hqnn::run;

TEST(OptionValue, EdgeNumbersAreRefusedBeforeTheyAreConverted) {
  const OptionRow& epochs = option_row("epochs");
  for (const char* text : {"1e99", "-1e99", "2147483648", "9223372036854775808", "nan", "inf", "-inf", "0x10", "", " 5"}) {
    RunSpec s = default_spec(DataKind::tabular);
    const std::string message = hqnn::testing::input_error_of([&] { set_option_text(s, epochs, text, "--epochs"); });
    EXPECT_EQ(message.rfind("--epochs: expected a whole number in [1, 1000000], got '", 0), 0u) << text << ": " << message;
    EXPECT_EQ(s.train.epochs, default_spec(DataKind::tabular).train.epochs) << "nothing set for " << text;
  }
}

TEST(OptionValue, JsonNumbersAreCheckedAsTextIs) {
  const OptionRow& batch = option_row("batch");
  RunSpec s = default_spec(DataKind::tabular);
  const Json huge = Json::parse("1e20", "test");
  const std::string message = hqnn::testing::input_error_of(
      [&] { set_option_value(s, batch, "spec.batch", false, [&] { return value_of_json(batch, huge, "spec.batch"); }); });
  EXPECT_EQ(message, "spec.batch: expected a whole number in [1, 65536], got '1e20'");
}

TEST(OptionValue, ShortestDigitsReadBackAsTheSameValue) {
  for (double v : {0.01, 1e-7, 123456.789, 3.0, -2.5e30}) {
    const std::string text = shortest(v, false);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
    EXPECT_EQ(text.find('+'), std::string::npos) << text;
  }
  EXPECT_EQ(shortest(0.1f, true), "0.1") << "a float's own digits, not the double's";
}

TEST(OptionValue, ChoiceMessagesComeFromTheRowsWords) {
  EXPECT_EQ(expected_text(choice({"adam", "sgd"})), "expected adam or sgd");
  EXPECT_EQ(expected_text(choice({"none", "standard", "minmax", "auto"})), "expected none, standard, minmax or auto");
  EXPECT_EQ(expected_text(choice({"a", "b", "c", "d", "e"})), "expected one of a, b, c, d, e");
  RunSpec s = default_spec(DataKind::tabular);
  EXPECT_EQ(hqnn::testing::input_error_of([&] { set_option_text(s, option_row("optimizer"), "adm", "--optimizer"); }),
            "--optimizer: expected adam or sgd, got 'adm'; did you mean adam?");
  EXPECT_EQ(hqnn::testing::input_error_of([&] { set_option_text(s, option_row("attack-form"), "sideways", "attack"); }),
            "attack: expected none, inside or outside, got 'sideways'");
}

TEST(OptionValue, ListsCheckEveryItemAndTheirCount) {
  const ValueFormat channels = int_list(1, 256, "", 2);
  EXPECT_EQ(value_of_text(channels, "8,16").list, (std::vector<int>{8, 16}));
  EXPECT_THROW(value_of_text(channels, "8"), InputError);
  EXPECT_THROW(value_of_text(channels, "8,999"), InputError);
  EXPECT_THROW(value_of_text(channels, "8,99999999999999999999"), InputError);
  EXPECT_TRUE(value_of_text(int_list(0, 9, "all"), "all").list.empty());
}
