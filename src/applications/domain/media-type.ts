export const PDF = 'application/pdf';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

/** The media type told by a file's bytes, never by its name; null when it is none we accept. */
export function sniffMediaType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return PNG;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return JPEG;
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return zipKind(bytes);
  return null;
}

function zipKind(bytes: Buffer): string | null {
  // OpenDocument: the first entry is an uncompressed "mimetype" file holding the type.
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  const name = bytes.subarray(30, 30 + nameLength).toString('latin1');
  if (name === 'mimetype') {
    const start = 30 + nameLength + extraLength;
    const content = bytes.subarray(start, start + bytes.readUInt32LE(18)).toString('latin1');
    return content === ODS ? ODS : null;
  }
  // Office Open XML: entry names in the local headers and the central directory tell the kind.
  const names = bytes.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('xl/')) return XLSX;
  if (names.includes('word/')) return DOCX;
  return null;
}
