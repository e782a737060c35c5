import type { Built } from '../../ports/adapter-deps.js';

/**
 * The credential in the environment variable an entry names (`routingKeyEnv: PAGERDUTY_KEY`), or
 * the configuration error that says which variable to set. Credentials never sit in YAML.
 */
export function credentialFrom(env: Readonly<Record<string, string | undefined>>, entry: { readonly name: string }, field: string, variable: string): Built<string> {
  const value = env[variable];
  if (value === undefined || value.trim() === '') {
    return {
      ok: false,
      field: [field],
      error: `${entry.name}: environment variable ${variable} (${field}) is not set; add it to the workflow's env from a secret, e.g. ${variable}: \${{ secrets.${variable} }}`,
    };
  }
  return { ok: true, value: value.trim() };
}
