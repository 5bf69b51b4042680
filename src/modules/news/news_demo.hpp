// The demo cities' news (src/modules/news/demo/*.json), loaded by `mosaik demo load`.
#pragma once

#include "core/json.hpp"
#include "platform/tenants/city.hpp"
#include "storage/store.hpp"

namespace mosaik::modules::news {

// Stores the items of a demo document {"items": [{...the fields of POST /news, "status" and
// "publish_at" excepted..., "hours_ago": N}]}: each is published N hours before `now_ms`
// (negative: scheduled for later). Every item is validated like an editor's, and all are
// stored in one transaction or none. Not audited, like the rest of the demo content.
// Errors: validation_failed naming "items[i].field"; storage errors.
Result<std::size_t> load_demo_news(storage::Store& store, const tenants::City& city,
                                   const json::object& doc, std::int64_t now_ms);

}  // namespace mosaik::modules::news
