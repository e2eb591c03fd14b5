import type { ReactNode } from 'react';

/** A term and its value in a KERN description list. */
export function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

/** A small KERN badge; the text carries the meaning, the colour only repeats it. */
export function Badge({ kind, children }: { kind: 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={`kern-badge kern-badge--${kind}`}>{children}</span>;
}

/** German for the reasons the API gives for excluding a reviewer (review_exclusions.reason). */
export function exclusionReason(kind: string, reason: string): string {
  if (kind === 'declared') return `Befangenheit erklärt: ${reason}`;
  if (reason.includes('district')) return 'dem Landkreis der Kommune verbunden';
  if (reason.includes('organisation')) return 'der antragstellenden Organisation verbunden';
  return reason;
}

/** A case reference for people: the file number, or that there is none yet. */
export const fileNumberOf = (fileNumber: string | null) => fileNumber ?? 'ohne Aktenzeichen';
