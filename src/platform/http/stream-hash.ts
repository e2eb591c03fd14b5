import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError, ValidationError } from '../errors/domain-error';

/**
 * SHA-256 of a request body read as a stream, chunk by chunk: never more than one chunk is held. Reading stops as soon
 * as more than `maxBytes` arrived (or a Content-Length says so before anything is read): 413 PAYLOAD_TOO_LARGE.
 */
export async function sha256OfStream(body: Readable | Buffer | undefined, maxBytes: number, declaredLength?: number): Promise<{ sha256: string; size: number }> {
  const tooLarge = () =>
    new DomainError('too_large', 'PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.floor(maxBytes / 1024 / 1024)} MiB a notice can be.`, { maxBytes });
  if (body === undefined || body === null) return { sha256: '', size: 0 };
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw tooLarge();
    return { sha256: createHash('sha256').update(body).digest('hex'), size: body.length };
  }
  if (typeof (body as Readable)[Symbol.asyncIterator] !== 'function') throw new ValidationError('FILE_MISSING', 'Send the PDF as the request body (content type application/pdf).');
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    body.pause();
    throw tooLarge();
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    if (size > maxBytes) {
      // the rest is not read: the loop's exit stops pulling from the stream
      throw tooLarge();
    }
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}
