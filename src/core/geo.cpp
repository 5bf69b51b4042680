#include "core/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mosaik {

double distance_m(GeoPoint a, GeoPoint b) noexcept {
  constexpr double kEarthRadius = 6'371'000;
  constexpr double kRad = std::numbers::pi / 180;
  double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.lat * kRad) *
                                                           std::cos(b.lat * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace mosaik
