import type { ValueTransformer } from 'typeorm';

/** bigint columns of euro cents arrive from pg as strings; cents stay far below 2^53, so a number is exact. */
export const CENTS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
