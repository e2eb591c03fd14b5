import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Jury, ScoringForm, toApiScores } from './scoring-form';

afterEach(cleanup);

// The FRL LIfD jury's shape: scale 0–5, comment required at 1 or below, one knock-out criterion.
const JURY: Jury = {
  scale: { min: 0, max: 5 },
  commentRequiredAtOrBelow: 1,
  criteria: [
    { code: 'innovation', label: 'Innovationsgehalt', description: 'Wie neu ist das Angebot für den Ort?', weight: 60 },
    { code: 'feasibility', label: 'Umsetzbarkeit', weight: 40, knockOutBelow: 2 },
  ],
};

const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe('the scoring form', () => {
  it('has one input per criterion with the steps of the scale, its description, weight and knock-out rule beside it', () => {
    render(<ScoringForm jury={JURY} scores={{}} onSave={vi.fn()} onSubmit={vi.fn()} />);
    const innovation = screen.getByLabelText('Punkte für „Innovationsgehalt“') as HTMLSelectElement;
    expect([...innovation.options].map((o) => o.value)).toEqual(['', '0', '0.5', '1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5']);
    expect(screen.getAllByRole('combobox')).toHaveLength(2);
    expect(screen.getByRole('group', { name: 'Innovationsgehalt' }).textContent).toContain('Wie neu ist das Angebot für den Ort?');
    const feasibility = screen.getByRole('group', { name: 'Umsetzbarkeit' });
    expect(feasibility.textContent).toContain('Gewichtung 40 %');
    expect(feasibility.textContent).toContain('unter 2 Punkten ist die Projektskizze nicht förderfähig');
  });

  it('asks for a comment when the score is at or below the rule, at the field and in the summary, before anything is sent', async () => {
    const onSubmit = vi.fn();
    render(<ScoringForm jury={JURY} scores={{ innovation: { score: 4 } }} onSave={vi.fn()} onSubmit={onSubmit} />);
    expect(screen.getByLabelText('Begründung zu „Umsetzbarkeit“ (freiwillig)')).toBeTruthy();
    choose('Punkte für „Umsetzbarkeit“', '1');
    const comment = screen.getByLabelText('Begründung zu „Umsetzbarkeit“ (Pflicht)');
    fireEvent.click(screen.getByRole('button', { name: 'Bewertung abschicken' }));
    await flush();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(comment.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('scores.feasibility.comment-fehler')?.textContent).toContain('Bitte begründen Sie die Bewertung von „Umsetzbarkeit“');
    expect(within(screen.getByRole('alert')).getByRole('link').getAttribute('href')).toBe('#scores.feasibility.comment');
  });

  it('sends the scores in the API’s shape: numbers, trimmed comments, an unscored criterion as null', async () => {
    expect(toApiScores(JURY, { scores: { innovation: { score: '4.5', comment: '  Überzeugend ' }, feasibility: { score: '', comment: '' } } })).toEqual({
      innovation: { score: 4.5, comment: 'Überzeugend' },
      feasibility: null,
    });
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<ScoringForm jury={JURY} scores={{}} onSave={vi.fn()} onSubmit={onSubmit} />);
    choose('Punkte für „Innovationsgehalt“', '3.5');
    choose('Punkte für „Umsetzbarkeit“', '0.5');
    fireEvent.change(screen.getByLabelText('Begründung zu „Umsetzbarkeit“ (Pflicht)'), { target: { value: 'Kein Betreiber benannt.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bewertung abschicken' }));
    await flush();
    expect(onSubmit).toHaveBeenCalledWith({ innovation: { score: 3.5 }, feasibility: { score: 0.5, comment: 'Kein Betreiber benannt.' } });
  });

  it('puts the API’s problems at the fields they name', async () => {
    const onSave = vi.fn().mockResolvedValue({
      code: 'SCORE_INVALID',
      message: 'invalid',
      details: { problems: [{ code: 'SCORE_INVALID', field: 'scores.innovation', message: 'The score must be between 0 and 5' }] },
    });
    render(<ScoringForm jury={JURY} scores={{ innovation: { score: 4 } }} onSave={onSave} onSubmit={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Entwurf speichern' }));
    await flush();
    expect(onSave).toHaveBeenCalledWith({ innovation: { score: 4 }, feasibility: null });
    expect(screen.getByLabelText('Punkte für „Innovationsgehalt“').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('Die Bewertung von „Innovationsgehalt“ liegt nicht auf der Skala.');
  });
});
