// The playground's 2-D data sets, made from a seed as TensorFlow Playground
// makes them (tensorflow/playground, src/dataset.ts), with its parameters:
// the number of points, the noise (0 … 50, Playground's percent) and, for the
// two Gaussians and the spiral, the number of classes (one blob or arm each).
//
// Every random number comes from splitmix64 (as epoch_order draws), normal
// ones by Box–Muller, so a seed gives the same points natively and in wasm.
//
// Classification sets label each point with its class, 0 … C − 1; with two
// classes, class 1 is Playground's +1 and class 0 its −1. Regression sets
// label each point with a value, about −1 … 1 (noise can take the plane's a
// little beyond).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bp {

enum class DatasetKind { circle, xor_, gauss, spiral, plane, reg_gauss };

struct DatasetInfo {
  DatasetKind kind;
  std::string name;  // the spec's name and the catalogs' key (dataset.<name>)
  bool regression;
  int max_classes;   // 2, or more where each class is a blob or an arm
};
const std::vector<DatasetInfo>& dataset_table();
std::optional<DatasetKind> find_dataset(const std::string& name);
const DatasetInfo& dataset_info(DatasetKind kind);

struct DatasetOptions {
  std::size_t points = 500;
  double noise = 0;  // 0 … 50, Playground's percent
  std::uint64_t seed = 0;
  int classes = 2;
};

struct Points {
  std::vector<double> x, y, label;
};

// The points of a set, in Playground's order: the Gaussians and the spiral
// class after class (class k the points i with floor(i C / n) = k); the
// circle the points drawn inside first; the others as drawn.
Points make_dataset(DatasetKind kind, const DatasetOptions& o);

// A split into training and test points: a seeded shuffle (epoch_order) of
// the indices, the first floor(n · ratio) for training, both parts sorted.
struct Split {
  std::vector<std::size_t> train, test;
};
Split split_dataset(std::size_t n, double train_ratio, std::uint64_t seed);

}  // namespace bp
