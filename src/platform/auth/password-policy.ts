// loaded with the first password checked, not at every start
let commonList: { test(password: string): boolean } | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonPasswords = () => (commonList ??= require('fxa-common-password-list') as { test(password: string): boolean });

/** ASVS 5.0 L2 (V6.2): at least 12 characters, at most 128, no composition rules, not common, not the account's own data. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblemCode = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_TOO_COMMON' | 'PASSWORD_CONTAINS_ACCOUNT_DATA';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
  field: string;
}

/** What the password must not contain: the account's e-mail address and display name. */
export interface PasswordContext {
  email?: string | null;
  displayName?: string | null;
}

/** German words the shipped (English-centred) list lacks; checked like the list. */
const EXTRA_COMMON = new Set(['passwort', 'kennwort', 'geheim', 'hallo', 'schatz', 'qwertz', 'qwertzuiop', 'foerderwerk', 'förderwerk', 'willkommen', 'sommer', 'winter']);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Lower case, de-leeted, stripped of leading and trailing digits and symbols: `P@ssw0rt1234!` → `passwort`. */
function variants(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const stripped = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const deleeted = lower.replace(/[0134579@$!]/g, (c) => LEET[c] ?? c);
  const deleetedStripped = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '').replace(/[0134579@$!]/g, (c) => LEET[c] ?? c);
  const all = [password, lower, stripped, deleeted, deleetedStripped];
  // a word repeated (passwortpasswort, abcabcabcabc) counts as that word
  for (const v of [lower, stripped]) {
    const m = /^(.+?)\1+$/u.exec(v);
    if (m) all.push(m[1]);
  }
  return [...new Set(all.filter((v) => v.length > 0))];
}

function isCommon(password: string): boolean {
  return variants(password).some((v) => commonPasswords().test(v) || EXTRA_COMMON.has(v));
}

/** Pieces of account data at least 3 characters long: the whole address, its local part and its parts, the display name and its words. */
function accountPieces(context: PasswordContext): string[] {
  const pieces: string[] = [];
  const email = context.email?.trim().toLowerCase();
  if (email) {
    pieces.push(email);
    const local = email.split('@')[0];
    pieces.push(local, ...local.split(/[._+-]+/));
  }
  const name = context.displayName?.trim().toLowerCase();
  if (name) pieces.push(name, ...name.split(/[\s.,_-]+/));
  return [...new Set(pieces.filter((p) => p.length >= 3))];
}

/** Every reason the password is refused; empty when it may be set. Pure. */
export function passwordProblems(password: string, context: PasswordContext = {}, field = 'password'): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: 'PASSWORD_TOO_SHORT', message: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`, field });
  } else if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'PASSWORD_TOO_LONG', message: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`, field });
  }
  if (length <= PASSWORD_MAX_LENGTH && isCommon(password)) {
    problems.push({ code: 'PASSWORD_TOO_COMMON', message: 'This password is on a list of common or breached passwords; please choose another.', field });
  }
  const lower = password.normalize('NFKC').toLowerCase();
  if (accountPieces(context).some((p) => lower.includes(p))) {
    problems.push({ code: 'PASSWORD_CONTAINS_ACCOUNT_DATA', message: 'The password must not contain your e-mail address or your name.', field });
  }
  return problems;
}

/** German wording of each problem, for the HTML pages. */
export const PASSWORD_PROBLEM_DE: Record<PasswordProblemCode, string> = {
  PASSWORD_TOO_SHORT: `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`,
  PASSWORD_TOO_LONG: `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`,
  PASSWORD_TOO_COMMON: 'Dieses Passwort ist zu verbreitet oder aus Datenlecks bekannt. Bitte wählen Sie ein anderes.',
  PASSWORD_CONTAINS_ACCOUNT_DATA: 'Das Passwort darf weder Ihre E-Mail-Adresse noch Ihren Namen enthalten.',
};
