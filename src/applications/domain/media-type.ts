export const PDF = 'application/pdf';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LOCAL_HEADER = 0x04034b50; // "PK\3\4"
const CENTRAL_HEADER = 0x02014b50; // "PK\1\2"
const END_OF_CENTRAL_DIRECTORY = 0x06054b50; // "PK\5\6"
const HEAD_SCAN = 64 * 1024;

/** The media type told by a file's bytes, never by its name; null when it is none we recognise. */
export function sniffMediaType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return PNG;
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return JPEG;
  if (bytes.length >= 30 && bytes.readUInt32LE(0) === LOCAL_HEADER) return zipKind(bytes);
  return null;
}

function zipKind(bytes: Buffer): string | null {
  // OpenDocument: the first entry is an uncompressed `mimetype` file holding the type (ODF 1.2 part 3, 3.3).
  const firstName = localName(bytes, 0);
  if (firstName === 'mimetype') {
    const method = bytes.readUInt16LE(8);
    const size = bytes.readUInt32LE(18);
    const start = 30 + bytes.readUInt16LE(26) + bytes.readUInt16LE(28);
    const content = bytes.subarray(start, start + ODS.length).toString('latin1');
    return method === 0 && (size === 0 || size === ODS.length) && content === ODS ? ODS : null;
  }
  // Office Open XML: told by entry names, never by content (a document may well mention "xl/" in its text).
  const names = centralDirectoryNames(bytes) ?? localHeaderNames(bytes);
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n.startsWith('xl/'))) return XLSX;
  if (names.some((n) => n.startsWith('word/'))) return DOCX;
  return null;
}

function localName(bytes: Buffer, at: number): string | null {
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) return null;
  const length = bytes.readUInt16LE(at + 26);
  return at + 30 + length <= bytes.length ? bytes.subarray(at + 30, at + 30 + length).toString('latin1') : null;
}

/** Entry names from the central directory at the end of the file; null when it cannot be read (e.g. truncated). */
function centralDirectoryNames(bytes: Buffer): string[] | null {
  // The end record is 22 bytes plus a comment of up to 65535 bytes.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CENTRAL_HEADER) return null; // also ZIP64 (offset 0xffffffff)
    const nameLength = bytes.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (next > eocd) return null;
    names.push(bytes.subarray(p + 46, p + 46 + nameLength).toString('latin1'));
    p = next;
  }
  return names;
}

/** Fallback: names of local headers found in the first 64 KiB (sizes may be unknown there, so search, not walk). */
function localHeaderNames(bytes: Buffer): string[] {
  const head = bytes.subarray(0, HEAD_SCAN);
  const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  const names: string[] = [];
  for (let at = head.indexOf(signature); at >= 0; at = head.indexOf(signature, at + 4)) {
    const name = localName(head, at);
    if (name !== null) names.push(name);
  }
  return names;
}
