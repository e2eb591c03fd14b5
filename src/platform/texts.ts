// Wording of letters and mails comes from configuration (guideline text blocks, config/texts/); code only fills placeholders.

/** Replaces `{name}` by `values[name]`; placeholders without a value stay as they are. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole,
  );
}

/** Fills a text block and refuses to let a raw placeholder go out. */
export function fillCompletely(what: string, text: string, values: Record<string, string>): string {
  const filled = fillPlaceholders(text, values);
  const left = [...filled.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]);
  if (left.length) throw new Error(`${what}: no value for placeholder(s) ${[...new Set(left)].join(', ')}`);
  return filled;
}

/**
 * A mail whose wording is the text blocks `<key>Subject` and `<key>Body` of `texts`
 * (e.g. `mailInformationReminderSubject` / `mailInformationReminderBody`).
 */
export function mailFromTexts(texts: Record<string, string>, key: string, values: Record<string, string>): { subject: string; text: string } {
  const subject = texts[`${key}Subject`];
  const body = texts[`${key}Body`];
  if (subject === undefined || body === undefined) throw new Error(`text blocks ${key}Subject and ${key}Body are missing`);
  return { subject: fillCompletely(`${key}Subject`, subject, values).replace(/\s+/g, ' ').trim(), text: fillCompletely(`${key}Body`, body, values) };
}
