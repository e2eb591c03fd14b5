import { HttpException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DomainError, ValidationError } from '../errors/domain-error';

/**
 * An uploaded file read into memory, never more than `maxBytes` (the stream is cut off there): 413 with `code` when it
 * is larger, 400 FILE_MISSING when it is empty. `allowedFor` finishes the sentence "… MiB allowed for …".
 */
export async function readUpload(stream: Readable, maxBytes: number, code: string, allowedFor: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new DomainError('too_large', code, `The file is larger than the ${Math.floor(maxBytes / 1024 / 1024)} MiB allowed for ${allowedFor}.`, { maxBytes });
    }
    chunks.push(chunk);
  }
  // the multipart reader's own limit stops a file without an error, only marking it truncated
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new DomainError('too_large', code, 'The file is larger than allowed.', { maxBytes });
  if (size === 0) throw new ValidationError('FILE_MISSING', 'The file is empty.');
  return Buffer.concat(chunks);
}

/** The name a browser sent, without its path and control characters, at most 200 characters. */
export function cleanFilename(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? fallback;
  return base.replace(/[\u0000-\u001f]/g, '').slice(0, 200) || fallback;
}

/** Errors of the multipart reader (a broken or truncated body) are the client's: 400, not 500. Others pass unchanged. */
export function malformedMultipart(e: unknown): unknown {
  if (e instanceof DomainError || e instanceof HttpException) return e;
  const status = (e as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return e;
  const text = e instanceof Error ? e.message : '';
  if (/multipart|boundary|form|part|unexpected end/i.test(text)) return new ValidationError('MULTIPART_INVALID', 'The multipart/form-data body could not be read.');
  return e;
}
