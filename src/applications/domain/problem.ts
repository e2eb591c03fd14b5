import type { CheckFailure } from '../../guidelines/workflow/check-failure';

/** A problem reported to a user about a draft: a workflow check failure that always names its field. */
export type Problem = CheckFailure & { field: string };
