/** Markdown table cell: one line, no table or HTML syntax from user text. */
export function cell(text: string): string {
  return prose(text).replace(/\|/g, '\\|');
}

/** A table cell for a recorded value: numbers to 4 significant digits, nothing as `–`, text as `cell`. */
export function valueCell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '–';
  return cell(String(value));
}

/** Inline code that survives backticks in the text (CommonMark: a longer fence, padded). */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  if (!flat.includes('`')) return `\`${flat}\``;
  const longest = Math.max(...(flat.match(/`+/g) ?? ['']).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}

/** Inline code inside a table cell, where GFM reads a bare `|` as a column break even in code. */
export function codeCell(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/**
 * Plain prose from user text: one line, no HTML, and no @-mentions — a sticky comment is
 * rewritten on every push, and each rewrite would notify whoever a description names.
 */
export function prose(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@(?=\w)/g, '&#64;');
}

/**
 * The one escaping for what a person or a payload wrote (a reason, a login, a comment's words, a
 * metric or release name) wherever it lands in GitHub Markdown: one line, no HTML, no @-mentions
 * (prose), and no emphasis, links, headings, lists or quotes, so it cannot render as a fake
 * verdict or ping anyone. Code spans (`code`) are the other safe place for such text.
 */
export function inert(text: string): string {
  // Escape first: prose then adds entities (`&#64;`) whose `#` must stay as it is.
  return prose(text.replace(/[\\`*_[\]{}()#+!|~-]/g, '\\$&'));
}

/** A commit sha as people read it (7 characters); other refs unchanged. */
export function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

/** Text with Markdown code spans turned back into plain words, for the terminal. */
export function plain(text: string): string {
  return text.replace(/`/g, '');
}
