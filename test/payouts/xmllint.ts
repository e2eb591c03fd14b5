import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const XSD = path.join(__dirname, '../fixtures/standards/pain.001.001.09.xsd');

/** Validates a pain.001 document with Debian's xmllint against the EPC schema; returns xmllint's verdict. */
export async function validatePain001(xml: string | Buffer): Promise<{ valid: boolean; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fw-sepa-'));
  try {
    const file = path.join(dir, 'run.xml');
    await writeFile(file, xml);
    try {
      const { stderr } = await promisify(execFile)('xmllint', ['--noout', '--schema', XSD, file], { maxBuffer: 64 * 1024 * 1024 });
      return { valid: true, output: stderr };
    } catch (e) {
      return { valid: false, output: String((e as { stderr?: string }).stderr ?? e) };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
