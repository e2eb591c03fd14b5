import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatBerlinDateTime, loadPlatformTexts, platformMail } from './platform-texts';

function dirWith(yaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fw-texts-'));
  writeFileSync(path.join(dir, 'platform.yaml'), yaml);
  return dir;
}

describe('platform texts', () => {
  it('loads the shipped wording and fills a mail from it', () => {
    const texts = loadPlatformTexts(path.join(__dirname, '../../../config/texts'));
    const mail = platformMail(texts, 'mailPasswordReset', { displayName: 'Karin Schmidt', link: 'http://x/password-reset?token=abc', expiresAt: '24.11.2026 um 21:05 Uhr' });
    expect(mail.subject).toBe('Passwort für Förderwerk neu festlegen');
    expect(mail.text).toContain('Guten Tag Karin Schmidt,');
    expect(mail.text).toContain('http://x/password-reset?token=abc');
    expect(mail.text).not.toMatch(/\{/);
  });

  it('stops on a missing block, naming the file and the key', () => {
    const dir = dirWith('mailInvitationSubject: Einladung\nmailInvitationBody: "{link}"\n');
    expect(() => loadPlatformTexts(dir)).toThrow(/platform\.yaml: \/mailPasswordResetSubject: text block is missing/);
  });

  it('stops on a placeholder the platform does not fill', () => {
    const shipped = loadPlatformTexts(path.join(__dirname, '../../../config/texts'));
    const yaml = Object.entries({ ...shipped, mailInvitationBody: 'Hallo {vorname}, {link}' })
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n');
    expect(() => loadPlatformTexts(dirWith(yaml))).toThrow(/platform\.yaml: \/mailInvitationBody: no value for placeholder\(s\) vorname/);
  });

  it('has the payee account mails and words; a missing word stops the start too', () => {
    const shipped = loadPlatformTexts(path.join(__dirname, '../../../config/texts'));
    const mail = platformMail(shipped, 'mailPayeeAccountChangeRejected', { organisation: 'Stadt Mittweida', holder: 'Stadt Mittweida', oldIban: '**** 3000', newIban: '**** 2051', at: '16.02.2027 um 09:30 Uhr', comment: 'Rückruf ergab: nicht veranlasst.' });
    expect(mail.subject).toBe('Änderung der Bankverbindung von Stadt Mittweida abgelehnt');
    expect(mail.text).toContain('Begründung: Rückruf ergab: nicht veranlasst.');
    const { payeeAccountNone: _, ...rest } = shipped;
    const yaml = Object.entries(rest)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n');
    expect(() => loadPlatformTexts(dirWith(yaml))).toThrow(/platform\.yaml: \/payeeAccountNone: text block is missing/);
  });

  it('gives dates in Berlin time, summer and winter', () => {
    expect(formatBerlinDateTime(new Date('2026-11-23T22:30:00Z'))).toBe('23.11.2026 um 23:30 Uhr');
    expect(formatBerlinDateTime(new Date('2026-07-01T22:30:00Z'))).toBe('02.07.2026 um 00:30 Uhr');
  });
});
