import type { GlidepathRepository } from '../../core/model/index.js';

/**
 * Environment variables adapters read without being told (SageMaker's default AWS credential
 * chain): secrets even when no `…Env` field names them.
 */
const IMPLICIT_SECRET_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/** `…Env` fields that name something public: a CA certificate is not a secret, and masking its lines would garble logs. */
const PUBLIC_ENV_FIELDS = new Set(['caDataEnv']);

/**
 * Every environment variable the Glidepath files name as holding a credential: the value of each
 * field ending in `Env` (providers' `apiKeyEnv`, `secretAccessKeyEnv`…, metrics sources'
 * `apiTokenEnv`, notifications' `routingKeyEnv` and `webhookUrlEnv`), wherever it appears, so a
 * new adapter's field is covered without a list to keep.
 */
export function secretEnvNames(repository: GlidepathRepository): string[] {
  const names = new Set<string>(IMPLICIT_SECRET_ENV);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith('Env') && typeof value === 'string' && !PUBLIC_ENV_FIELDS.has(key)) names.add(value);
      else visit(value);
    }
  };
  visit(repository.config?.value);
  for (const documents of [repository.policies, repository.releases]) for (const document of documents.values()) visit(document.value);
  return [...names].sort();
}

/**
 * Registers the value of every named variable that is set with the runner's masking (`core.setSecret`),
 * before any command runs: whatever prints it later (an adapter's error, a provider echoing a
 * header) shows `***`. A multi-line value is masked line by line too, since the runner matches
 * log lines. Returns the names masked (never the values), for the debug log.
 */
export function maskConfiguredSecrets(names: readonly string[], env: Readonly<Record<string, string | undefined>>, setSecret: (value: string) => void): string[] {
  const masked: string[] = [];
  for (const name of names) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    setSecret(value);
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '' && line !== value) setSecret(line.trim());
    masked.push(name);
  }
  return masked;
}
