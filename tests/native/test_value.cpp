// The document type and its JSON.
#include "base/error.hpp"
#include "support.hpp"
#include "base/value.hpp"

TEST_CASE("JSON reads and writes back", "[value]") {
  const std::string text = R"({"a":[1,2.5,-3e-7,true,false,null],"b":"x\"y\\z\n","c":{}})";
  const bp::Value v = bp::Value::parse_json(text);
  CHECK(v.find("a")->items()[2].as_number() == -3e-7);
  CHECK(v.find("b")->as_string() == "x\"y\\z\n");
  CHECK(v.to_json() == text);
}

TEST_CASE("numbers are written exactly, in their shortest form", "[value]") {
  CHECK(bp::shortest(0.1) == "0.1");
  CHECK(bp::shortest(0.5932699921071872) == "0.5932699921071872");
  CHECK(bp::shortest(3.510187782978859e-05) == "0.00003510187782978859");
  CHECK(bp::shortest(1e21) == "1e+21");
  CHECK(bp::Value(std::nan("")).to_json() == "null");
}

TEST_CASE("unicode escapes become UTF-8", "[value]") {
  CHECK(bp::Value::parse_json(R"("\u4e2d\u6587")").as_string() == "中文");
  CHECK(bp::Value::parse_json(R"("\ud83d\ude00")").as_string() == "\xF0\x9F\x98\x80");
}

TEST_CASE("malformed JSON gives its line and column", "[value]") {
  try {
    bp::Value::parse_json("{\n  \"a\": [1, 2,,]\n}");
    FAIL("no error");
  } catch (const bp::Error& e) {
    CHECK(e.code() == "json_syntax");
    CHECK(std::string(e.what()).find("line 2, column 14") != std::string::npos);
  }
  for (const char* bad : {"", "[", "{\"a\" 1}", "01", "1.", "\"abc", "tru", "[1]]", "NaN"}) {
    INFO(bad);
    CHECK_THROWS_AS(bp::Value::parse_json(bad), bp::Error);
  }
  std::string deep(1000, '[');
  CHECK_THROWS_AS(bp::Value::parse_json(deep), bp::Error);
}
