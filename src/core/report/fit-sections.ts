/**
 * Joins `sections` with blank lines into at most `max` characters. Whole sections are kept in
 * order while they fit together with `footer(omitted)`; a first section too long on its own is cut
 * at a line boundary. The footer says what was left out and where to find it.
 */
export function fitSections(sections: readonly string[], max: number, footer: (omitted: number) => string): string {
  const whole = sections.join('\n\n');
  if (whole.length <= max) return whole;
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < sections.length; i += 1) {
    const section = sections[i] as string;
    const tail = footer(sections.length - i - 1);
    const added = (kept.length > 0 ? 2 : 0) + section.length;
    if (length + added + 2 + tail.length <= max) {
      kept.push(section);
      length += added;
      continue;
    }
    if (kept.length === 0) kept.push(cutAtLine(section, max - 2 - footer(sections.length - 1).length));
    return `${kept.join('\n\n')}\n\n${footer(sections.length - kept.length)}`;
  }
  return kept.join('\n\n');
}

/** The longest prefix of `text` that ends at a line break and has at most `max` characters. */
export function cutAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const cut = text.lastIndexOf('\n', max);
  return cut > 0 ? text.slice(0, cut) : text.slice(0, max);
}
