/**
 * A large JSON answer (megabytes: a call's ranking or review results) as bytes. Fastify would send the string, and
 * Node put the headers in front of it: one more copy of megabytes on the V8 heap per answer, which costs a major
 * garbage collection every few answers. A Buffer is written as it is, outside the heap. The route declares the
 * content type (`@Header('content-type', 'application/json; charset=utf-8')`).
 */
export function jsonBuffer(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
