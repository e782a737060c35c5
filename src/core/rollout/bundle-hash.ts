import { canonicalJson } from '../audit/canonical-json.js';
import type { Sha256 } from '../audit/hash.js';
import type { Bundle } from '../model/index.js';

/**
 * Content hash of a bundle: SHA-256 of the canonical JSON of
 * `{model, promptSha256, parameters, tools}`. The prompt counts by its text, not its path, so a
 * renamed file is the same bundle and an edited one is not; absent parameters and tools hash as
 * `{}` and `[]`, and tool order counts (some serving APIs put tools in the prompt in order).
 * `promptText` undefined: the bundle has no prompt file (`promptSha256: null`).
 */
export function bundleHash(bundle: Bundle, promptText: string | undefined, sha256: Sha256): string {
  return sha256(canonicalJson({
    model: bundle.model,
    promptSha256: promptText === undefined ? null : sha256(promptText),
    parameters: bundle.parameters ?? {},
    tools: bundle.tools ?? [],
  }));
}
