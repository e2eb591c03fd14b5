import { Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TotpEnrolmentGuard } from '../auth/totp-enrolment.guard';
import { TotpService } from '../auth/totp.service';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActorCache } from '../auth/actor-cache';
import { AuthService } from '../auth/auth.service';
import { JwtAuthGuard, loginThrottlers, RolesGuard } from '../auth/guards';
import { RedisThrottlerStorage } from '../auth/redis-throttler.storage';
import { RefreshToken } from '../auth/refresh-token.entity';
import { SessionsService } from '../auth/sessions.service';
import { JwtStrategy, LocalStrategy } from '../auth/strategies';
import { AccountPagesController } from '../pages/account-pages.controller';
import { AccountsController, AuthController } from './accounts.controller';
import { QueuesService } from '../outbox/queues.service';
import { AccountMailer } from './account-mailer';
import { AccountsService } from './accounts.service';
import { DemoSeed } from './demo-seed';
import { DirectoryService } from './directory.service';
import { Invitation } from './invitation.entity';
import { Organisation } from './organisation.entity';
import { PasswordReset } from './password-reset.entity';
import { loadPlatformTexts, PLATFORM_TEXTS } from './platform-texts';
import { User } from './user.entity';

/** The Redis-backed throttle counters, a module of their own so the throttler's async options can inject them. */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottleStorageModule {}

/** Organisations, users, invitations, login, sessions, password reset and their pages; and the global guards that protect every route. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, Invitation, PasswordReset, RefreshToken]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
    ThrottlerModule.forRootAsync({
      imports: [ThrottleStorageModule],
      inject: [APP_CONFIG, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({ throttlers: loginThrottlers(config), storage, setHeaders: false }),
    }),
  ],
  controllers: [AuthController, AccountsController, AccountPagesController],
  providers: [
    AccountsService,
    DirectoryService,
    AccountMailer,
    AuthService,
    ActorCache,
    SessionsService,
    // the wording of the platform's mails, checked at start (a missing block stops it, naming file and key)
    { provide: PLATFORM_TEXTS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadPlatformTexts(config.textsDir) },
    LocalStrategy,
    JwtStrategy,
    DemoSeed,
    TotpService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: TotpEnrolmentGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccountsService, AuthService, DirectoryService, SessionsService, PLATFORM_TEXTS],
})
export class AccountsModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly demo: DemoSeed,
    private readonly queues: QueuesService,
    private readonly mailer: AccountMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queues.register('account.link-mail', (job, ctx) => this.mailer.handle(job, ctx));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'development') await this.demo.run();
  }
}
