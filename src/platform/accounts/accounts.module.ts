import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthService } from '../auth/auth.service';
import { JwtAuthGuard, RolesGuard } from '../auth/guards';
import { JwtStrategy, LocalStrategy } from '../auth/strategies';
import { AccountsController, AuthController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { DemoSeed } from './demo-seed';
import { DirectoryService } from './directory.service';
import { Invitation } from './invitation.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/** Organisations, users, invitations, login; and the global guards that protect every route. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, Invitation]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ throttlers: [{ name: 'login', ttl: config.loginRateWindowMs, limit: config.loginRateLimit }] }),
    }),
  ],
  controllers: [AuthController, AccountsController],
  providers: [
    AccountsService,
    DirectoryService,
    AuthService,
    LocalStrategy,
    JwtStrategy,
    DemoSeed,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccountsService, AuthService, DirectoryService],
})
export class AccountsModule implements OnApplicationBootstrap {
  constructor(
    private readonly demo: DemoSeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'development') await this.demo.run();
  }
}
