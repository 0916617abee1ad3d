// CSV datasets: iris loads as expected; every bad file is refused with the
// file, the line and the problem.
#include <gtest/gtest.h>

#include "data/csv_loader.hpp"

using namespace hqnn;

namespace {

std::string error_of(const std::string& text, const CsvOptions& options = {}) {
  try {
    parse_csv(text, "data.csv", options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string error_of_file(const std::string& path) {
  try {
    load_csv(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CsvLoader, IrisHas150SamplesOf4FeaturesAnd3Classes) {
  const Dataset iris = load_iris();
  EXPECT_EQ(iris.size(), 150);
  EXPECT_EQ(iris.feature_count(), 4);
  EXPECT_EQ(iris.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
  EXPECT_EQ(iris.feature_names[0], "sepal_length");
  EXPECT_FLOAT_EQ(iris.features(0, 0), 5.1f);
  EXPECT_EQ(std::count(iris.labels.begin(), iris.labels.end(), 2), 50);
}

TEST(CsvLoader, ShippedFileEqualsTheBuiltInCopy) {
  const Dataset file = load_csv(std::string(HQNN_ASSETS_DIR) + "/iris.csv");
  const Dataset built_in = load_iris();
  EXPECT_TRUE((file.features.array() == built_in.features.array()).all());
  EXPECT_EQ(file.labels, built_in.labels);
}

TEST(CsvLoader, LabelColumnByNameOrIndexAndNumericLabels) {
  const std::string text = "y,a,b\n2,1,2\n10,3,4\n2,5,6\n";
  const Dataset by_name = parse_csv(text, "t.csv", {"y"});
  EXPECT_EQ(by_name.feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(by_name.class_names, (std::vector<std::string>{"2", "10"}));  // numeric order
  EXPECT_EQ(by_name.labels, (std::vector<int>{0, 1, 0}));
  const Dataset by_index = parse_csv(text, "t.csv", {"0"});
  EXPECT_EQ(by_index.labels, by_name.labels);
  EXPECT_EQ(by_index.features(2, 1), 6.0f);
}

TEST(CsvLoader, QuotesCrlfBlankLinesAndBom) {
  const Dataset d = parse_csv("\xEF\xBB\xBF\"x, first\",label\r\n1.5,\"a,b\"\r\n\r\n2.5,c\r\n", "t.csv");
  EXPECT_EQ(d.feature_names[0], "x, first");
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"a,b", "c"}));
  EXPECT_EQ(d.size(), 2);
}

TEST(CsvLoader, WrongColumnCountNamesTheLine) {
  EXPECT_EQ(error_of("a,b,label\n1,2,x\n3,4,y\n5,6\n"), "data.csv line 4: expected 3 columns, got 2");
}

TEST(CsvLoader, NonNumericValueNamesLineAndColumn) {
  EXPECT_EQ(error_of("a,b,label\n1,2,x\n3,abc,y\n"), "data.csv line 3, column 'b': 'abc' is not a number");
}

TEST(CsvLoader, NanAndInfinityAreRefused) {
  EXPECT_EQ(error_of("a,label\nnan,x\n1,y\n"), "data.csv line 2, column 'a': 'nan' is not a finite number");
  EXPECT_EQ(error_of("a,label\n1,x\ninf,y\n"), "data.csv line 3, column 'a': 'inf' is not a finite number");
}

TEST(CsvLoader, UnknownLabelColumnListsTheColumns) {
  EXPECT_EQ(error_of("a,b,label\n1,2,x\n", {"species"}), "data.csv: no column named 'species' (columns: a, b, label)");
  EXPECT_NE(error_of("a,b,label\n1,2,x\n", {"7"}).find("label column index 7 is out of range"), std::string::npos);
}

TEST(CsvLoader, EmptyFileHeaderOnlyAndOneClass) {
  EXPECT_EQ(error_of(""), "data.csv: empty file (expected a header row, then one row per sample)");
  EXPECT_EQ(error_of("\n\n"), "data.csv: empty file (expected a header row, then one row per sample)");
  EXPECT_EQ(error_of("a,label\n"), "data.csv: no data rows after the header");
  EXPECT_NE(error_of("a,label\n1,x\n2,x\n").find("has only one class ('x')"), std::string::npos);
}

TEST(CsvLoader, EmptyCellAndSingleColumn) {
  EXPECT_EQ(error_of("a,b,label\n1,,x\n"), "data.csv line 2, column 'b': empty cell");
  EXPECT_NE(error_of("a;b;label\n1;2;x\n").find("found 1 column"), std::string::npos);
  CsvOptions semicolon;
  semicolon.delimiter = ';';
  EXPECT_EQ(parse_csv("a;b;label\n1;2;x\n3;4;y\n", "t.csv", semicolon).size(), 2);
}

TEST(CsvLoader, SemicolonAndTabFilesLoadWithTheirDelimiter) {
  CsvOptions tab;
  tab.delimiter = csv_delimiter_from("tab");
  const Dataset d = parse_csv("a\tb\tlabel\n1\t2\tx\n3\t4\ty\n", "t.tsv", tab);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(d.features(1, 1), 4.0f);
  EXPECT_EQ(csv_delimiter_from(";"), ';');
  EXPECT_EQ(csv_delimiter_from("\\t"), '\t');
  EXPECT_EQ(csv_delimiter_from("|"), '|');
}

TEST(CsvLoader, OneColumnHeaderSuggestsTheDelimiterItHolds) {
  EXPECT_EQ(error_of("a;b;label\n1;2;x\n"),
            "data.csv line 1: found 1 column; need at least one feature and a label (the header holds ';': is the "
            "file separated by them? use --delimiter ';')");
  EXPECT_EQ(error_of("a\tb\tlabel\n1\t2\tx\n"),
            "data.csv line 1: found 1 column; need at least one feature and a label (the header holds tabs: is the "
            "file separated by them? use --delimiter tab)");
  CsvOptions semicolon;
  semicolon.delimiter = ';';
  EXPECT_NE(error_of("a,b,label\n1,2,x\n", semicolon).find("use --delimiter ','"), std::string::npos);
  EXPECT_EQ(error_of("label\nx\n"), "data.csv line 1: found 1 column; need at least one feature and a label");
}

TEST(CsvLoader, HeaderOfNumbersIsRefusedSoTheFirstSampleIsNotLost) {
  const std::string expected =
      "data.csv line 1: the first row holds numbers, not column names; add a header row naming the columns (e.g. "
      "x1,x2,label) as the first line, or its first sample would be lost";
  EXPECT_EQ(error_of("5.1,3.5,0\n4.9,3.0,1\n"), expected);
  EXPECT_EQ(error_of("5.1,3.5,setosa\n4.9,3.0,versicolor\n"), expected);  // a string label does not make a header
  EXPECT_EQ(error_of("\n1,2,x\n3,4,y\n").rfind("data.csv line 2: the first row holds numbers", 0), 0u);
  // one named feature column is enough to make the row a header
  EXPECT_EQ(parse_csv("x1,2,label\n1,2,a\n3,4,b\n", "t.csv").size(), 2);
}

TEST(CsvLoader, LabelsEqualAsNumbersAreOneClass) {
  const Dataset d = parse_csv("a,label\n1,0\n2,0.0\n3,1\n4,1.00\n5,-0\n6,1e0\n", "t.csv");
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"0", "1"}));  // each named by its first spelling
  EXPECT_EQ(d.labels, (std::vector<int>{0, 0, 1, 1, 0, 1}));
  const Dataset order = parse_csv("a,label\n1,10.0\n2,2\n3,10\n", "t.csv");
  EXPECT_EQ(order.class_names, (std::vector<std::string>{"2", "10.0"}));  // numeric order
  EXPECT_EQ(order.labels, (std::vector<int>{1, 0, 1}));
  // with one label that is not a number, labels are text and "0", "0.0" differ
  const Dataset text = parse_csv("a,label\n1,0\n2,0.0\n3,x\n", "t.csv");
  EXPECT_EQ(text.class_count(), 3);
}

TEST(CsvLoader, DirectoryIsNamedAsADirectory) {
  EXPECT_EQ(error_of_file(::testing::TempDir()),
            ::testing::TempDir() + ": is a directory, not a file (name a file inside it)");
}

TEST(CsvLoader, ShippedTabularSetsHaveTheirFeaturesAndClasses) {
  const Dataset wine = load_csv(std::string(HQNN_ASSETS_DIR) + "/wine.csv");
  EXPECT_EQ(wine.size(), 178);
  EXPECT_EQ(wine.feature_count(), 13);
  EXPECT_EQ(wine.class_names, (std::vector<std::string>{"class_0", "class_1", "class_2"}));
  EXPECT_EQ(wine.feature_names.back(), "proline");
  EXPECT_FLOAT_EQ(wine.features(0, 12), 1065.0f);
  const Dataset cancer = load_csv(std::string(HQNN_ASSETS_DIR) + "/breast_cancer.csv");
  EXPECT_EQ(cancer.size(), 569);
  EXPECT_EQ(cancer.feature_count(), 30);
  EXPECT_EQ(cancer.class_names, (std::vector<std::string>{"benign", "malignant"}));
  EXPECT_EQ(std::count(cancer.labels.begin(), cancer.labels.end(), 1), 212);
  EXPECT_EQ(cancer.feature_names[10], "radius_error");
}

TEST(CsvLoader, MissingFileNamesThePath) {
  try {
    load_csv("/nonexistent/dir/file.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/file.csv: cannot open"), std::string::npos);
  }
}

TEST(DatasetSplit, StratifiedSplitKeepsClassProportionsAndIsSeeded) {
  const Dataset iris = load_iris();
  const TrainTestSplit a = stratified_split(iris, 0.3, 5), b = stratified_split(iris, 0.3, 5);
  EXPECT_EQ(a.test.size(), 45);
  EXPECT_EQ(a.train.size(), 105);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(std::count(a.test.labels.begin(), a.test.labels.end(), k), 15);
  EXPECT_EQ(a.test.labels, b.test.labels);
  EXPECT_TRUE((a.test.features.array() == b.test.features.array()).all());
  const TrainTestSplit c = stratified_split(iris, 0.3, 6);
  EXPECT_FALSE((a.test.features.array() == c.test.features.array()).all());
  EXPECT_THROW(stratified_split(iris, 1.5, 1), InputError);
}

}  // namespace
