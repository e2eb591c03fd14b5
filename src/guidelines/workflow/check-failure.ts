/** Why a workflow check refuses a step: a stable code, a sentence and, where it has one, the field (a dotted path). */
export interface CheckFailure {
  code: string;
  message: string;
  field?: string;
}
