import { DOCX, JPEG, ODS, PDF, PNG, sniffMediaType, XLSX } from './media-type';

/** A minimal ZIP of stored (uncompressed) entries; CRCs are left 0 since sniffing never reads data checksums. */
function zip(entries: [name: string, content: string | Buffer][], opts: { centralDirectory: boolean } = { centralDirectory: true }): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4); // version needed
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    const entry = Buffer.concat([local, Buffer.from(name, 'latin1'), data]);
    locals.push(entry);
    centrals.push(Buffer.concat([central, Buffer.from(name, 'latin1')]));
    offset += entry.length;
  }
  if (!opts.centralDirectory) return Buffer.concat(locals);
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES: [string, string] = ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'];

describe('sniffMediaType', () => {
  it('reads PDF, PNG and JPEG from their first bytes', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe(PDF);
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(PNG);
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))).toBe(JPEG);
  });

  it('refuses near misses of those signatures', () => {
    expect(sniffMediaType(Buffer.from('%PDF1.7'))).toBeNull();
    expect(sniffMediaType(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(sniffMediaType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]))).toBeNull();
    expect(sniffMediaType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('tells XLSX and DOCX apart by their entry names', () => {
    expect(sniffMediaType(zip([CONTENT_TYPES, ['_rels/.rels', ''], ['xl/workbook.xml', '<workbook/>']]))).toBe(XLSX);
    expect(sniffMediaType(zip([CONTENT_TYPES, ['_rels/.rels', ''], ['word/document.xml', '<document/>']]))).toBe(DOCX);
  });

  it('reads names from local headers when the central directory is missing (truncated upload)', () => {
    expect(sniffMediaType(zip([CONTENT_TYPES, ['xl/workbook.xml', '']], { centralDirectory: false }))).toBe(XLSX);
  });

  it('finds an xl/ entry beyond the first 64 KiB through the central directory', () => {
    const bigFirst: [string, Buffer] = ['docProps/thumbnail.jpeg', Buffer.alloc(70 * 1024, 0x20)];
    const file = zip([CONTENT_TYPES, bigFirst, ['xl/workbook.xml', '']]);
    expect(file.subarray(0, 64 * 1024).includes('xl/workbook.xml')).toBe(false);
    expect(sniffMediaType(file)).toBe(XLSX);
  });

  it('is not fooled by a Word document whose text mentions xl/ paths', () => {
    expect(sniffMediaType(zip([CONTENT_TYPES, ['word/document.xml', '<w:t>see xl/workbook.xml</w:t>']]))).toBe(DOCX);
  });

  it('needs [Content_Types].xml for Office files', () => {
    expect(sniffMediaType(zip([['xl/workbook.xml', '']]))).toBeNull();
  });

  it('recognises ODS by its leading mimetype entry only', () => {
    expect(sniffMediaType(zip([['mimetype', ODS], ['content.xml', '<office:document-content/>']]))).toBe(ODS);
    expect(sniffMediaType(zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '']]))).toBeNull();
    expect(sniffMediaType(zip([['mimetype', `${ODS}-template`]]))).toBeNull();
    expect(sniffMediaType(zip([['content.xml', ''], ['mimetype', ODS]]))).toBeNull(); // not first
  });

  it('returns null for anything else, including short or broken ZIPs, without throwing', () => {
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffMediaType(Buffer.from('Name;Betrag\nLaser;1234,56\n'))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
    expect(sniffMediaType(zip([['payload.exe', 'MZ']]))).toBeNull();
    const broken = zip([CONTENT_TYPES, ['xl/workbook.xml', '']]);
    broken.writeUInt32LE(0xfffffff0, broken.length - 6); // central directory offset points nowhere
    expect(sniffMediaType(broken)).toBe(XLSX); // falls back to the local headers
  });
});
