/**
 * A TFX Evaluator's verdict on a model: TFMA's ValidationResult as JSON, or the Evaluator's
 * blessing file. TFMA writes the ValidationResult as a TFRecord of protos (`validations.tfrecord`);
 * the offline gate reads it as JSON, with proto field names (`validation_ok`, MessageToDict with
 * preserving_proto_field_name) or JSON names (`validationOk`, json_format.MessageToJson). The
 * Evaluator's blessing is an empty file named `BLESSED` or `NOT_BLESSED`: the gate names the one it
 * expects, and a missing file is a failed gate.
 */
export type TfmaRead =
  | { readonly ok: true; readonly blessed: boolean; readonly failures: readonly string[]; readonly rubberStamp: boolean }
  | { readonly ok: false; readonly error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (o: Record<string, unknown>, snake: string, camel: string): unknown => (snake in o ? o[snake] : o[camel]);

/** Failures listed in the evidence: the first few say why a model was not blessed. */
const MAX_FAILURES = 10;

/** Reads the blessing from `path` (its base name) and `text` (the file's contents). */
export function readTfmaValidation(path: string, text: string): TfmaRead {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'BLESSED') return { ok: true, blessed: true, failures: [], rubberStamp: false };
  if (base === 'NOT_BLESSED') return { ok: true, blessed: false, failures: ['the Evaluator wrote NOT_BLESSED'], rubberStamp: false };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `it is not JSON (${(error as Error).message}); convert TFMA's validations.tfrecord to JSON (json_format.MessageToJson), or point at the Evaluator's BLESSED / NOT_BLESSED file` };
  }
  if (!isRecord(document)) return { ok: false, error: 'it is not a ValidationResult object' };
  const ok = field(document, 'validation_ok', 'validationOk');
  // proto3 JSON leaves out false booleans: an absent validation_ok is false, but only in a document that is a ValidationResult at all.
  const perSlice = field(document, 'metric_validations_per_slice', 'metricValidationsPerSlice');
  if (ok === undefined && perSlice === undefined && field(document, 'missing_slices', 'missingSlices') === undefined) {
    return { ok: false, error: 'it has neither validation_ok nor metric_validations_per_slice; is it a TFMA ValidationResult?' };
  }
  if (ok !== undefined && typeof ok !== 'boolean') return { ok: false, error: `validation_ok is ${JSON.stringify(ok)}; expected true or false` };
  const failures: string[] = [];
  for (const slice of Array.isArray(perSlice) ? perSlice : []) {
    if (!isRecord(slice)) continue;
    for (const failure of (field(slice, 'failures', 'failures') as unknown[] | undefined) ?? []) {
      if (!isRecord(failure)) continue;
      const key = field(failure, 'metric_key', 'metricKey');
      const name = isRecord(key) && typeof key['name'] === 'string' ? key['name'] : 'a metric';
      const message = typeof failure['message'] === 'string' ? failure['message'] : 'failed its threshold';
      failures.push(`${name}: ${message}`);
    }
  }
  const missing = field(document, 'missing_slices', 'missingSlices');
  if (Array.isArray(missing) && missing.length > 0) failures.push(`${missing.length} slice(s) the thresholds name have no data`);
  const rubberStamp = field(document, 'rubber_stamp', 'rubberStamp') === true;
  return { ok: true, blessed: ok === true, failures: failures.slice(0, MAX_FAILURES), rubberStamp };
}
