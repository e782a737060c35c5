/**
 * Every output a command may set in the Action. `action.yml` declares the same names (a test keeps
 * the two in step), so a workflow can rely on each output a run reports.
 */
export const ACTION_OUTPUTS = [
  'problems',
  'errors',
  'warnings',
  'releases',
  'weakenings',
  'check-url',
  'comment',
  'decisions',
  'decision',
  'outcome',
  'stage',
  'revert',
  'started',
  'rollouts',
  'ticks',
  'restore-ms',
  'ok',
  'verified',
  'dir',
] as const;

export type ActionOutput = (typeof ACTION_OUTPUTS)[number];

/** The outputs a command run sets: only names action.yml declares. */
export type ActionOutputs = Readonly<Partial<Record<ActionOutput, string>>>;
