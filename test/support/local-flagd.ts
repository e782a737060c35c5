import { createWorkingTreeFiles } from '../../src/adapters/fs/working-tree-files.js';
import { FLAGD_CAPABILITIES, flagdFiles } from '../../src/adapters/providers/flagd.js';
import { gitOpsAsApi } from '../../src/engine/gitops-provider.js';
import { silentLogger } from '../../src/ports/logger.js';
import { systemClock } from '../../src/ports/clock.js';
import type { FlagdProvider } from '../../src/core/model/index.js';
import type { AdapterDeps } from '../../src/ports/adapter-deps.js';
import type { CallResult } from '../../src/ports/call.js';
import type { ApiProvider, ApplyAnswer, ProviderRegistry } from '../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../src/core/model/traffic-split.js';

/** The quickstart's flagd entry. */
export const FLAGD: FlagdProvider = { name: 'flags', type: 'flagd', path: 'flags/glidepath.flagd.json' };

/** Dependencies for a factory in a test: no environment, a fetch that refuses, a silent logger. */
export function testDeps(root: string, overrides: Partial<AdapterDeps> = {}): AdapterDeps {
  return {
    root,
    env: {},
    fetch: () => Promise.reject(new Error('no network in this test')),
    logger: silentLogger,
    clock: systemClock,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** flagd over the working tree at `root`, as the engine drives it (read, render, write, read back). */
export function localFlagd(config: Pick<FlagdProvider, 'path' | 'bucketBy'>, root: string): ApiProvider {
  return gitOpsAsApi(flagdFiles(config), createWorkingTreeFiles(root));
}

/** A flagd registry entry whose provider is the real one over the working tree, changed by `wrap` (faults, kills, caps). */
export function flagdAs(wrap: (real: ApiProvider, config: FlagdProvider) => ApiProvider): ProviderRegistry['flagd'] {
  return { capabilities: FLAGD_CAPABILITIES, create: (config, deps) => ({ ok: true, value: wrap(localFlagd(config, deps.root), config) }) };
}

/** An apply that settled on `split`. */
export function settled(split: TrafficSplit): CallResult<ApplyAnswer> {
  return { ok: true, value: { status: 'settled', split } };
}
