#include "core/error.hpp"

#include <array>

namespace mosaik {
namespace {

constexpr std::array kInfos = {
    ErrcInfo{400, "bad-request", "The request could not be understood"},
    ErrcInfo{422, "validation-failed", "A field of the request is invalid"},
    ErrcInfo{401, "unauthorized", "Authentication is required"},
    ErrcInfo{403, "forbidden", "This action is not allowed"},
    ErrcInfo{404, "not-found", "The resource was not found"},
    ErrcInfo{405, "method-not-allowed", "The method is not allowed for this resource"},
    ErrcInfo{408, "request-timeout", "The request took too long to arrive"},
    ErrcInfo{409, "conflict", "The request conflicts with the current state"},
    ErrcInfo{412, "precondition-failed", "The resource has changed since it was read"},
    ErrcInfo{413, "payload-too-large", "The request body is too large"},
    ErrcInfo{415, "unsupported-media-type", "The request body has an unsupported media type"},
    ErrcInfo{429, "too-many-requests", "Too many requests"},
    ErrcInfo{431, "header-too-large", "The request headers are too large"},
    ErrcInfo{500, "internal", "Internal server error"},
    ErrcInfo{503, "unavailable", "The service is temporarily unavailable"},
};
static_assert(kInfos.size() == static_cast<std::size_t>(Errc::unavailable) + 1,
              "every Errc needs exactly one ErrcInfo");

}  // namespace

const ErrcInfo& errc_info(Errc code) noexcept {
  return kInfos[static_cast<std::size_t>(code)];
}

std::string problem_type(Errc code) {
  return "urn:mosaik:problem:" + std::string(errc_info(code).slug);
}

}  // namespace mosaik
