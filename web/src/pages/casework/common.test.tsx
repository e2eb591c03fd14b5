import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { listPaging } from './case-list';
import { decisionKind, parseEuro, PlanComparison } from './common';

afterEach(cleanup);
const text = (el: HTMLElement) => el.textContent!.replace(/\u00a0/g, ' ');

describe('casework helpers', () => {
  it('reads German euro amounts as integer cents and refuses anything else', () => {
    expect(parseEuro('5.000,00')).toBe(500000);
    expect(parseEuro('6000')).toBe(600000);
    expect(parseEuro('1234,5 €')).toBe(123450);
    expect(parseEuro('0,01')).toBe(1);
    for (const bad of ['', '12,345', '1.23', 'abc', '-5', '1.2345,00']) expect(parseEuro(bad)).toBeUndefined();
  });

  it('names an approval with reductions a partial approval', () => {
    expect(decisionKind({ kind: 'approval', reductions: [{}] })).toBe('Teilbewilligung');
    expect(decisionKind({ kind: 'approval', reductions: [] })).toBe('Bewilligung');
    expect(decisionKind({ kind: 'rejection', reductions: null })).toBe('Ablehnung');
  });

  it('shows the plan side by side: requested and approved per category, grant and own contribution', () => {
    render(
      <PlanComparison
        caption="Plan"
        requested={{ costs: [{ category: 'equipment', amountCents: 10000000 }, { category: 'equipment', amountCents: 2345679 }, { category: 'staff', amountCents: 1000001 }], grantCents: 10476543, ownContributionCents: 2869137 }}
        decided={{ kind: 'approval', costs: [{ category: 'equipment', amountCents: 12345679 }, { category: 'staff', amountCents: 500000 }], grantCents: 10176543, ownContributionCents: 2669136 }}
        call={undefined}
      />,
    );
    const table = screen.getByRole('table', { name: 'Plan' });
    const row = (name: string) => text(within(table).getByRole('row', { name: new RegExp(`^${name}`) }));
    expect(row('staff')).toBe('staff10.000,01 €5.000,00 €');
    expect(row('equipment')).toBe('equipment123.456,79 €123.456,79 €');
    expect(row('Zuwendung ')).toBe('Zuwendung104.765,43 €101.765,43 €');
    expect(row('Eigenanteil')).toBe('Eigenanteil28.691,37 €26.691,36 €');
  });

  it('says how many cases the list found, and "mehr als" with the next page open where the API stopped counting', () => {
    expect(listPaging({ total: 26, totalIsLowerBound: false, pageSize: 20 }, 1)).toEqual({ status: '26 Vorgänge gefunden, Seite 1 von 2.', pages: '2', hasNext: true });
    expect(listPaging({ total: 26, totalIsLowerBound: false, pageSize: 20 }, 2)).toEqual({ status: '26 Vorgänge gefunden, Seite 2 von 2.', pages: '2', hasNext: false });
    expect(listPaging({ total: 1, totalIsLowerBound: false, pageSize: 20 }, 1).status).toBe('1 Vorgang gefunden, Seite 1 von 1.');
    expect(listPaging({ total: 0, totalIsLowerBound: false, pageSize: 20 }, 1)).toEqual({ status: 'Keine Vorgänge gefunden.', pages: '1', hasNext: false });
    expect(listPaging({ total: 10_000, totalIsLowerBound: true, pageSize: 50 }, 1)).toEqual({ status: 'Mehr als 10.000 Vorgänge gefunden, Seite 1 von mehr als 200.', pages: 'mehr als 200', hasNext: true });
    // deep in the list: the count reached past page 250, and the pager still goes on
    expect(listPaging({ total: 12_500, totalIsLowerBound: true, pageSize: 50 }, 250)).toEqual({ status: 'Mehr als 12.500 Vorgänge gefunden, Seite 250 von mehr als 250.', pages: 'mehr als 250', hasNext: true });
  });
});
