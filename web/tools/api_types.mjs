// The API's types, generated from its description (docs/openapi.yaml) with openapi-typescript,
// so that the app cannot drift from the server: src/api/openapi.ts is written by
// `npm run api-types` and committed; test/api_types.test.mjs fails when it is not what
// docs/openapi.yaml gives. docs/openapi.yaml is itself generated from the platform's and the
// modules' parts (tests/conformance/assemble_openapi.mjs): assemble first, then run this.
// (openapi-typescript 6: version 7 needs TypeScript 5's compiler API,
// and the app builds with TypeScript 7.)
import { writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS from "openapi-typescript";
import prettier from "prettier";

const description = new URL("../../docs/openapi.yaml", import.meta.url);
export const target = new URL("../src/api/openapi.ts", import.meta.url);

const header = `// Generated from docs/openapi.yaml by tools/api_types.mjs (npm run api-types): do not edit.
// The app's names for these types are in ./types.ts.
`;

/** The text src/api/openapi.ts must have for the current docs/openapi.yaml. */
export async function generateApiTypes() {
  const types = await openapiTS(description, { emptyObjectsUnknown: true });
  const options = (await prettier.resolveConfig(fileURLToPath(target))) ?? {};
  return prettier.format(header + types, { ...options, parser: "typescript" });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(target, await generateApiTypes());
  console.log(`wrote ${fileURLToPath(target)}`);
}
