// Loss surfaces f(x, y) for the optimizer race: ready-made ones with their
// analytic gradients, or a function the student types (expression.hpp).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "optim/expression.hpp"

namespace bp {

enum class Preset { plateau, saddle, local_minimum, ill_conditioned, rosenbrock, beale };

// The race's racers, in the order of PresetInfo::rates. momentum_pytorch is
// momentum in PyTorch's form, SGD(momentum=0.9).
inline constexpr std::array<const char*, 6> racer_names = {"sgd", "momentum", "momentum_pytorch", "adagrad", "rmsprop", "adam"};

struct PresetInfo {
  Preset id;
  std::string name;        // plateau, saddle, ...
  std::string expression;  // the same function in the expression syntax
  std::string trouble;     // plateau, saddle, local_minimum, or "" for the others
  std::array<double, 4> domain;  // x0, x1, y0, y1
  std::array<double, 2> start;
  std::vector<std::array<double, 2>> minima;
  std::vector<std::array<double, 2>> saddles;
  // A learning rate per racer (racer_names: SGD, momentum in the lesson's
  // form and in PyTorch's, AdaGrad, RMSprop, Adam) that shows the point.
  std::array<double, 6> rates;
  // f(x, y) and its gradient, analytic.
  Dual (*at)(double x, double y);
};

const std::vector<PresetInfo>& presets();

class Surface {
 public:
  static Surface preset(Preset p);
  static Surface expression(Program program);

  // f(x, y) and its gradient: analytic for the presets, automatic
  // differentiation for a typed function.
  Dual at(double x, double y) const { return analytic_ ? analytic_(x, y) : evaluate_with_gradient(program_, x, y); }
  double value(double x, double y) const { return analytic_ ? analytic_(x, y).value : evaluate(program_, x, y); }

 private:
  Dual (*analytic_)(double, double) = nullptr;  // a preset's
  Program program_;
};

// f on a grid: values[j * width + i] = f(x0 + i (x1 - x0) / (width - 1), y0 + j (y1 - y0) / (height - 1)).
void evaluate_grid(const Surface& s, double x0, double x1, double y0, double y1, int width, int height,
                   std::vector<double>& values);

}  // namespace bp
