// Composes schemas/config.schema.json from the adapters' schema fragments: each provider's
// `src/adapters/providers/<type>.schema.json` and each metrics source's
// `src/adapters/metrics/<type>.schema.json` becomes a definition (named after its title) and a
// branch of the `provider` or `metricSource` union. Used by scripts/generate.mjs (and its --check).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fragments in `dir`, sorted by file name, each with the definition name it is composed under.
 * A fragment is either the entry's schema itself, or a wrapper whose `definitions.provider` (or
 * `definitions.source`) is the entry and whose other definitions (a release's `target`, a metric's
 * `query`) its adapter checks; definitions the entry refers to come along, renamed after it.
 */
export function readFragments(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const fragment = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const wrapped = fragment.definitions?.provider ?? fragment.definitions?.source;
      const entry = JSON.parse(JSON.stringify(wrapped ?? fragment));
      delete entry.$comment;
      if (typeof entry.title !== 'string') throw new Error(`${join(dir, file)}: a fragment needs a title (FlagdProvider), which names its definition and generated type`);
      const type = entry.properties?.type?.const;
      if (`${type}.schema.json` !== file) throw new Error(`${join(dir, file)}: properties.type.const is ${JSON.stringify(type)}; a fragment is named after its type (${type}.schema.json)`);
      const name = entry.title[0].toLowerCase() + entry.title.slice(1);
      const extra = {};
      if (wrapped) {
        const local = (ref) => `#/definitions/${name}${ref[0].toUpperCase()}${ref.slice(1)}`;
        const rewrite = (node) => {
          if (Array.isArray(node)) return node.map(rewrite);
          if (node === null || typeof node !== 'object') return node;
          const out = {};
          for (const [key, value] of Object.entries(node)) {
            if (key === '$ref' && typeof value === 'string') {
              if (value.startsWith('../common.schema.json#')) out[key] = value.slice(3);
              else if (value.startsWith('#/definitions/')) {
                const ref = value.slice('#/definitions/'.length);
                extra[local(ref).slice('#/definitions/'.length)] = ref;
                out[key] = local(ref);
              } else out[key] = value;
            } else out[key] = rewrite(value);
          }
          return out;
        };
        const schema = rewrite(entry);
        // Definitions the entry refers to, and those they refer to in turn.
        const done = new Set();
        let pending = Object.entries(extra);
        const definitions = {};
        while (pending.length > 0) {
          const next = [];
          for (const [renamed, original] of pending) {
            if (done.has(renamed)) continue;
            done.add(renamed);
            const before = Object.keys(extra).length;
            definitions[renamed] = rewrite(fragment.definitions[original]);
            next.push(...Object.entries(extra).slice(before));
          }
          pending = next;
        }
        return { file, type, name, schema, definitions };
      }
      return { file, type, name, schema: entry, definitions: {} };
    });
}

/** The config schema with `union`'s branches and definitions replaced by the fragments'. */
export function composeUnion(config, union, fragments) {
  const definitions = { ...config.definitions };
  for (const branch of definitions[union].oneOf) delete definitions[branch.$ref.replace('#/definitions/', '')];
  const composed = { ...definitions[union], oneOf: fragments.map((f) => ({ $ref: `#/definitions/${f.name}` })) };
  const result = {};
  // Keep the definitions' order: the union, then its branches, then the rest as they were.
  for (const [key, value] of Object.entries(definitions)) {
    result[key] = key === union ? composed : value;
    if (key === union) for (const f of fragments) Object.assign(result, { [f.name]: f.schema }, f.definitions);
  }
  return { ...config, definitions: result };
}

/** schemas/config.schema.json as `npm run generate` writes it. */
export function composeConfigSchema(config, root) {
  const providers = readFragments(join(root, 'src/adapters/providers'));
  const metricSources = readFragments(join(root, 'src/adapters/metrics'));
  return composeUnion(composeUnion(config, 'provider', providers), 'metricSource', metricSources);
}

/**
 * The fields a release's `target` may carry on each provider type besides `provider` and `key`,
 * from the fragments' `definitions.target`: validate checks a release's target against its
 * provider's list, which one JSON Schema cannot (the provider's type is in glidepath.yaml).
 */
export function targetFields(root) {
  const fields = {};
  for (const file of readdirSync(join(root, 'src/adapters/providers')).filter((f) => f.endsWith('.schema.json')).sort()) {
    const fragment = JSON.parse(readFileSync(join(root, 'src/adapters/providers', file), 'utf8'));
    const entry = fragment.definitions?.provider ?? fragment;
    const target = fragment.definitions?.target;
    fields[entry.properties.type.const] = Object.keys(target?.properties ?? {}).filter((k) => k !== 'provider' && k !== 'key');
  }
  return fields;
}
