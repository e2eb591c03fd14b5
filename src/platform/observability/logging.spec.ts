import { Writable } from 'node:stream';
import { createRootLogger, maskEmails, requestIdFrom } from './logging';

function capture(level: string) {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  return { logger: createRootLogger(level, stream), lines };
}

describe('logging', () => {
  it('keeps a well-formed X-Request-Id and replaces anything else by a UUID', () => {
    expect(requestIdFrom('abc-123_DEF.4')).toBe('abc-123_DEF.4');
    for (const bad of [undefined, '', 'x'.repeat(65), 'a b', 'a\nb', '"}', ['a', 'b']]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('masks e-mail addresses in text', () => {
    expect(maskEmails('mail to anna.schmidt+x@stadt-mittweida.de written (<b@c.org>)')).toBe('mail to [e-mail] written (<[e-mail]>)');
  });

  it('redacts credentials, tokens and addresses in logged objects, messages and errors', () => {
    const { logger, lines } = capture('log');
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'fw_refresh=r3fr3sh' } },
        res: { headers: { 'set-cookie': 'fw_refresh=r3fr3sh' } },
        body: { password: 'pa55word', newPassword: 'n3w', token: 't0ken', totp: '123456', email: 'a@b.de' },
        refreshToken: 'r3fr3sh',
        to: 'x@y.de',
        err: new Error('recipient z@q.de refused'),
      },
      'mail to a@b.de sent',
    );
    const line = lines.join('');
    for (const secret of ['eyJsecret', 'r3fr3sh', 'pa55word', 'n3w', 't0ken', '123456', 'a@b.de', 'x@y.de', 'z@q.de']) expect({ secret, found: line.includes(secret) }).toEqual({ secret, found: false });
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: 'mail to [e-mail] sent', req: { headers: { authorization: '[redacted]' } }, err: { message: 'recipient [e-mail] refused' } });
  });

  it('maps the Nest levels of LOG_LEVEL, silent writing nothing', () => {
    const silent = capture('silent');
    silent.logger.fatal('x');
    expect(silent.lines).toEqual([]);
    const warn = capture('warn');
    warn.logger.info('not shown');
    warn.logger.warn('shown');
    expect(warn.lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
    expect(capture('verbose').logger.level).toBe('trace');
  });
});
