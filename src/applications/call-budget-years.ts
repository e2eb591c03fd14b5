import type { EntityManager } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';

/**
 * The fiscal years a call has budgets for. The ONE place that reads them: calls are becoming managed
 * records, and this is where they will be read from then (hence async, with the transaction's manager).
 */
export async function budgetYearsOf(_em: EntityManager, def: GuidelineDefinition, callCode: string): Promise<number[]> {
  const call = def.calls.find((c) => c.code === callCode);
  return call ? [...new Set(call.budgets.map((b) => b.fiscalYear))].sort((a, b) => a - b) : [];
}
