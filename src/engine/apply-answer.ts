import type { CallResult } from '../ports/call.js';
import type { ApplyAnswer } from '../ports/traffic-provider.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';

/**
 * An apply answer where only a settled split will do (putting traffic back, a drill): a change
 * still under way is a failed call for now, and the next tick reads what the provider serves.
 */
export function settledSplit(answer: CallResult<ApplyAnswer>): CallResult<TrafficSplit> {
  if (!answer.ok) return answer;
  if (answer.value.status === 'settled') return { ok: true, value: answer.value.split };
  const { operation } = answer.value;
  return { ok: false, kind: 'unavailable', error: `the provider accepted the change but has not settled it (operation ${operation.id}${operation.status ? `, ${operation.status}` : ''})` };
}
