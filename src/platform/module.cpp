#include "platform/module.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "platform/identity/schema.hpp"
#include "platform/tenants/city.hpp"
#include "platform/tenants/city_store.hpp"

namespace mosaik::modules {

Result<json::object> Module::validate_settings(const json::object& settings) const {
  if (!settings.empty())
    return validation_error(std::string(settings.begin()->key()),
                            fmt::format("module '{}' has no settings", name()));
  return json::object{};
}

void ModuleCatalog::add(std::unique_ptr<Module> module) {
  auto n = module->name();
  bool valid = !n.empty() && n.front() >= 'a' && n.front() <= 'z';
  for (char c : n) valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!valid) throw std::logic_error(fmt::format("invalid module name '{}'", n));
  if (find(n)) throw std::logic_error(fmt::format("module '{}' registered twice", n));
  for (const auto& m : module->migrations())
    if (m.module != n)
      throw std::logic_error(fmt::format("module '{}' declares a migration of '{}'", n, m.module));
  modules_.push_back(std::move(module));
}

Result<std::optional<std::string>> load_demo_document(
    std::string_view module, const tenants::City& city,
    std::string_view (*embedded_file)(std::string_view name),
    const std::function<Result<std::string>(const json::object& document)>& load) {
  auto file = city.slug + ".json";
  auto text = embedded_file(file);
  if (text.empty()) return std::optional<std::string>();
  auto path = fmt::format("src/modules/{}/demo/{}", module, file);
  auto doc = parse_json_object(text);
  if (!doc) return Error(doc.error().code(), fmt::format("{}: {}", path, doc.error().detail()));
  auto loaded = load(*doc);
  if (!loaded)
    return Error(loaded.error().code(), fmt::format("{}: {}", path, loaded.error().detail()),
                 loaded.error().field());
  return std::optional<std::string>(std::move(*loaded));
}

const Module* ModuleCatalog::find(std::string_view name) const noexcept {
  for (const auto& m : modules_)
    if (m->name() == name) return m.get();
  return nullptr;
}

std::vector<storage::Migration> ModuleCatalog::all_migrations(
    const std::vector<storage::Migration>& shared) const {
  auto all = tenants::tenant_migrations();
  auto identity = identity::identity_migrations();
  all.insert(all.end(), identity.begin(), identity.end());
  all.insert(all.end(), shared.begin(), shared.end());
  for (const auto& m : modules_) {
    auto own = m->migrations();
    all.insert(all.end(), own.begin(), own.end());
  }
  return all;
}

}  // namespace mosaik::modules
