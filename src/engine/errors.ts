/** A mistake in how a command was called; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/**
 * Files that stop a command before it acts, such as a glidepath.yaml that does not load: exit 2
 * like a usage error, but the command was called right, so the CLI prints no usage with it.
 */
export class ConfigurationError extends UsageError {
  override readonly name: string = 'ConfigurationError';
}
