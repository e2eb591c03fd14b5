import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test process that keeps every mail it receives. */
export class SmtpSink {
  readonly mails: ParsedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          this.mails.push(mail);
          callback();
        },
        (e) => callback(e),
      );
    },
  });

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((m) => [m.to].flat().some((t) => t?.text.includes(address)));
  }

  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ParsedMail[]> {
    const until = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} mail(s) to ${address} within ${timeoutMs} ms, got ${this.to(address).length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.to(address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
