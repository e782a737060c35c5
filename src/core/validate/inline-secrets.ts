import type { PathSegment, SourceComment, SourceScalar } from '../yaml/source-map.js';

/** A literal that looks like a credential. `value` is for redaction only: it must never be printed. */
export interface SecretFinding {
  readonly start: number;
  readonly end: number;
  /** What it looks like, in words (`a GitHub token`); never the value. */
  readonly kind: string;
  /** The field it sits in (empty for comments and for files that were not composed). */
  readonly path: readonly PathSegment[];
  readonly inComment: boolean;
  readonly value: string;
}

interface SecretPattern {
  readonly kind: string;
  readonly pattern: RegExp;
  /** A further check on the match, to keep prose from tripping the pattern. */
  readonly accept?: (match: string) => boolean;
}

/** Known credential shapes. A new one is one line here. */
const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'an OpenAI or Anthropic API key', pattern: /\bsk-[A-Za-z0-9_-]{16,}/g },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'a Stripe key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g },
  { kind: 'a bearer token', pattern: /\b[Bb]earer\s+[A-Za-z0-9._~+/=-]{16,}/g, accept: (m) => /[0-9]/.test(m) },
  { kind: 'a password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@]+@/g },
];

/** Keys whose values are credentials whatever they look like (compared lower-case, without `-` and `_`). */
const SECRET_KEYS = new Set([
  'token', 'apikey', 'apitoken', 'accesstoken', 'authtoken', 'bearertoken', 'refreshtoken', 'secret', 'secretkey',
  'clientsecret', 'apisecret', 'password', 'passwd', 'pwd', 'authorization', 'privatekey', 'accesskey',
  'secretaccesskey', 'credential', 'credentials',
]);

const secretKeyMemo = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
  let secret = secretKeyMemo.get(key);
  if (secret === undefined) {
    secret = SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
    if (secretKeyMemo.size < 10_000) secretKeyMemo.set(key, secret);
  }
  return secret;
}

const TOKEN_CHARACTER = '[A-Za-z0-9+/=_-]';
const RANDOM_LOOKING = new RegExp(`${TOKEN_CHARACTER}{32,}`, 'g');
/** A run of 32 token characters, tried only where a run starts (from inside one it would rescan the run at every character). */
const LONG_TOKEN = new RegExp(`(?<!${TOKEN_CHARACTER})${TOKEN_CHARACTER}{32}`);

/**
 * A key `isSecretKey` accepts, as it can be written: the word in any case (Unicode case folding,
 * as toLowerCase reads the Kelvin sign as k), with `-` and `_` anywhere in it, and no letter or
 * digit either side. It also matches words that are not keys, which only costs a walk.
 */
const SECRET_KEY_WRITTEN = new RegExp(`(?<![A-Za-z0-9])[-_]*(?:${[...SECRET_KEYS].map((key) => [...key].join('[-_]*')).join('|')})[-_]*(?![A-Za-z0-9])`, 'iu');

/** Shorter than every pattern above can match: most scalars (names, numbers, enums) stop here. */
const SHORTEST_SECRET = 8;

/**
 * A literal that every pattern above contains: one cheap pass over a whole file or scalar before
 * the per-pattern search (keep it in step with SECRET_PATTERNS; a test checks that it does).
 */
const ANY_PATTERN = /sk-|gh[pousr]_|github_pat_|AKIA|ASIA|xox|AIza|k_live_|k_test_|hf_|eyJ|PRIVATE KEY|earer|:\/\//;

/**
 * Whether `findInlineSecrets` could find anything in a file that parsed to `value`: the scanner
 * needs the file's literals as written (with positions, from the full parser) only when this says
 * yes, so a valid file is scanned on its value alone. When no known token shape occurs anywhere in
 * the text (one pass of one expression), only long values and values under secret-looking keys
 * can hold a finding, and those are checked on the value. An empty value under such a key may
 * have been written `~` (a finding) or left blank (none): it counts as a yes, for the full scan to
 * settle.
 */
export function mayHoldInlineSecrets(text: string, value: unknown): boolean {
  // An escape (`"\x73k-…"`) can spell a token shape the text does not show: the literals settle it.
  if (value === undefined || ANY_PATTERN.test(text) || text.includes('\\')) return true;
  // Without escapes every key and value is written out as it reads (folding only adds spaces),
  // so one that could be a finding shows in the text as a long token or a secret-looking key:
  // most files need no walk at all.
  if (!LONG_TOKEN.test(text) && !SECRET_KEY_WRITTEN.test(text)) return false;
  const candidates: SourceScalar[] = [];
  collectCandidates(value, [], candidates);
  return candidates.length > 0 && findInlineSecrets(candidates, []).length > 0;
}

/** The leaves of a parsed value the scanner would look at, as scalars without positions (`path` is shared while walking). */
function collectCandidates(value: unknown, path: PathSegment[], out: SourceScalar[]): void {
  // Index loops rather than entries(): this walks every value of every file a plan loads, mostly
  // once each, before the JIT has warmed up, where iterators and pairs cost more than the walk.
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      collectCandidates(value[index], path, out);
      path.pop();
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      path.push(key);
      collectCandidates(record[key], path, out);
      path.pop();
    }
    return;
  }
  const key = path[path.length - 1];
  const text = typeof value === 'string' ? value : value === null ? 'null' : String(value);
  if (text.length >= 32 || (typeof key === 'string' && isSecretKey(key))) out.push({ text, start: 0, end: 0, path: [...path], isKey: false });
}

/**
 * Finds credentials written into a file: known token shapes anywhere (values, keys, comments),
 * long random-looking tokens in values, and any literal under a key such as `token` or
 * `password`. It runs on the text as written, before the schema, so no later message can echo
 * a secret that sits in an unknown field.
 */
export function findInlineSecrets(scalars: readonly SourceScalar[], comments: readonly SourceComment[]): SecretFinding[] {
  const findings = new Map<number, SecretFinding>();
  const add = (finding: SecretFinding): void => {
    if (!findings.has(finding.start)) findings.set(finding.start, finding);
  };
  for (const scalar of scalars) {
    matchPatterns(scalar.text, (index) => sourceOffset(scalar, index), scalar.path, false, add);
    if (!scalar.isKey) {
      const key = scalar.path[scalar.path.length - 1];
      if (typeof key === 'string' && isSecretKey(key) && scalar.text.trim() !== '') {
        add({ start: scalar.start, end: scalar.end, kind: `a value under \`${key}\``, path: scalar.path, inComment: false, value: scalar.text });
      }
      if (scalar.text.length < 32) continue;
      for (const match of scalar.text.matchAll(RANDOM_LOOKING)) {
        if (looksRandom(match[0])) {
          add({ start: sourceOffset(scalar, match.index), end: scalar.end, kind: 'a long random-looking token', path: scalar.path, inComment: false, value: match[0] });
        }
      }
    }
  }
  for (const comment of comments) matchPatterns(comment.text, (index) => comment.start + index, [], true, add);
  return [...findings.values()].sort((a, b) => a.start - b.start);
}

function matchPatterns(text: string, at: (index: number) => number, path: readonly PathSegment[], inComment: boolean, add: (f: SecretFinding) => void): void {
  if (text.length < SHORTEST_SECRET || !ANY_PATTERN.test(text)) return;
  for (const { kind, pattern, accept } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (accept && !accept(match[0])) continue;
      const start = at(match.index);
      add({ start, end: start + match[0].length, kind, path, inComment, value: match[0] });
    }
  }
}

/**
 * Where character `index` of a scalar's text sits in the file: exact for plain and simply quoted
 * scalars; for folded or escaped ones, the scalar's start.
 */
function sourceOffset(scalar: SourceScalar, index: number): number {
  const span = scalar.end - scalar.start;
  if (span === scalar.text.length) return scalar.start + index;
  if (span === scalar.text.length + 2) return scalar.start + 1 + index;
  return scalar.start;
}

/**
 * Random-looking: mixed case with digits scattered through it (at least three separate runs),
 * no long run of lower-case letters (words: `SecurityGuidelines2024` is prose, not a key), not a
 * chain of short path segments, and high entropy.
 */
function looksRandom(token: string): boolean {
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token)) return false;
  if ((token.match(/[0-9]+/g) ?? []).length < 3) return false;
  if (/[a-z]{8}/.test(token)) return false;
  if (token.includes('/') && token.split('/').every((part) => part.length < 24)) return false;
  return shannonEntropy(token) >= 4.0;
}

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * `text` with every secret replaced, as the last line of defence before anything is printed.
 * Very short values are left alone (they would mangle ordinary words); they are never quoted by
 * any message in the first place.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}
