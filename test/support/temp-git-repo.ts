import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway git repository for adapter and engine tests; its identity is local to it. */
export interface TempGitRepo {
  readonly dir: string;
  /** Runs git in the repository and returns trimmed stdout. */
  git(...args: string[]): string;
  /** Writes files into the working tree (content `null` deletes), stages everything and commits on the current branch. */
  commit(files: Readonly<Record<string, string | null>>, message: string): string;
  /** Copies a directory's contents into the working tree (no commit). */
  copyIn(source: string): void;
  cleanup(): void;
}

export function createTempGitRepo(files: Readonly<Record<string, string>> = {}, prefix = 'glidepath-test-'): TempGitRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test Author');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  const repo: TempGitRepo = {
    dir,
    git,
    commit(changes, message) {
      for (const [path, content] of Object.entries(changes)) {
        const full = join(dir, path);
        if (content === null) rmSync(full, { force: true });
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    copyIn(source) {
      cpSync(source, dir, { recursive: true });
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (Object.keys(files).length > 0) repo.commit(files, 'initial');
  return repo;
}
