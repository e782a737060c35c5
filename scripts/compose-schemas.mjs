// Composes schemas/config.schema.json from the adapters' schema fragments: each provider's
// `src/adapters/providers/<type>.schema.json` and each metrics source's
// `src/adapters/metrics/<type>.schema.json` becomes a definition (named after its title) and a
// branch of the `provider` or `metricSource` union. Used by scripts/generate.mjs (and its --check).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The fragments in `dir`, sorted by file name, each with the definition name it is composed under. */
export function readFragments(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const schema = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      delete schema.$comment;
      if (typeof schema.title !== 'string') throw new Error(`${join(dir, file)}: a fragment needs a title (FlagdProvider), which names its definition and generated type`);
      const type = schema.properties?.type?.const;
      if (`${type}.schema.json` !== file) throw new Error(`${join(dir, file)}: properties.type.const is ${JSON.stringify(type)}; a fragment is named after its type (${type}.schema.json)`);
      return { file, type, name: schema.title[0].toLowerCase() + schema.title.slice(1), schema };
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
    if (key === union) for (const f of fragments) result[f.name] = f.schema;
  }
  return { ...config, definitions: result };
}

/** schemas/config.schema.json as `npm run generate` writes it. */
export function composeConfigSchema(config, root) {
  const providers = readFragments(join(root, 'src/adapters/providers'));
  const metricSources = readFragments(join(root, 'src/adapters/metrics'));
  return composeUnion(composeUnion(config, 'provider', providers), 'metricSource', metricSources);
}
