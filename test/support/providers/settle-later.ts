import type { ApiProvider, ApplyAnswer, PendingOperation, ProviderType, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import { FLAGD_CAPABILITIES } from '../../../src/adapters/providers/flagd.js';
import { localFlagd } from '../local-flagd.js';
import type { CallResult } from '../../../src/ports/call.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';

/**
 * A provider that settles later, as SageMaker or Vertex AI endpoints do: `apply` only accepts the
 * change (pending, "Updating"); the test decides when it takes effect (`settle`, which writes it
 * through the real provider underneath) or goes wrong (`fail`). `verify` reports where it stands.
 */
export function settleLater(real: ApiProvider) {
  let next = 0;
  let pending: { operation: PendingOperation; target: TrafficTarget; split: TrafficSplit } | undefined;
  let failure: string | undefined;
  const provider: ApiProvider = {
    kind: 'api',
    type: real.type,
    capabilities: { ...real.capabilities, settles: 'eventually' },
    read: (target, options) => real.read(target, options),
    async apply(target, split): Promise<CallResult<ApplyAnswer>> {
      next += 1;
      const operation: PendingOperation = { id: `update-${next}`, requested: split, status: 'Updating' };
      pending = { operation, target, split };
      failure = undefined;
      return { ok: true, value: { status: 'pending', operation } };
    },
    async verify(target, operation): Promise<CallResult<ApplyAnswer>> {
      if (failure !== undefined) return { ok: false, kind: 'invalid', error: failure };
      if (pending?.operation.id === operation.id) return { ok: true, value: { status: 'pending', operation: pending.operation } };
      const read = await real.read(target);
      return read.ok ? { ok: true, value: { status: 'settled', split: read.value } } : read;
    },
  };
  return {
    provider,
    /** The accepted change takes effect. */
    async settle(): Promise<void> {
      if (!pending) throw new Error('nothing is pending');
      const { target, split } = pending;
      pending = undefined;
      const answer = await real.apply(target, split);
      if (!answer.ok) throw new Error(answer.error);
    },
    /** The accepted change fails on the provider's side. */
    fail(error: string): void {
      pending = undefined;
      failure = error;
    },
    get pending(): PendingOperation | undefined {
      return pending?.operation;
    },
  };
}

/** The entry of the fragment beside this file (settle-later.schema.json). */
export interface SettleLaterConfig {
  readonly name: string;
  readonly type: 'settle-later';
  readonly path: string;
}

/** The registry entry: static capabilities and the factory, as every provider type has. */
export const settleLaterProviderType: ProviderType<SettleLaterConfig> = {
  capabilities: { ...FLAGD_CAPABILITIES, settles: 'eventually' },
  create: (config, deps) => ({ ok: true, value: settleLater(localFlagd({ path: config.path }, deps.root)).provider }),
};
