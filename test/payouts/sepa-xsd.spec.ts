import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { sampleFile } from './sepa-sample';
import { writePain001 } from '../../src/payouts/sepa/pain001';

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

describe('pain.001.001.09 files validate against the EPC schema (xmllint)', () => {
  it('accepts what the writer produces', async () => {
    const result = await validatePain001(writePain001(sampleFile()));
    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('reports an invalid file as invalid (the validation can fail)', async () => {
    const good = writePain001(sampleFile());
    const noDebtorAgent = good.replace(/<DbtrAgt>.*<\/DbtrAgt>\n/, '');
    const badAmount = good.replace('<InstdAmt Ccy="EUR">12345.67</InstdAmt>', '<InstdAmt Ccy="EUR">12345,67</InstdAmt>');
    const badIban = good.replace('<IBAN>DE89370400440532013000</IBAN>', '<IBAN>de89 3704</IBAN>');
    for (const xml of [noDebtorAgent, badAmount, badIban]) {
      expect(xml).not.toBe(good);
      const result = await validatePain001(xml);
      expect(result.valid).toBe(false);
      expect(result.output).toContain('fails to validate');
    }
  });
});
