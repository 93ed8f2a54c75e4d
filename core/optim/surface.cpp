#include "optim/surface.hpp"

#include <cmath>

namespace bp {

// Each surface: its name, the same function typed, the trouble it shows,
// its domain, start, minima and saddles, a learning rate per racer, and f
// with its gradient. rates: sgd, momentum (lesson's form), momentum
// (PyTorch's form), adagrad, rmsprop, adam; where SGD and the momentum forms
// are compared, they share eta.
// (Built once: compiled for size; the surfaces' functions stay fast.)
__attribute__((minsize)) const std::vector<PresetInfo>& presets() {
  static const std::vector<PresetInfo> all = {
      {Preset::plateau, "plateau", "1 - exp(-(x^2 + y^2)/2)", "plateau", {-4, 4, -4, 4}, {3.5, 2.8}, {{0, 0}}, {},
       {0.5, 0.5, 0.5, 0.5, 0.05, 0.05},
       // 1 - e^(-(x^2 + y^2)/2);  grad = e^(-(x^2 + y^2)/2) (x, y)
       [](double x, double y) -> Dual {
         const double e = std::exp(-(x * x + y * y) / 2);
         return {1 - e, e * x, e * y};
       }},
      {Preset::saddle, "saddle", "x^2 + y^4/4 - y^2/2", "saddle", {-2.2, 2.2, -2, 2}, {-2, 0.00001}, {{0, 1}, {0, -1}},
       {{0, 0}}, {0.05, 0.05, 0.05, 0.3, 0.02, 0.05},
       // x^2 + y^4/4 - y^2/2;  grad = (2x, y^3 - y)
       [](double x, double y) -> Dual { return {x * x + y * y * y * y / 4 - y * y / 2, 2 * x, y * y * y - y}; }},
      {Preset::local_minimum, "local_minimum", "(x^2 - 1)^2 + 0.3*x + 0.5*y^2", "local_minimum", {-2.2, 2.2, -2, 2},
       {2, 1.5}, {{-1.0356, 0}, {0.9601, 0}}, {}, {0.05, 0.05, 0.05, 0.3, 0.01, 0.05},
       // (x^2 - 1)^2 + 0.3 x + 0.5 y^2;  grad = (4x (x^2 - 1) + 0.3, y)
       [](double x, double y) -> Dual {
         const double u = x * x - 1;
         return {u * u + 0.3 * x + 0.5 * y * y, 4 * x * u + 0.3, y};
       }},
      {Preset::ill_conditioned, "ill_conditioned", "0.05*x^2 + 2.5*y^2", "", {-5, 5, -2, 2}, {-4.5, 1}, {{0, 0}}, {},
       {0.35, 0.35, 0.35, 0.5, 0.05, 0.1},
       // 0.05 x^2 + 2.5 y^2;  grad = (0.1 x, 5 y)
       [](double x, double y) -> Dual { return {0.05 * x * x + 2.5 * y * y, 0.1 * x, 5 * y}; }},
      {Preset::rosenbrock, "rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2", "", {-2, 2, -1, 3}, {-1.5, 2}, {{1, 1}}, {},
       {0.001, 0.001, 0.001, 0.5, 0.01, 0.05},
       // (1 - x)^2 + 100 (y - x^2)^2;  grad = (-2 (1 - x) - 400 x (y - x^2), 200 (y - x^2))
       [](double x, double y) -> Dual {
         const double a = 1 - x, b = y - x * x;
         return {a * a + 100 * b * b, -2 * a - 400 * x * b, 200 * b};
       }},
      {Preset::beale, "beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", "",
       {-4.5, 4.5, -4.5, 4.5}, {1, -1}, {{3, 0.5}}, {}, {0.001, 0.001, 0.001, 0.5, 0.01, 0.05},
       // t1 = 1.5 - x + xy, t2 = 2.25 - x + xy^2, t3 = 2.625 - x + xy^3;  f = t1^2 + t2^2 + t3^2
       [](double x, double y) -> Dual {
         const double y2 = y * y, y3 = y2 * y;
         const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
         return {t1 * t1 + t2 * t2 + t3 * t3, 2 * t1 * (y - 1) + 2 * t2 * (y2 - 1) + 2 * t3 * (y3 - 1),
                 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y2};
       }},
  };
  return all;
}

Surface Surface::preset(Preset p) {
  Surface s;
  for (const PresetInfo& info : presets()) {
    if (info.id == p) s.analytic_ = info.at;
  }
  return s;
}

Surface Surface::expression(Program program) {
  Surface s;
  s.program_ = std::move(program);
  return s;
}

void evaluate_grid(const Surface& s, double x0, double x1, double y0, double y1, int width, int height,
                   std::vector<double>& values) {
  values.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int j = 0; j < height; ++j) {
    const double y = y0 + (y1 - y0) * j / (height - 1);
    for (int i = 0; i < width; ++i) {
      const double x = x0 + (x1 - x0) * i / (width - 1);
      values[static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i)] = s.value(x, y);
    }
  }
}

}  // namespace bp
