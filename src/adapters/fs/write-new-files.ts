import module from 'node:module';
import { dirname } from 'node:path';
import type { WriteNewFiles } from '../../ports/starter-files.js';
import { resolveInsideRoot } from './inside-root.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const { mkdir, writeFile } = requireBuiltin('node:fs/promises') as typeof import('node:fs/promises');

/** Creates each file with `wx`, so an existing file is never overwritten, even by a race. */
export const writeNewFiles: WriteNewFiles = async (root, files) => {
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = resolveInsideRoot(root, file.path);
    if (target === undefined) throw new Error(`${file.path} is outside ${root}`);
    await mkdir(dirname(target), { recursive: true });
    try {
      await writeFile(target, file.content, { encoding: 'utf8', flag: 'wx' });
      written.push(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      kept.push(file.path);
    }
  }
  return { written, kept };
};
