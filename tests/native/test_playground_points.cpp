// The student's own points on the playground: added, moved and removed
// ones as edits of the generated set, a pasted CSV, the split of both, and
// the errors by item and by line.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "api/api.hpp"
#include "base/error.hpp"
#include "data/points.hpp"

namespace {

bp::Value spec_of(const std::string& kind, long points, const char* edits = nullptr, const char* csv = nullptr) {
  bp::Value s = bp::Value::object();
  s.set("kind", kind);
  s.set("points", points);
  s.set("seed", 3);
  if (edits) s.set("edits", std::string(edits));
  if (csv) s.set("csv", std::string(csv));
  return s;
}

const std::vector<double>& numbers(const bp::Value& d, const char* key) { return d.find(key)->as_numbers(); }

// "code field {param=value …}" of the error a spec raises, or "".
std::string error_of(const bp::Value& spec) {
  try {
    bp::api::dataset(spec);
  } catch (const bp::Error& e) {
    std::string out = e.code() + " " + e.field();
    for (const auto& [k, v] : e.params()) out += " " + k + "=" + v;
    return out;
  }
  return "";
}

bool contains(const std::vector<double>& v, double x) {
  for (double e : v)
    if (e == x) return true;
  return false;
}

}  // namespace

TEST_CASE("edits remove and move generated points and add new ones after them", "[playground][points]") {
  const bp::Value plain = bp::api::dataset(spec_of("circle", 10));
  const bp::Value d = bp::api::dataset(spec_of("circle", 10, "d0/m4,1.5,-2/d7/1,1,2/-0.25,3,0"));
  const auto &x0 = numbers(plain, "x"), &y0 = numbers(plain, "y"), &l0 = numbers(plain, "label");
  const auto &x = numbers(d, "x"), &y = numbers(d, "y"), &l = numbers(d, "label");
  REQUIRE(x.size() == 10);  // 10 − 2 removed + 2 added
  CHECK(numbers(d, "origin") == std::vector<double>{1, 2, 3, 4, 5, 6, 8, 9, -1, -2});
  // The kept points are the generated ones; point 4 at its new place.
  CHECK(x[0] == x0[1]);
  CHECK(y[6] == y0[8]);
  CHECK(l[6] == l0[8]);
  CHECK(x[3] == 1.5);
  CHECK(y[3] == -2);
  CHECK(l[3] == l0[4]);
  CHECK(x[8] == 1);
  CHECK(l[8] == 2);
  CHECK(x[9] == -0.25);
  CHECK(y[9] == 3);
  // A class 2 point makes three classes.
  CHECK(d.find("classes")->as_number() == 3);
  CHECK(plain.find("classes")->as_number() == 2);
  // The edits as read, sorted.
  const bp::Value& e = *d.find("edits");
  CHECK_FALSE(e.find("own")->as_bool());
  CHECK(numbers(e, "removed") == std::vector<double>{0, 7});
  CHECK(numbers(e, "moved") == std::vector<double>{4, 1.5, -2});
  CHECK(numbers(e, "added") == std::vector<double>{1, 1, 2, -0.25, 3, 0});
}

TEST_CASE("a generated point keeps its side of the split when others are edited; added points are split by the training share", "[playground][points]") {
  const bp::Value plain = bp::api::dataset(spec_of("xor", 40));
  const bp::Value d = bp::api::dataset(spec_of("xor", 40, "d5/m6,0,0/1,1,1/2,2,1/3,3,0/4,4,0/-1,-1,1/-2,-2,0"));
  const auto& origin = numbers(d, "origin");
  const auto &train0 = numbers(plain, "train"), &train = numbers(d, "train"), &test = numbers(d, "test");
  CHECK(train.size() + test.size() == origin.size());
  std::size_t added_train = 0;
  for (std::size_t i = 0; i < origin.size(); ++i) {
    const bool in_train = contains(train, static_cast<double>(i));
    CHECK(in_train != contains(test, static_cast<double>(i)));
    if (origin[i] >= 0) CHECK(in_train == contains(train0, origin[i]));
    else if (in_train) ++added_train;
  }
  // Six added at a share of 0.5: three for training.
  CHECK(added_train == 3);
  // The split, as tests/wasm/playground-points.test.mjs expects it there.
  CHECK(train == std::vector<double>{2, 4, 5, 6, 8, 9, 10, 11, 13, 15, 18, 19, 22, 26, 29, 32, 34, 36, 38, 39, 41, 43});
  // Adding a seventh moves none of the six.
  const bp::Value more = bp::api::dataset(spec_of("xor", 40, "d5/m6,0,0/1,1,1/2,2,1/3,3,0/4,4,0/-1,-1,1/-2,-2,0/5,5,1"));
  for (std::size_t i = 0; i < origin.size(); ++i) CHECK(contains(numbers(more, "train"), static_cast<double>(i)) == contains(train, static_cast<double>(i)));
  // The same text, the same split.
  CHECK(numbers(bp::api::dataset(spec_of("xor", 40, "d5/m6,0,0/1,1,1/2,2,1/3,3,0/4,4,0/-1,-1,1/-2,-2,0")), "train") == train);
}

TEST_CASE("of m added points, floor or ceil of m r are for training, for any share and seed", "[playground][points]") {
  for (double r : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    for (std::uint64_t seed : {0u, 1u, 17u, 2147483647u}) {
      bp::PointEdits e;
      e.own = true;
      for (int k = 0; k < 23; ++k) {
        e.added.x.push_back(0);
        e.added.y.push_back(0);
        e.added.label.push_back(0);
      }
      const bp::EditedPoints p = bp::apply_point_edits({}, {}, e, r, seed);
      std::size_t train = 0;
      for (std::size_t m = 1; m <= 23; ++m) {
        train += p.split.train.size() > train && p.split.train[train] == m - 1 ? 1 : 0;
        INFO("r " << r << " seed " << seed << " m " << m);
        CHECK(static_cast<double>(train) >= std::floor(static_cast<double>(m) * r));
        CHECK(static_cast<double>(train) <= std::ceil(static_cast<double>(m) * r));
      }
    }
  }
}

TEST_CASE("own points leave the generated ones out: a pasted CSV with a header, three classes", "[playground][points]") {
  const bp::Value d = bp::api::dataset(spec_of("circle", 500, nullptr, "x, y, class\n-1, -1, 0\n\n1, 1, 1\n0, 2.5, 2\n"));
  CHECK(numbers(d, "x") == std::vector<double>{-1, 1, 0});
  CHECK(numbers(d, "y") == std::vector<double>{-1, 1, 2.5});
  CHECK(numbers(d, "label") == std::vector<double>{0, 1, 2});
  CHECK(numbers(d, "origin") == std::vector<double>{-1, -2, -3});
  CHECK(d.find("classes")->as_number() == 3);
  CHECK(d.find("edits")->find("own")->as_bool());
  // Edits on top add to them; "own" as text gives the same points.
  const bp::Value same = bp::api::dataset(spec_of("circle", 500, "own/-1,-1,0/1,1,1/0,2.5,2"));
  CHECK(numbers(same, "x") == numbers(d, "x"));
  CHECK(numbers(same, "train") == numbers(d, "train"));
  // A regression set takes any value.
  const bp::Value r = bp::api::dataset(spec_of("plane", 500, nullptr, "1,2,0.37\n-3,4,-1.5"));
  CHECK(numbers(r, "label") == std::vector<double>{0.37, -1.5});
  CHECK(r.find("classes")->as_number() == 0);
}

TEST_CASE("a CSV's errors name the line, counting the header and blank lines", "[playground][points]") {
  CHECK(error_of(spec_of("circle", 500, nullptr, "x,y,class\n1,2,0\n1,2\n")) ==
        "csv_columns csv line=3 expected=3 inputs=2 targets=1 actual=2");
  CHECK(error_of(spec_of("circle", 500, nullptr, "x,y,class\n\n1,2,0\n1,2,abc\n")) == "csv_not_a_number csv line=4 column=3 value=abc");
  CHECK(error_of(spec_of("circle", 500, nullptr, "x,y,class\n\n1,2,0\n1,9,1\n")) == "csv_outside csv line=4 x=1 y=9");
  CHECK(error_of(spec_of("circle", 500, nullptr, "1,2,0\n  \n1,1,0.5\n")) == "csv_class csv line=3 max=7 value=0.5");
  CHECK(error_of(spec_of("circle", 500, nullptr, "1,2,0\n1,1,8\n")) == "csv_class csv line=2 max=7 value=8");
  CHECK(error_of(spec_of("circle", 500, nullptr, "\n\n")) == "csv_empty csv");
}

TEST_CASE("an edits text is checked item by item", "[playground][points]") {
  CHECK(error_of(spec_of("circle", 10, "1,2")) == "points_item edits item=1 value=1,2");
  CHECK(error_of(spec_of("circle", 10, "1,2,0/x")) == "points_item edits item=2 value=x");
  CHECK(error_of(spec_of("circle", 10, "1,2,0//")) == "points_item edits item=2 value=");
  CHECK(error_of(spec_of("circle", 10, "d1.5")) == "points_item edits item=1 value=d1.5");
  CHECK(error_of(spec_of("circle", 10, "1, 2,0")) == "points_item edits item=1 value=1, 2,0");
  CHECK(error_of(spec_of("circle", 10, "1,inf,0")) == "points_item edits item=1 value=1,inf,0");
  CHECK(error_of(spec_of("circle", 10, "1,1,0/own")) == "points_item edits item=2 value=own");
  CHECK(error_of(spec_of("circle", 10, "d10")) == "points_index edits item=1 index=10 count=10");
  CHECK(error_of(spec_of("circle", 10, "own/d0")) == "points_index edits item=2 index=0 count=0");
  CHECK(error_of(spec_of("circle", 10, "m2,0,0/d2")) == "points_twice edits item=2 index=2");
  CHECK(error_of(spec_of("circle", 10, "m2,0,-6.01")) == "points_outside edits item=1 x=0 y=-6.01");
  CHECK(error_of(spec_of("circle", 10, "1,1,-1")) == "points_class edits item=1 max=7 value=-1");
  CHECK(error_of(spec_of("plane", 10, "1,1,-1.75")).empty());
  // At most 1,000 points in all.
  std::string many;
  for (int k = 0; k < 11; ++k) many += (k ? "/" : "") + std::string("1,1,0");
  CHECK(error_of(spec_of("circle", 990, many.c_str())) == "too_many edits max=1000 actual=1001");
  CHECK(error_of(spec_of("circle", 990, ("d0/" + many).c_str())).empty());
  CHECK(error_of(spec_of("circle", 10, "")).empty());
}
