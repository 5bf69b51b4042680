// Assembles the OpenAPI description docs/openapi.yaml from its parts: the platform's part
// (docs/openapi/platform.yaml: info, servers, security schemes, the platform's paths and the
// components several modules share) and every module's part (src/modules/<name>/openapi.yaml,
// found by listing src/modules, so a new module needs no entry here).
//
//   node tests/conformance/assemble_openapi.mjs           writes docs/openapi.yaml
//   node tests/conformance/assemble_openapi.mjs --check   exits 1 when docs/openapi.yaml is stale
//   (or `npm run --prefix tests/conformance assemble-openapi`)
//
// Every part is plain OpenAPI with local references (#/components/...). A module part holds only
// `tags`, `paths` and `components`; the assembler appends them to the platform's, modules in the
// order of their folder names, and fails, naming the parts, on a second path, operationId, tag or
// component of the same name. A reference in a module part must name something of that part or
// of the platform's: one module never refers to another module's components, as its C++ never
// includes another module's headers. Comments and the layout of the parts' nodes are kept.
// Needs the npm package `yaml` of package-lock.json (`npm ci --prefix tests/conformance`).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const platformPartPath = 'docs/openapi/platform.yaml';
export const assembledPath = 'docs/openapi.yaml';
const modulesDir = 'src/modules';

const MODULE_KEYS = ['tags', 'paths', 'components'];
const METHODS = ['get', 'head', 'options', 'post', 'put', 'patch', 'delete', 'trace'];
// Written as the parts are (flow collections as `{a: b}`, no folding of long lines).
const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false };

/** The parts in the repository at `base`: [{source, text}], the platform's first, then the modules' by folder name. */
export function readParts(base = root) {
  const parts = [{ source: platformPartPath, text: readFileSync(path.join(base, platformPartPath), 'utf8') }];
  const names = readdirSync(path.join(base, modulesDir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));  // code points, not the locale: the same everywhere
  for (const name of names) {
    const source = `${modulesDir}/${name}/openapi.yaml`;
    if (existsSync(path.join(base, source))) parts.push({ source, text: readFileSync(path.join(base, source), 'utf8') });
  }
  return parts;
}

function parsePart({ source, text }) {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('\n')}`);
  if (doc.warnings.length) throw new Error(`${source}: ${doc.warnings.map((e) => e.message).join('\n')}`);
  if (!YAML.isMap(doc.contents)) throw new Error(`${source}: a part is a YAML mapping (an OpenAPI object)`);
  return doc;
}

// The mapping under `key` of the mapping `parent`, added when missing.
function mapAt(parent, key, source, where = key) {
  const node = parent.get(key, true);
  if (node === undefined) {
    const created = new YAML.YAMLMap();
    parent.set(key, created);
    return created;
  }
  if (!YAML.isMap(node)) throw new Error(`${source}: \`${where}\` is a mapping`);
  return node;
}

// The local references in a part's value, with where they are ("paths./x.get").
function* referencesOf(value, where) {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* referencesOf(item, `${where}[${i}]`);
  } else if (value && typeof value === 'object') {
    if (typeof value.$ref === 'string') yield { ref: value.$ref, where };
    for (const [key, item] of Object.entries(value)) yield* referencesOf(item, where ? `${where}.${key}` : key);
  }
}

function resolvePointer(value, ref) {
  if (!ref.startsWith('#/')) return undefined;
  return ref.slice(2).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => (node && typeof node === 'object' && Object.hasOwn(node, key) ? node[key] : undefined), value);
}

/**
 * The text of docs/openapi.yaml for `parts` ([{source, text}], the platform's part first).
 * Throws an Error naming the parts on a clash or a reference that names nothing.
 */
export function assembleDescription(parts) {
  const [platform, ...modules] = parts;
  const out = parsePart(platform);
  const platformValue = out.toJS();
  const owners = new Map();  // "path /x", "operationId y", "tag z", "schemas/S" -> source
  const claim = (what, source) => {
    if (owners.has(what)) throw new Error(`${source}: ${what} is already in ${owners.get(what)}`);
    owners.set(what, source);
  };
  const claimPathItem = (template, item, source) => {
    claim(`path ${template}`, source);
    for (const method of METHODS) {
      const operationId = item?.[method]?.operationId;
      if (operationId !== undefined) claim(`operationId ${operationId}`, source);
    }
  };
  const problems = [];
  const checkReferences = (value, source, alsoIn) => {
    for (const { ref, where } of referencesOf(value, '')) {
      if (resolvePointer(value, ref) === undefined && (alsoIn === undefined || resolvePointer(alsoIn, ref) === undefined))
        problems.push(`${source}: ${where} refers to ${ref}, which is not in ${alsoIn ? `this part or ${platform.source}` : 'this part'}`);
    }
  };

  for (const tag of platformValue.tags ?? []) claim(`tag ${tag.name}`, platform.source);
  for (const [template, item] of Object.entries(platformValue.paths ?? {})) claimPathItem(template, item, platform.source);
  for (const [section, entries] of Object.entries(platformValue.components ?? {}))
    for (const name of Object.keys(entries ?? {})) claim(`component ${section}/${name}`, platform.source);
  checkReferences(platformValue, platform.source);

  let tags = out.contents.get('tags', true);
  if (tags === undefined) out.contents.set('tags', (tags = new YAML.YAMLSeq()));
  const paths = mapAt(out.contents, 'paths', platform.source);
  const components = mapAt(out.contents, 'components', platform.source);

  for (const part of modules) {
    const doc = parsePart(part);
    const value = doc.toJS();
    for (const key of Object.keys(value))
      if (!MODULE_KEYS.includes(key))
        throw new Error(`${part.source}: a module's part holds only ${MODULE_KEYS.join(', ')}; \`${key}\` belongs in ${platform.source}`);
    checkReferences(value, part.source, platformValue);
    // The first of a module's paths and components says where they come from.
    const marker = ` ---- from ${part.source} ----`;
    const mark = (pair) => { pair.key.spaceBefore = true; pair.key.commentBefore = marker; };

    const partTags = doc.contents.get('tags', true);
    if (partTags !== undefined && !YAML.isSeq(partTags)) throw new Error(`${part.source}: \`tags\` is a sequence`);
    for (const [i, tag] of (partTags?.items ?? []).entries()) {
      claim(`tag ${value.tags[i]?.name}`, part.source);
      tags.items.push(tag);
    }
    const partPaths = mapAt(doc.contents, 'paths', part.source);
    for (const [i, pair] of partPaths.items.entries()) {
      claimPathItem(String(pair.key.value), value.paths[pair.key.value], part.source);
      if (i === 0) mark(pair);
      paths.items.push(pair);
    }
    const partComponents = mapAt(doc.contents, 'components', part.source);
    for (const sectionPair of partComponents.items) {
      const section = String(sectionPair.key.value);
      const entries = mapAt(partComponents, section, part.source, `components.${section}`);
      const target = mapAt(components, section, platform.source, `components.${section}`);
      for (const [i, pair] of entries.items.entries()) {
        claim(`component ${section}/${pair.key.value}`, part.source);
        if (i === 0) mark(pair);
        target.items.push(pair);
      }
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));

  out.commentBefore = [
    ` Generated by tests/conformance/assemble_openapi.mjs from these parts: do not edit.`,
    ...parts.map((part) => `   ${part.source}`),
    ` Edit those parts, then run \`npm run --prefix tests/conformance assemble-openapi\`;`,
    ` tests/conformance/openapi_parts.test.mjs fails when this file is not what the parts give.`,
  ].join('\n');
  return out.toString(STRINGIFY);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const target = path.join(root, assembledPath);
  let text;
  try {
    text = assembleDescription(readParts());
  } catch (error) {
    console.error(`assemble_openapi: ${error.message}`);
    process.exit(1);
  }
  if (check) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error(`${assembledPath} is not what its parts give: run \`npm run --prefix tests/conformance assemble-openapi\``);
      process.exit(1);
    }
    console.log(`${assembledPath} is up to date`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
