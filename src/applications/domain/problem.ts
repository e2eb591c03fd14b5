/** A problem reported to a user: a stable code, the field (a dotted path into the request body) and a sentence. */
export interface Problem {
  code: string;
  field: string;
  message: string;
}
