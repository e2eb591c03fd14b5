import { Module } from '@nestjs/common';
import { BaseRatesController } from './base-rates.controller';
import { BaseRatesService } from './base-rates.service';

/** Proof of use, settlement and recovery (with the base rates its interest is counted from); later the programme reports. */
@Module({
  controllers: [BaseRatesController],
  providers: [BaseRatesService],
  exports: [BaseRatesService],
})
export class ReportingModule {}
