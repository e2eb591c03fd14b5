import { passwordProblems } from './password-policy';

const codes = (p: string, ctx = {}) => passwordProblems(p, ctx).map((x) => x.code);

describe('password policy (ASVS 5.0 L2)', () => {
  it('accepts long passwords without composition rules', () => {
    expect(codes('richtig-geheim-123')).toEqual([]);
    expect(codes('demo-passwort-2024')).toEqual([]);
    expect(codes('alle meine entchen schwimmen')).toEqual([]);
    expect(codes('a'.repeat(3) + 'zqxjvkwmpb')).toEqual([]);
  });

  it('refuses passwords shorter than 12 or longer than 128 characters', () => {
    expect(codes('kurz-xyz-12')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('x'.repeat(129))).toContain('PASSWORD_TOO_LONG');
    // counted in characters, not UTF-16 units
    expect(codes('äääääääääää'.slice(0, 10) + '😀')).toContain('PASSWORD_TOO_SHORT');
  });

  it('refuses common and breached passwords, case-insensitively and in normalised variants', () => {
    expect(codes('passwordpassword')).toContain('PASSWORD_TOO_COMMON');
    expect(codes('Passwort1234')).toContain('PASSWORD_TOO_COMMON');
    expect(codes('PASSWORD1234')).toContain('PASSWORD_TOO_COMMON');
    expect(codes('qwertyuiop12')).toContain('PASSWORD_TOO_COMMON');
    expect(codes('P@ssw0rd2024!')).toContain('PASSWORD_TOO_COMMON');
    expect(codes('passwortpasswort')).toContain('PASSWORD_TOO_COMMON');
  });

  it("refuses the user's e-mail address, its local part and display name", () => {
    const ctx = { email: 'Erika.Musterfrau@stadt.example', displayName: 'Erika Musterfrau' };
    expect(codes('erika.musterfrau@stadt.example', ctx)).toEqual(['PASSWORD_CONTAINS_ACCOUNT_DATA']);
    expect(codes('xx-ERIKA.MUSTERFRAU-2024', ctx)).toEqual(['PASSWORD_CONTAINS_ACCOUNT_DATA']);
    expect(codes('musterfrau-ist-toll', ctx)).toEqual(['PASSWORD_CONTAINS_ACCOUNT_DATA']);
    expect(codes('richtig-geheim-123', ctx)).toEqual([]);
  });

  it('answers coded problems with the field', () => {
    expect(passwordProblems('kurz', {}, 'newPassword')[0]).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'newPassword' });
  });
});
