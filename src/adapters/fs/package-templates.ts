import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackageTemplates } from '../../ports/starter-files.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const { existsSync } = requireBuiltin('node:fs') as typeof import('node:fs');
const { readdir, readFile } = requireBuiltin('node:fs/promises') as typeof import('node:fs/promises');

/**
 * The installed package's folders, found from this module: bundled it runs from dist/, from
 * source from src/adapters/fs/; both sit below the folder holding glidepath's package.json.
 */
export function packageTemplates(from: string = fileURLToPath(import.meta.url)): PackageTemplates {
  let root = dirname(from);
  while (!existsSync(join(root, 'schemas', 'config.schema.json')) && dirname(root) !== root) root = dirname(root);
  return {
    async readFolder(folder) {
      const files = new Map<string, string>();
      let names: string[];
      try {
        names = (await readdir(join(root, folder), { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
      } catch {
        return files;
      }
      for (const name of names.sort()) files.set(name, await readFile(join(root, folder, name), 'utf8'));
      return files;
    },
  };
}
