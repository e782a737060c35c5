import { describeSplit } from '../core/rollout/split.js';
import type { CallResult } from '../ports/call.js';
import type { FlagFiles } from '../ports/flag-files.js';
import type { ApiProvider, ApplyAnswer, GitOpsProvider, TrafficTarget } from '../ports/traffic-provider.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';

/** Read, render and write again this many times when the files change under a write, then answer `conflict`. */
const MAX_WRITE_ATTEMPTS = 3;

/**
 * A GitOps provider as the engine drives every provider: read is "read the files, let the provider
 * parse them"; apply is "read, render, write with the version read, read back". The provider stays
 * pure (files in, files out); where the files live — the working tree, a flag branch — is the store's.
 */
export function gitOpsAsApi(provider: GitOpsProvider, files: FlagFiles): ApiProvider {
  async function read(target: TrafficTarget, options?: { readonly signal?: AbortSignal }): Promise<CallResult<TrafficSplit>> {
    const snapshot = await files.read(provider.paths(target), options);
    return snapshot.ok ? provider.read(target, snapshot.value.files) : snapshot;
  }
  return {
    kind: 'api',
    type: provider.type,
    capabilities: provider.capabilities,
    read,
    async apply(target, split, options): Promise<CallResult<ApplyAnswer>> {
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
        const snapshot = await files.read(provider.paths(target), options);
        if (!snapshot.ok) return snapshot;
        const changes = provider.render(target, split, snapshot.value.files);
        if (!changes.ok) return changes;
        if (changes.value.length > 0) {
          const written = await files.write(changes.value, snapshot.value.version, `glidepath: ${target.release} → ${describeSplit(split)}`, options);
          if (!written.ok) return written;
          if (written.value.status === 'conflict') continue;
        }
        const back = await read(target, options);
        return back.ok ? { ok: true, value: { status: 'settled', split: back.value } } : back;
      }
      return { ok: false, kind: 'conflict', error: `${provider.paths(target).join(', ')} changed under every one of ${MAX_WRITE_ATTEMPTS} writes; another run or a person is editing them` };
    },
  };
}
