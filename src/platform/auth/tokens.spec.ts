import { cookieValue, newToken, refreshCookie, tokenHash } from './tokens';

describe('tokens', () => {
  it('are random, 43 base64url characters, stored as SHA-256', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('read one cookie from a Cookie header', () => {
    expect(cookieValue('a=1; fw_refresh=xyz-_; b=2', 'fw_refresh')).toBe('xyz-_');
    expect(cookieValue('fw_refresh=', 'fw_refresh')).toBeUndefined();
    expect(cookieValue('other=1', 'fw_refresh')).toBeUndefined();
    expect(cookieValue(undefined, 'fw_refresh')).toBeUndefined();
    expect(cookieValue('fw_refresh=%E0%A4%A', 'fw_refresh')).toBeUndefined();
  });

  it('set the refresh cookie httpOnly, Secure, SameSite=Strict, only for the auth routes', () => {
    expect(refreshCookie('t', 60)).toBe('fw_refresh=t; Path=/api/v1/auth; Max-Age=60; HttpOnly; Secure; SameSite=Strict');
  });
});
