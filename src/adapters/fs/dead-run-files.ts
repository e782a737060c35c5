import { join } from 'node:path';
import { fsPromises } from './fs-promises.js';

/**
 * Removes the temporary files or folders in `dir` that runs killed mid-write left behind (a
 * SIGKILL never reaches a `finally`). `pattern` matches their names, its first group the pid of
 * the run that made them: those whose pid no longer runs go, and any older than `maxAgeMs` (a pid
 * can be reused, and names from before pids were in them carry none). Returns the paths removed.
 */
export async function removeDeadRunFiles(dir: string, pattern: RegExp, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  const { lstat, readdir, rm } = fsPromises();
  const removed: string[] = [];
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => pattern.test(name));
  for (const name of names) {
    const path = join(dir, name);
    const modified = await lstat(path).then((s) => s.mtimeMs, () => undefined);
    if (modified === undefined) continue;
    const pid = Number(pattern.exec(name)?.[1] ?? Number.NaN);
    const dead = Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
    if (!dead && now - modified < maxAgeMs) continue;
    await rm(path, { recursive: true, force: true }).then(() => removed.push(path), () => {});
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
