/** The `{{name}}` templates in `text` that are not among `allowed`. */
export function unknownTemplates(text: string, allowed: readonly string[]): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '').filter((name) => !allowed.includes(name));
}

/** `uses {{x}}; the templates are {{arm}}, …` when `text` names a template the source does not fill, else undefined. */
export function templatesProblem(text: string, allowed: readonly string[]): string | undefined {
  const unknown = unknownTemplates(text, allowed);
  return unknown.length > 0 ? `uses ${unknown.map((n) => `{{${n}}}`).join(', ')}; the templates are ${allowed.map((n) => `{{${n}}}`).join(', ')}` : undefined;
}
