import type { ApiError } from './client';

/** An answer of the API that is not 2xx, kept with its status so pages can show "Nicht gefunden" for 403/404. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError | undefined,
  ) {
    super(error?.message ?? `HTTP ${status}`);
  }
}

/** The data of an openapi-fetch answer, or an ApiFailure for TanStack Query to hold as the query's error. */
export async function dataOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiFailure(response.status, error as ApiError | undefined);
  return data;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiFailure && (error.status === 404 || error.status === 403);
}
