import { sampleFile } from './sepa-sample';
import { validatePain001 } from './xmllint';
import { writePain001 } from '../../src/payouts/sepa/pain001';

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
