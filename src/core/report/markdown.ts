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

/** A commit sha as people read it (7 characters); other refs unchanged. */
export function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

/** Text with Markdown code spans turned back into plain words, for the terminal. */
export function plain(text: string): string {
  return text.replace(/`/g, '');
}
