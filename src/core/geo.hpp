// The one point type of Mosaik (WGS 84 degrees, as GeoJSON, Open311 and the map use) and the one
// distance between two points.
#pragma once

namespace mosaik {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

// Great-circle distance in metres (haversine on a sphere of 6,371 km): good to 0.5 % for the
// distances of a city.
double distance_m(GeoPoint a, GeoPoint b) noexcept;

}  // namespace mosaik
