import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountsService } from '../accounts/accounts.service';
import { Public } from '../auth/roles.decorator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_PROBLEM_DE, PasswordProblemCode } from '../auth/password-policy';
import { DomainError } from '../errors/domain-error';

/**
 * Minimal server-rendered pages behind the links in the platform's mails. With a web build the browser UI answers
 * these paths for a browser (web-app.ts; web/src/pages/link-password.tsx); these pages remain for API-only installs
 * and for the form posts of a page opened without JavaScript. No JavaScript (the CSP forbids inline scripts): plain forms that post
 * back to the same path and call the same use cases as the API. Every value shown is escaped.
 */
export const PAGE_PATHS = ['invitation', 'password-reset'] as const;

const STATUS: Record<string, number> = { not_found: 404, gone: 410, invalid: 400 };
const MIN_PASSWORD = PASSWORD_MIN_LENGTH;
const MAX_PASSWORD = PASSWORD_MAX_LENGTH;

type Form = Record<string, unknown>;
interface Flow {
  path: (typeof PAGE_PATHS)[number];
  title: string;
  intro: string;
  submit: string;
  done: string;
  check: (token: string) => Promise<void>;
  apply: (token: string, password: string) => Promise<unknown>;
}

@ApiExcludeController()
@Public()
@Controller()
export class AccountPagesController {
  private readonly invitation: Flow;
  private readonly reset: Flow;

  constructor(accounts: AccountsService) {
    this.invitation = {
      path: 'invitation',
      title: 'Einladung annehmen',
      intro: 'Willkommen bei Förderwerk. Legen Sie ein Passwort fest, um Ihr Konto zu aktivieren.',
      submit: 'Passwort festlegen',
      done: 'Ihr Passwort ist festgelegt und Ihr Konto aktiv. Sie können sich jetzt mit Ihrer E-Mail-Adresse und dem neuen Passwort anmelden.',
      check: (token) => accounts.checkInvitation(token),
      apply: (token, password) => accounts.acceptInvitation({ token, password }),
    };
    this.reset = {
      path: 'password-reset',
      title: 'Neues Passwort festlegen',
      intro: 'Legen Sie ein neues Passwort für Ihr Konto bei Förderwerk fest. Danach sind Sie auf allen Geräten abgemeldet.',
      submit: 'Neues Passwort speichern',
      done: 'Ihr neues Passwort ist gespeichert. Sie können sich jetzt mit Ihrer E-Mail-Adresse und dem neuen Passwort anmelden.',
      check: (token) => accounts.checkPasswordReset(token),
      apply: (token, password) => accounts.confirmPasswordReset({ token, password }),
    };
  }

  @Get('invitation')
  showInvitation(@Query('token') token: unknown, @Res() reply: FastifyReply): Promise<void> {
    return this.show(this.invitation, token, reply);
  }

  @Post('invitation')
  @HttpCode(200)
  submitInvitation(@Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.submit(this.invitation, form ?? {}, reply);
  }

  @Get('password-reset')
  showPasswordReset(@Query('token') token: unknown, @Res() reply: FastifyReply): Promise<void> {
    return this.show(this.reset, token, reply);
  }

  @Post('password-reset')
  @HttpCode(200)
  submitPasswordReset(@Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.submit(this.reset, form ?? {}, reply);
  }

  private async show(flow: Flow, token: unknown, reply: FastifyReply): Promise<void> {
    const t = tokenOf(token);
    if (!t) return send(reply, 404, page(flow.title, linkProblem('Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail vollständig.')));
    try {
      await flow.check(t);
    } catch (e) {
      return this.refused(flow, e, reply);
    }
    return send(reply, 200, page(flow.title, form(flow, t, [])));
  }

  private async submit(flow: Flow, body: Form, reply: FastifyReply): Promise<void> {
    const t = tokenOf(body.token);
    if (!t) return send(reply, 404, page(flow.title, linkProblem('Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail vollständig.')));
    const password = typeof body.password === 'string' ? body.password : '';
    const repeat = typeof body.passwordRepeat === 'string' ? body.passwordRepeat : '';
    const problems: FieldProblem[] = [];
    if (password.length < MIN_PASSWORD) problems.push({ field: 'password', text: `Das Passwort muss mindestens ${MIN_PASSWORD} Zeichen lang sein.` });
    else if (password.length > MAX_PASSWORD) problems.push({ field: 'password', text: `Das Passwort darf höchstens ${MAX_PASSWORD} Zeichen lang sein.` });
    else if (password !== repeat) problems.push({ field: 'passwordRepeat', text: 'Die beiden Passwörter stimmen nicht überein.' });
    if (problems.length) return send(reply, 400, page(flow.title, form(flow, t, problems), true));
    try {
      await flow.apply(t, password);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'PASSWORD_REJECTED') {
        // the same rules as the API (common passwords, the account's own address or name)
        const codes = ((e.details as { problems?: { code: PasswordProblemCode }[] })?.problems ?? []).map((p) => p.code);
        const texts = codes.map((c) => ({ field: 'password' as const, text: PASSWORD_PROBLEM_DE[c] ?? 'Dieses Passwort ist nicht erlaubt.' }));
        return send(reply, 400, page(flow.title, form(flow, t, texts.length ? texts : [{ field: 'password', text: 'Dieses Passwort ist nicht erlaubt.' }]), true));
      }
      return this.refused(flow, e, reply);
    }
    return send(reply, 200, page(flow.title, `<p role="status">${esc(flow.done)}</p><p><a href="/anmelden">Zur Anmeldung</a></p>`));
  }

  private refused(flow: Flow, e: unknown, reply: FastifyReply): void {
    if (!(e instanceof DomainError) || !(e.kind in STATUS)) throw e;
    const again = flow.path === 'invitation' ? 'Bitte bitten Sie die Verwaltung um eine neue Einladung.' : 'Bitte fordern Sie ein neues Passwort erneut an.';
    const why: Record<string, string> = {
      INVITATION_NOT_FOUND: `Diesen Einladungslink kennen wir nicht. ${again}`,
      INVITATION_USED: 'Diese Einladung wurde bereits angenommen. Sie können sich mit Ihrem Passwort anmelden.',
      INVITATION_REVOKED: 'Diese Einladung wurde durch eine neuere ersetzt. Bitte verwenden Sie den Link aus der neuesten E-Mail.',
      INVITATION_EXPIRED: `Diese Einladung ist abgelaufen. ${again}`,
      PASSWORD_RESET_NOT_FOUND: `Diesen Link kennen wir nicht. ${again}`,
      PASSWORD_RESET_USED: `Dieser Link wurde bereits verwendet. ${again}`,
      PASSWORD_RESET_EXPIRED: `Dieser Link ist abgelaufen. ${again}`,
    };
    return send(reply, STATUS[e.kind], page(flow.title, linkProblem(why[e.code] ?? `Der Link kann nicht verwendet werden. ${again}`), true));
  }
}

interface FieldProblem {
  field: 'password' | 'passwordRepeat';
  text: string;
}

function tokenOf(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
}

/**
 * Stricter than the API's policy: no scripts or other sources at all, the form may post only here. Without
 * `upgrade-insecure-requests`, so the form also posts on a development install served over plain http.
 */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function send(reply: FastifyReply, status: number, html: string): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', PAGE_CSP)
    .send(html);
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function linkProblem(text: string): string {
  return `<div class="problem" role="alert"><p>${esc(text)}</p></div>`;
}

function form(flow: Flow, token: string, problems: FieldProblem[]): string {
  const problemOf = (field: FieldProblem['field']) => problems.find((p) => p.field === field);
  const summary = problems.length
    ? `<div class="problem" role="alert" aria-labelledby="problem-title"><h2 id="problem-title">Bitte prüfen Sie Ihre Eingabe</h2><ul>${problems
        .map((p) => `<li><a href="#${p.field}">${esc(p.text)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  const field = (name: FieldProblem['field'], label: string, hint: string) => {
    const problem = problemOf(name);
    const described = [`${name}-hint`, problem ? `${name}-error` : ''].filter(Boolean).join(' ');
    return `<div class="field">
  <label for="${name}">${esc(label)}</label>
  <p class="hint" id="${name}-hint">${esc(hint)}</p>
  ${problem ? `<p class="error" id="${name}-error">${esc(problem.text)}</p>` : ''}
  <input type="password" id="${name}" name="${name}" autocomplete="new-password" required minlength="${MIN_PASSWORD}" maxlength="${MAX_PASSWORD}" aria-describedby="${described}"${problem ? ' aria-invalid="true"' : ''}>
</div>`;
  };
  return `${summary}<p>${esc(flow.intro)}</p>
<form method="post" action="/${flow.path}">
  <input type="hidden" name="token" value="${esc(token)}">
  ${field('password', 'Neues Passwort', `Mindestens ${MIN_PASSWORD} Zeichen; kein verbreitetes Passwort, nicht Ihre E-Mail-Adresse oder Ihr Name.`)}
  ${field('passwordRepeat', 'Neues Passwort wiederholen', 'Zur Sicherheit noch einmal dasselbe Passwort.')}
  <button type="submit">${esc(flow.submit)}</button>
</form>`;
}

function page(title: string, content: string, failed = false): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${failed ? 'Fehler: ' : ''}${esc(title)} – Förderwerk</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#f5f5f5}
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #ccc}
label{display:block;font-weight:600}
.hint{margin:.25rem 0;color:#505050}
.field{margin:1rem 0}
input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:2px solid #1b1b1b}
input[aria-invalid=true]{border-color:#b00020}
input:focus,button:focus,a:focus{outline:3px solid #ffbf47;outline-offset:2px}
button{padding:.6rem 1.2rem;font-size:1rem;background:#004b76;color:#fff;border:0;cursor:pointer}
.problem{border:3px solid #b00020;padding:.5rem 1rem;margin-bottom:1rem}
.error{color:#b00020;font-weight:600;margin:.25rem 0}
</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${content}
</main>
</body>
</html>
`;
}
