import { mailFromTexts } from '../../platform/texts';
import type { GuidelineDefinition } from '../../guidelines/guideline.types';

/**
 * A mail from the guideline's text blocks `<key>Subject` / `<key>Body`. Values a person typed (titles, reasons,
 * messages) may contain braces; they are put in after the blocks are filled, so a "{…}" in them is neither
 * read as a placeholder nor refused as an unfilled one.
 */
export function mailFrom(texts: Record<string, string>, key: string, values: Record<string, string>): { subject: string; text: string } {
  const tokens = new Map<string, string>();
  const safe = Object.fromEntries(
    Object.entries(values).map(([name, value], i) => {
      const token = `\u0001${i}\u0001`;
      tokens.set(token, value);
      return [name, token];
    }),
  );
  const { subject, text } = mailFromTexts(texts, key, safe);
  const put = (s: string) => s.replace(/\u0001\d+\u0001/g, (token) => tokens.get(token) ?? token);
  return { subject: put(subject).replace(/\s+/g, ' ').trim(), text: put(text) };
}

/** A text block filled the same way (for optional lines such as the reason of a step). */
export function lineFrom(texts: Record<string, string>, key: string, values: Record<string, string>): string {
  const block = texts[key];
  if (block === undefined) throw new Error(`text block ${key} is missing`);
  return block.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole));
}

/**
 * The text blocks a mail is worded from: the case's guideline version, or, where that version was stored
 * before the blocks `keys` were configured, the current version of the same guideline.
 */
export function mailTextsOf(def: GuidelineDefinition, keys: readonly string[], current: (code: string) => GuidelineDefinition): Record<string, string> {
  if (keys.every((key) => key in def.texts)) return def.texts;
  return { ...current(def.code).texts, ...def.texts };
}
