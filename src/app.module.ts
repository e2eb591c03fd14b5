import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from './applications/applications.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { GuidelinesModule } from './guidelines/guidelines.module';
import { LedgerModule } from './ledger/ledger.module';
import { AccountsModule } from './platform/accounts/accounts.module';
import { loadPlatformTexts } from './platform/accounts/platform-texts';
import type { AppConfig } from './platform/config/app-config';
import { PlatformModule } from './platform/platform.module';
import { ReviewModule } from './review/review.module';
import { OverviewModule } from './overview/overview.module';
import { PayoutsModule } from './payouts/payouts.module';
import { ReportingModule } from './reporting/reporting.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extra: DynamicModule['imports'] = []): DynamicModule {
    // Wording files are checked before anything connects, so a broken one stops the start cleanly.
    loadPlatformTexts(config.textsDir);
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), AccountsModule, GuidelinesModule, LedgerModule, ApplicationsModule, ReviewModule, ApprovalsModule, PayoutsModule, ReportingModule, OverviewModule, ...extra],
    };
  }
}
