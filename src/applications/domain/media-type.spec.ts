import { DOCX, JPEG, ODS, PDF, PNG, sniffMediaType, XLSX } from './media-type';

/** A ZIP local file header for a stored (uncompressed) entry. */
function zipEntry(name: string, content = ''): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(content, 'latin1')]);
}

describe('sniffMediaType', () => {
  it('reads PDF, PNG and JPEG from their first bytes', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n...'))).toBe(PDF);
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(PNG);
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe(JPEG);
  });

  it('tells XLSX, DOCX and ODS apart by their content', () => {
    expect(sniffMediaType(Buffer.concat([zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('xl/workbook.xml')]))).toBe(XLSX);
    expect(sniffMediaType(Buffer.concat([zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml')]))).toBe(DOCX);
    expect(sniffMediaType(Buffer.concat([zipEntry('mimetype', ODS), zipEntry('content.xml')]))).toBe(ODS);
    expect(sniffMediaType(Buffer.concat([zipEntry('mimetype', 'application/vnd.oasis.opendocument.text')]))).toBeNull();
  });

  it('does not trust anything else', () => {
    expect(sniffMediaType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffMediaType(zipEntry('payload.exe', 'MZ'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
