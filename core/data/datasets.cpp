#include "data/datasets.hpp"

#include <algorithm>
#include <cmath>

#include "base/random.hpp"
#include "train/epoch.hpp"

namespace bp {

namespace {

constexpr double pi = 3.14159265358979323846;

// splitmix64 (base/random.hpp), as epoch_order and the initial weights draw.
struct Random : SplitMix64 {
  // u in [0, 1), 53 random bits; Playground's randUniform(a, b) = u (b − a) + a.
  double uniform() { return unit(); }
  double uniform(double a, double b) { return uniform() * (b - a) + a; }
  // A standard normal, Box–Muller: z = sqrt(−2 log u1) cos(2π u2), u1 in (0, 1].
  double normal() {
    const double u1 = static_cast<double>((next() >> 11) + 1) * 0x1.0p-53;
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * pi * u2);
  }
};

// The class of point i of n in blocks of C.
int block(std::size_t i, std::size_t n, int C) {
  return static_cast<int>(i * static_cast<std::size_t>(C) / n);
}

void add(Points& p, double x, double y, double label) {
  p.x.push_back(x);
  p.y.push_back(y);
  p.label.push_back(label);
}

// Circle: radius 5; class 1 where the point moved by the noise
// (u(−5, 5) · noise on each axis) is within 2.5 of the centre. The first
// floor(n / 2) points are drawn at a radius in [0, 2.5], the others in [3.5, 5].
void circle(Points& p, std::size_t n, double noise, Random& r) {
  const double radius = 5;
  for (std::size_t i = 0; i < n; ++i) {
    const double rho = i < n / 2 ? r.uniform(0, radius * 0.5) : r.uniform(radius * 0.7, radius);
    const double angle = r.uniform(0, 2 * pi);
    const double x = rho * std::sin(angle), y = rho * std::cos(angle);
    const double nx = r.uniform(-radius, radius) * noise, ny = r.uniform(-radius, radius) * noise;
    add(p, x, y, std::sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny)) < radius * 0.5 ? 1 : 0);
  }
}

// XOR: x, y in [−5, 5], pushed 0.3 away from the axes; class 1 where
// (x + noise) (y + noise) >= 0.
void xor_(Points& p, std::size_t n, double noise, Random& r) {
  const double padding = 0.3;
  for (std::size_t i = 0; i < n; ++i) {
    double x = r.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    double y = r.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const double nx = r.uniform(-5, 5) * noise, ny = r.uniform(-5, 5) * noise;
    add(p, x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
  }
}

// Gaussians: one blob per class, variance 0.5 + 7 · noise (Playground's
// scale from [0, 0.5] to [0.5, 4]). Two classes at (−2, −2) and (2, 2);
// C classes at radius 2√2, class k at the angle 5π/4 + 2πk/C.
void gauss(Points& p, std::size_t n, double noise, int C, Random& r) {
  const double sd = std::sqrt(0.5 + 7 * noise);
  for (std::size_t i = 0; i < n; ++i) {
    const int k = block(i, n, C);
    double cx = k == 0 ? -2 : 2, cy = cx;
    if (C > 2) {
      const double angle = 1.25 * pi + 2 * pi * k / C;
      cx = 2 * std::sqrt(2.0) * std::cos(angle);
      cy = 2 * std::sqrt(2.0) * std::sin(angle);
    }
    const double x = cx + sd * r.normal();
    const double y = cy + sd * r.normal();
    add(p, x, y, k);
  }
}

// Spiral: one arm per class; point i of the m in arm k at
//   r = 5 i / m,  t = 1.75 · 2π i / m + π (1 + 2k / C),
//   (r sin t + u(−1, 1) · noise, r cos t + u(−1, 1) · noise).
void spiral(Points& p, std::size_t n, double noise, int C, Random& r) {
  for (std::size_t i = 0; i < n;) {
    const int k = block(i, n, C);
    std::size_t m = 0;
    while (i + m < n && block(i + m, n, C) == k) ++m;
    for (std::size_t a = 0; a < m; ++a, ++i) {
      const double f = static_cast<double>(a) / static_cast<double>(m);
      const double rho = f * 5;
      const double t = 1.75 * f * 2 * pi + pi * (1 + 2.0 * k / C);
      const double x = rho * std::sin(t) + r.uniform(-1, 1) * noise;
      const double y = rho * std::cos(t) + r.uniform(-1, 1) * noise;
      add(p, x, y, k);
    }
  }
}

// Regression, x, y in [−6, 6], the label of the point moved by the noise
// (u(−6, 6) · noise on each axis):
//   plane:    (x + y) / 10
//   gaussian: of six bumps (±4 or 0, ±2.5) with signs ±1, the value
//             sign · max(0, 1 − d / 2) largest in size (d: the distance to
//             the bump's centre).
double plane_label(double x, double y) { return (x + y) / 10; }

double gauss_label(double x, double y) {
  static const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (const auto& b : bumps) {
    const double d = std::sqrt((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]));
    const double v = b[2] * std::min(1.0, std::max(0.0, 1 - d / 2));
    if (std::abs(v) > std::abs(label)) label = v;
  }
  return label;
}

void regression(Points& p, std::size_t n, double noise, double (*label)(double, double), Random& r) {
  const double radius = 6;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = r.uniform(-radius, radius), y = r.uniform(-radius, radius);
    const double nx = r.uniform(-radius, radius) * noise, ny = r.uniform(-radius, radius) * noise;
    add(p, x, y, label(x + nx, y + ny));
  }
}

}  // namespace

const std::vector<DatasetInfo>& dataset_table() {
  static const std::vector<DatasetInfo> table = {
      {DatasetKind::circle, "circle", false, 2},  {DatasetKind::xor_, "xor", false, 2},
      {DatasetKind::gauss, "gauss", false, 8},    {DatasetKind::spiral, "spiral", false, 8},
      {DatasetKind::plane, "plane", true, 0},     {DatasetKind::reg_gauss, "reg_gauss", true, 0},
  };
  return table;
}

std::optional<DatasetKind> find_dataset(const std::string& name) {
  for (const auto& d : dataset_table())
    if (d.name == name) return d.kind;
  return std::nullopt;
}

const DatasetInfo& dataset_info(DatasetKind kind) { return dataset_table()[static_cast<std::size_t>(kind)]; }

Points make_dataset(DatasetKind kind, const DatasetOptions& o) {
  Points p;
  p.x.reserve(o.points);
  p.y.reserve(o.points);
  p.label.reserve(o.points);
  Random r{{o.seed}};
  const double noise = o.noise / 100;
  switch (kind) {
    case DatasetKind::circle: circle(p, o.points, noise, r); break;
    case DatasetKind::xor_: xor_(p, o.points, noise, r); break;
    case DatasetKind::gauss: gauss(p, o.points, noise, o.classes, r); break;
    case DatasetKind::spiral: spiral(p, o.points, noise, o.classes, r); break;
    case DatasetKind::plane: regression(p, o.points, noise, plane_label, r); break;
    case DatasetKind::reg_gauss: regression(p, o.points, noise, gauss_label, r); break;
  }
  return p;
}

Split split_dataset(std::size_t n, double train_ratio, std::uint64_t seed) {
  const std::vector<std::size_t> order = epoch_order(n, seed);
  const auto train = static_cast<std::size_t>(std::floor(static_cast<double>(n) * train_ratio));
  Split s;
  s.train.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(train));
  s.test.assign(order.begin() + static_cast<std::ptrdiff_t>(train), order.end());
  std::sort(s.train.begin(), s.train.end());
  std::sort(s.test.begin(), s.test.end());
  return s;
}

}  // namespace bp
