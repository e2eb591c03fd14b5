import { mailFrom } from './mail-texts';

describe('mailFrom', () => {
  const texts = { mailTestSubject: '{fileNumber}:   {projectTitle}', mailTestBody: 'Vorgang „{projectTitle}“\n\n{details}' };

  it('fills subject and body from the text blocks', () => {
    expect(mailFrom(texts, 'mailTest', { fileNumber: 'A-1', projectTitle: 'Raum', details: 'Mehr.' })).toEqual({ subject: 'A-1: Raum', text: 'Vorgang „Raum“\n\nMehr.' });
  });

  it('takes braces in typed values literally', () => {
    const mail = mailFrom(texts, 'mailTest', { fileNumber: 'A-1', projectTitle: 'Raum {fileNumber}', details: 'Bitte {Angebot} nachreichen.' });
    expect(mail.text).toBe('Vorgang „Raum {fileNumber}“\n\nBitte {Angebot} nachreichen.');
  });

  it('refuses a block whose placeholder has no value', () => {
    expect(() => mailFrom(texts, 'mailTest', { fileNumber: 'A-1' })).toThrow(/projectTitle/);
  });
});
