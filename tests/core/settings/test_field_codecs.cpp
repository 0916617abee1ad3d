// The codecs written once for every settings struct (core/settings/field_codecs.hpp):
// a struct described by rows is written to a link and JSON, read back, and
// compared, with the same checks and messages as the run's options.
#include <gtest/gtest.h>

#include "core/json.hpp"
#include "core/model_kind.hpp"
#include "core/settings/field_codecs.hpp"

using namespace hqnn;

namespace {

struct Inner {
  double level = 0.5;
};
struct Settings {
  int count = 3;
  bool on = false;
  ModelKind model = ModelKind::qdfnn;
  Inner inner;
  std::vector<int> picks;
};

const std::vector<Field<Settings>>& rows() {
  static const std::vector<Field<Settings>> r = [] {
    std::vector<Field<Settings>> out = {
        field<Settings>("count", "n", "count", integer(1, 10), bind_field<Settings>(&Settings::count)),
        field<Settings>("on", "on", "on", flag(), bind_field<Settings>(&Settings::on)),
        field<Settings>("model", "m", "model", choice({"qdfnn", "qrfnn"}),
                        bind_enum<Settings, ModelKind>(&Settings::model)),
        field<Settings>("level", "lv", "level", real(0, 1), bind_field<Settings>(&Settings::inner, &Inner::level)),
        field<Settings>("picks", "p", "picks", int_list(0, 9), bind_field<Settings>(&Settings::picks)),
    };
    out[1].applies = [](const Settings& s) { return s.on; };
    return out;
  }();
  return r;
}

}  // namespace

TEST(FieldCodecs, ABoundFieldRoundTripsThroughALinkAndJson) {
  Settings s;
  s.count = 7, s.on = true, s.model = ModelKind::qrfnn, s.inner.level = 0.25, s.picks = {1, 4};
  const std::string link = fields_link(rows(), s);
  EXPECT_EQ(link, "&n=7&on=1&m=qrfnn&lv=0.25&p=1,4");
  Settings back;
  for (const auto& [key, value] : link_items(link)) EXPECT_EQ(read_link_key(*field_by_link_key(rows(), key), key, value, back), "");
  EXPECT_TRUE(same_fields(rows(), s, back));
  Settings from_json;
  read_fields_json(rows(), fields_json(rows(), s), from_json, "settings");
  EXPECT_TRUE(same_fields(rows(), s, from_json));
}

TEST(FieldCodecs, ARowThatDoesNotApplyIsNeitherWrittenNorCompared) {
  Settings a, b;
  EXPECT_EQ(fields_link(rows(), a).find("on="), std::string::npos);
  b.count = 4;
  EXPECT_FALSE(same_fields(rows(), a, b));
}

TEST(FieldCodecs, BadValuesAreRefusedWithTheKeyAndWhatItTakes) {
  Settings s;
  EXPECT_EQ(read_link_key(rows()[0], "n", "1e99", s), "n: expected a whole number in [1, 10], got '1e99'");
  EXPECT_EQ(read_link_key(rows()[0], "n", "11", s), "n: expected a whole number in [1, 10], got '11'");
  EXPECT_EQ(read_link_key(rows()[2], "m", "qrfn", s), "m: expected qdfnn or qrfnn, got 'qrfn'; did you mean qrfnn?");
  EXPECT_EQ(s.count, 3);
  EXPECT_EQ(s.model, ModelKind::qdfnn);
  EXPECT_THROW(read_fields_json(rows(), Json::parse("{\"size\": 2}", "t"), s, "settings"), InputError);
}

TEST(FieldCodecs, ALiftedRowReadsAndWritesThePartInsideTheWhole) {
  struct Whole {
    bool shown = true;
    Settings part;
  };
  const Field<Whole> level = lifted<Whole>(rows()[3], &Whole::part, [](const Whole& w) { return w.shown; });
  Whole w;
  set_field(level, w, value_of_text(level, "0.75"));
  EXPECT_EQ(w.part.inner.level, 0.75);
  EXPECT_TRUE(field_applies(level, w));
  w.shown = false;
  EXPECT_FALSE(field_applies(level, w));
}
