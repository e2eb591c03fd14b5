import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../errors/domain-error';

/** Deeper JSON than this is refused before it is parsed: no form of ours nests more than a few levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * Text PostgreSQL cannot store (NUL, refused in text and jsonb) and strings that are not well-formed UTF-16
 * (lone surrogates, which cannot be encoded as UTF-8) are refused at the edge, wherever they come: body, query or path.
 */
export function isAcceptableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textError(where: string): ValidationError {
  return new ValidationError('TEXT_INVALID', `The ${where} contains a NUL character or an unpaired surrogate, which cannot be stored.`, { where });
}

/**
 * Checks a parsed body without recursion (a deep body overflowed the stack in validation): `depth` when it nests
 * deeper than `maxDepth`, `text` when a string or key is not storable text, otherwise null.
 */
export function inspectBody(value: unknown, maxDepth = MAX_JSON_DEPTH): 'depth' | 'text' | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isAcceptableText(v)) return 'text';
    } else if (Array.isArray(v) || isPlainObject(v)) {
      if (depth >= maxDepth) return 'depth';
      if (Array.isArray(v)) {
        for (const x of v) stack.push([x, depth + 1]);
      } else {
        for (const [k, x] of Object.entries(v as object)) {
          if (!isAcceptableText(k)) return 'text';
          stack.push([x, depth + 1]);
        }
      }
    }
  }
  return null;
}

/**
 * Refuses bodies nested deeper than MAX_JSON_DEPTH (before validation walks them recursively) and text PostgreSQL
 * cannot store, in the parsed body and in the URL (path and query, decoded) of every request: 400 in the one error shape.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  // callback hooks: run on every request, without a promise each
  fastify.addHook('preValidation', (req: FastifyRequest, _reply: FastifyReply, done: (e?: Error) => void) => {
    const problem = inspectBody(req.body);
    if (problem === 'depth') return done(new ValidationError('BODY_TOO_DEEP', `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`, { maxDepth: MAX_JSON_DEPTH }));
    done(problem === 'text' ? textError('body') : undefined);
  });
  fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: (e?: Error) => void) => {
    const url = req.raw.url ?? '';
    if (!url.includes('%')) return done(isAcceptableText(url) ? undefined : textError('address'));
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.replace(/\+/g, ' '));
    } catch {
      return done(new ValidationError('URL_INVALID', 'The address is not correctly percent-encoded UTF-8.'));
    }
    done(isAcceptableText(decoded) ? undefined : textError('address'));
  });
}

/** Only what a parser of JSON or forms makes is walked: never a stream or buffer passed through as the body. */
function isPlainObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
