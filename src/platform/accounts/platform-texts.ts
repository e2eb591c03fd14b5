import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fillCompletely, mailFromTexts } from '../texts';

/** The mails of the platform itself and the placeholders each may use. */
export const PLATFORM_MAILS = {
  mailInvitation: ['displayName', 'link', 'expiresAt'],
  mailInvitationRenewed: ['displayName', 'link', 'expiresAt'],
  mailPasswordReset: ['displayName', 'link', 'expiresAt'],
  // the payee account of an organisation (payouts)
  mailPayeeAccountChanged: ['organisation', 'holder', 'oldIban', 'newIban', 'at'],
  mailPayeeAccountChangeRequested: ['organisation', 'holder', 'oldIban', 'newIban', 'at'],
  mailPayeeAccountChangeConfirmed: ['organisation', 'holder', 'oldIban', 'newIban', 'at'],
  mailPayeeAccountChangeRejected: ['organisation', 'holder', 'oldIban', 'newIban', 'at', 'comment'],
} as const;
/** Plain words the platform's code puts into its mails. */
export const PLATFORM_WORDS = ['payeeAccountNone'] as const;
export type PlatformMail = keyof typeof PLATFORM_MAILS;
export type PlatformTexts = Readonly<Record<string, string>>;

export const PLATFORM_TEXTS = Symbol('PLATFORM_TEXTS');
export const PLATFORM_TEXTS_FILE = 'platform.yaml';

export class PlatformTextsError extends Error {}

/**
 * Reads `<dir>/platform.yaml` and checks every block the platform needs is there and uses only
 * placeholders the platform fills; throws naming the file and the key otherwise.
 */
export function loadPlatformTexts(dir: string): PlatformTexts {
  const file = path.join(dir, PLATFORM_TEXTS_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PlatformTextsError(`${shown}: cannot be read: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PlatformTextsError(`${shown}: must be a map of text blocks`);
  const texts = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(texts)) {
    if (typeof value !== 'string' || !value.trim()) problems.push(`${shown}: /${key}: must be a non-empty text`);
  }
  for (const [mail, placeholders] of Object.entries(PLATFORM_MAILS)) {
    const sample = Object.fromEntries(placeholders.map((p) => [p, 'x']));
    for (const key of [`${mail}Subject`, `${mail}Body`]) {
      if (texts[key] === undefined) problems.push(`${shown}: /${key}: text block is missing`);
      else if (typeof texts[key] === 'string') {
        try {
          fillCompletely(key, texts[key] as string, sample);
        } catch (e) {
          problems.push(`${shown}: /${(e as Error).message} (allowed: ${placeholders.join(', ')})`);
        }
      }
    }
  }
  for (const key of PLATFORM_WORDS) if (texts[key] === undefined) problems.push(`${shown}: /${key}: text block is missing`);
  if (problems.length) throw new PlatformTextsError(problems.join('\n'));
  return Object.freeze({ ...(texts as Record<string, string>) });
}

/** The mail `name` in the configured wording, with dates already formatted for Berlin. */
/** The placeholders of mail M (distributed over a union, so a caller holding any one mail's name fills that mail's). */
type MailValues<M extends PlatformMail> = M extends PlatformMail ? Record<(typeof PLATFORM_MAILS)[M][number], string> : never;

export function platformMail<M extends PlatformMail>(texts: PlatformTexts, name: M, values: MailValues<M>): { subject: string; text: string } {
  const mail = mailFromTexts(texts, name, values);
  return { subject: mail.subject, text: mail.text.replace(/\s+$/, '') + '\n' };
}

/** `24.11.2026 um 21:05 Uhr`, in Europe/Berlin whatever the server's time zone. */
export function formatBerlinDateTime(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} um ${parts.hour}:${parts.minute} Uhr`;
}
