import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FinancingPlan, PlanFigures, PlanValue } from './financing-plan';
import { euroInput, parseEuro } from './texts';

afterEach(cleanup);

const CATEGORIES = [
  { code: 'equipment', label: 'Ausstattung', eligible: true, maxRateBp: 8000 },
  { code: 'staff', label: 'Personalausgaben', eligible: true, maxRateBp: 6000 },
];
const EMPTY: PlanValue = { costs: [], ownContribution: '', thirdPartyFunds: [] };

function Harness({ figures = null, errors = {}, changes }: { figures?: PlanFigures | null; errors?: Record<string, string>; changes: string[] }) {
  const [value, setValue] = useState(EMPTY);
  return (
    <FinancingPlan
      value={value}
      onChange={(next, key) => {
        changes.push(key);
        setValue(next);
      }}
      categories={CATEGORIES}
      errors={errors}
      figures={figures}
    />
  );
}

describe('euro amounts', () => {
  it('are read as German input into cents and written back the same way', () => {
    expect(parseEuro('1.234,56')).toBe(123456);
    expect(parseEuro('1234,5')).toBe(123450);
    expect(parseEuro('100.000')).toBe(10000000);
    expect(parseEuro(' 250 € ')).toBe(25000);
    expect(parseEuro('12,345')).toBeNull();
    expect(parseEuro('1.23,00')).toBeNull();
    expect(parseEuro('abc')).toBeNull();
    expect(parseEuro('')).toBeNull();
    expect(euroInput(123456)).toBe('1.234,56');
    expect(euroInput(10000000)).toBe('100.000,00');
  });
});

describe('the financing-plan table', () => {
  it('adds and removes cost lines, each input labelled with its row', () => {
    const changes: string[] = [];
    render(<Harness changes={changes} />);
    const add = screen.getByRole('button', { name: 'Ausgabe hinzufügen' });
    fireEvent.click(add);
    fireEvent.click(add);
    expect(screen.getAllByRole('row')).toHaveLength(3); // header + two lines
    fireEvent.change(screen.getByLabelText('Ausgabenart, Zeile 2'), { target: { value: 'staff' } });
    fireEvent.change(screen.getByLabelText('Betrag in Euro, Zeile 2'), { target: { value: '50.000,00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Entfernen: Zeile 1' }));
    expect(screen.getAllByRole('row')).toHaveLength(2);
    // The remaining line is the former second one, now line 1.
    expect((screen.getByLabelText('Ausgabenart, Zeile 1') as HTMLSelectElement).value).toBe('staff');
    expect((screen.getByLabelText('Betrag in Euro, Zeile 1') as HTMLInputElement).value).toBe('50.000,00');
    expect(new Set(changes)).toEqual(new Set(['costs']));
  });

  it('marks an amount that is not a euro amount at its field, and shows the server’s problems at theirs', () => {
    render(<Harness changes={[]} errors={{ 'costs.0.fiscalYear': 'Für dieses Haushaltsjahr stellt der Förderaufruf keine Mittel bereit.' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ausgabe hinzufügen' }));
    const amount = screen.getByLabelText('Betrag in Euro, Zeile 1');
    fireEvent.change(amount, { target: { value: '12,345' } });
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(amount.getAttribute('aria-describedby')!)?.textContent).toContain('zum Beispiel 1.234,56');
    fireEvent.change(amount, { target: { value: '1.234,56' } });
    expect(amount.getAttribute('aria-invalid')).toBeNull();
    const year = screen.getByLabelText('Haushaltsjahr, Zeile 1');
    expect(document.getElementById(year.getAttribute('aria-describedby')!)?.textContent).toContain('keine Mittel');
  });

  it('shows the grant, cap and own contribution the server computed, not its own', () => {
    const figures: PlanFigures = {
      grantCents: 11_000_000,
      ownContributionCents: 4_000_000,
      thirdPartyCents: 0,
      calculation: {
        totalCostsCents: 15_000_000,
        eligibleCostsCents: 15_000_000,
        capCents: 40_000_000,
        capped: false,
        perCategory: [
          { category: 'equipment', eligibleCents: 10_000_000, rateBp: 8000, grantCents: 8_000_000 },
          { category: 'staff', eligibleCents: 5_000_000, rateBp: 6000, grantCents: 3_000_000 },
        ],
      },
    };
    render(<Harness changes={[]} figures={figures} />);
    const list = within(screen.getByTestId('berechnung'));
    const value = (term: string) => list.getByText(term).nextElementSibling?.textContent?.replace(/\u00a0/g, ' ');
    expect(value('Zuwendung')).toBe('110.000,00 €');
    expect(value('Höchstbetrag')).toBe('400.000,00 €');
    expect(value('Eigenanteil')).toBe('40.000,00 €');
    expect(value('Ausgaben insgesamt')).toBe('150.000,00 €');
    expect(value('Ausstattung')).toBe('100.000,00 € × 80 % = 80.000,00 €');
  });

  it('says the grant comes after saving when the server has not computed one', () => {
    render(<Harness changes={[]} />);
    expect(screen.getByText(/wird berechnet, sobald/)).toBeTruthy();
  });
});
