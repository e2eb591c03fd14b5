import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Actor } from './actor';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: { body?: { totp?: unknown } }, email: string, password: string): Promise<Actor | null> {
    return this.auth.validateCredentials(email, password, req.body?.totp);
  }
}

@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // a key object: given the string, jsonwebtoken tries (and fails) to parse it as a public key on every request
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      algorithms: ['HS256'], // pinned: a token signed otherwise (or with alg none) is refused
      ignoreExpiration: false,
    });
  }

  /** Re-reads the user so a disabled account, a changed role or a password reset takes effect at once. */
  validate(payload: { sub: string; iat?: number }): Promise<Actor | null> {
    return this.auth.actorById(payload.sub, payload.iat);
  }
}
