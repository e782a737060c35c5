import type { CallFailureKind } from '../../ports/call.js';
import type { MetricsSnapshot } from './arm-data.js';

/**
 * What was measured for one window: a snapshot, or why nothing was (a metrics file missing, every
 * source down). A failure is a measurement — the gates see no data and hold — never a crash.
 */
export type MetricsResult =
  | { readonly ok: true; readonly snapshot: MetricsSnapshot }
  | { readonly ok: false; readonly error: string; readonly kind?: CallFailureKind };
