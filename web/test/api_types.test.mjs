// The API's generated types (src/api/openapi.ts) are those of the current docs/openapi.yaml:
// when the description changes, `npm run api-types` writes them again and the app's typecheck
// shows what no longer fits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { generateApiTypes, target } from "../tools/api_types.mjs";

test("src/api/openapi.ts is generated from the current docs/openapi.yaml", async () => {
  const committed = await readFile(target, "utf8");
  assert.ok(committed.includes("CityManifest: {"), "the city manifest's schema is among the types");
  assert.equal(committed, await generateApiTypes(), "src/api/openapi.ts is stale: run `npm run api-types`");
});
