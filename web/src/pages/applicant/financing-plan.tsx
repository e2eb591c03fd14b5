import { formatCents } from '../../format';
import { CostCategory, fieldId, parseEuro } from './texts';

export interface CostRow {
  key: number;
  category: string;
  fiscalYear: string;
  amount: string;
  description: string;
}
export interface FundRow {
  key: number;
  source: string;
  amount: string;
}
export interface PlanValue {
  costs: CostRow[];
  ownContribution: string;
  thirdPartyFunds: FundRow[];
}
export type PlanKey = 'costs' | 'ownContributionCents' | 'thirdPartyFunds';

/** What the server computed at the last save (never computed here). */
export interface PlanFigures {
  grantCents: number | null;
  ownContributionCents: number;
  thirdPartyCents: number;
  calculation: {
    totalCostsCents?: number;
    eligibleCostsCents?: number;
    capCents?: number;
    capped?: boolean;
    minimumCents?: number;
    perCategory?: { category: string; eligibleCents: number; rateBp: number; grantCents: number }[];
  } | null;
}

let nextKey = 1;
export const newKey = () => nextKey++;
const AMOUNT_HINT = 'Bitte geben Sie einen Betrag in Euro an, zum Beispiel 1.234,56.';

/** A local check only: an amount that is not a euro amount is shown at once and not sent. */
export const amountError = (text: string) => (text.trim() && parseEuro(text) === null ? AMOUNT_HINT : undefined);

/**
 * The Kosten- und Finanzierungsplan as an editable table: cost lines (category, fiscal year, amount), the
 * Eigenanteil and third-party funds; below it the grant, cap and shares as the server computed them at the last save.
 */
export function FinancingPlan({
  value,
  onChange,
  categories,
  errors,
  figures,
}: {
  value: PlanValue;
  onChange: (next: PlanValue, key: PlanKey) => void;
  categories: CostCategory[];
  errors: Record<string, string>;
  figures: PlanFigures | null;
}) {
  const setCost = (i: number, patch: Partial<CostRow>) => onChange({ ...value, costs: value.costs.map((c, j) => (j === i ? { ...c, ...patch } : c)) }, 'costs');
  const setFund = (i: number, patch: Partial<FundRow>) =>
    onChange({ ...value, thirdPartyFunds: value.thirdPartyFunds.map((c, j) => (j === i ? { ...c, ...patch } : c)) }, 'thirdPartyFunds');
  const label = (code: string) => categories.find((c) => c.code === code)?.label ?? code;
  return (
    <>
      <div className="kern-table-responsive">
        <table className="kern-table fw-plan">
          <caption className="kern-title">Ausgaben</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Ausgabenart</th>
              <th scope="col" className="kern-table__header">Beschreibung</th>
              <th scope="col" className="kern-table__header">Haushaltsjahr</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Betrag in Euro</th>
              <th scope="col" className="kern-table__header kern-table__header--action">Aktion</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {value.costs.map((c, i) => (
              <tr className="kern-table__row" key={c.key}>
                <td className="kern-table__cell">
                  <Cell id={fieldId(`costs.${i}.category`)} label={`Ausgabenart, Zeile ${i + 1}`} error={errors[`costs.${i}.category`]}>
                    {(props) => (
                      <div className="kern-form-input__select-wrapper">
                        <select {...props} className="kern-form-input__select" value={c.category} onChange={(e) => setCost(i, { category: e.target.value })}>
                          <option value="">Bitte wählen</option>
                          {categories.map((k) => (
                            <option key={k.code} value={k.code}>
                              {k.label}
                              {k.eligible === false ? ' (nicht förderfähig)' : ''}
                            </option>
                          ))}
                        </select>
                      </div>
                    )}
                  </Cell>
                </td>
                <td className="kern-table__cell">
                  <Cell id={fieldId(`costs.${i}.description`)} label={`Beschreibung, Zeile ${i + 1}`} error={errors[`costs.${i}.description`]}>
                    {(props) => <input {...props} type="text" maxLength={500} value={c.description} onChange={(e) => setCost(i, { description: e.target.value })} />}
                  </Cell>
                </td>
                <td className="kern-table__cell">
                  <Cell id={fieldId(`costs.${i}.fiscalYear`)} label={`Haushaltsjahr, Zeile ${i + 1}`} error={errors[`costs.${i}.fiscalYear`]}>
                    {(props) => <input {...props} type="text" inputMode="numeric" size={6} value={c.fiscalYear} onChange={(e) => setCost(i, { fiscalYear: e.target.value })} />}
                  </Cell>
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <Cell id={fieldId(`costs.${i}.amountCents`)} label={`Betrag in Euro, Zeile ${i + 1}`} error={errors[`costs.${i}.amountCents`] ?? amountError(c.amount)}>
                    {(props) => <input {...props} type="text" inputMode="decimal" size={14} value={c.amount} onChange={(e) => setCost(i, { amount: e.target.value })} />}
                  </Cell>
                </td>
                <td className="kern-table__cell kern-table__cell--action">
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary"
                    aria-label={`Entfernen: Zeile ${i + 1}${c.category ? `, ${label(c.category)}` : ''}`}
                    onClick={() => onChange({ ...value, costs: value.costs.filter((_, j) => j !== i) }, 'costs')}
                  >
                    <span className="kern-label">Entfernen</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.costs && <FieldMessage id={fieldId('costs')} text={errors.costs} />}
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        onClick={() => onChange({ ...value, costs: [...value.costs, { key: newKey(), category: '', fiscalYear: '', amount: '', description: '' }] }, 'costs')}
      >
        <span className="kern-label">Ausgabe hinzufügen</span>
      </button>

      <h3 className="kern-heading-small">Finanzierung</h3>
      <div className="fw-form">
        <Cell id={fieldId('ownContributionCents')} label="Eigenanteil in Euro" error={errors.ownContributionCents ?? amountError(value.ownContribution)} visibleLabel>
          {(props) => <input {...props} type="text" inputMode="decimal" value={value.ownContribution} onChange={(e) => onChange({ ...value, ownContribution: e.target.value }, 'ownContributionCents')} />}
        </Cell>
      </div>
      <h4 className="kern-heading-x-small">Drittmittel</h4>
      {value.thirdPartyFunds.length === 0 && <p className="kern-body">Keine Drittmittel eingetragen.</p>}
      {value.thirdPartyFunds.map((f, i) => (
        <div className="fw-row" key={f.key}>
          <Cell id={fieldId(`thirdPartyFunds.${i}.source`)} label={`Geldgeber der Drittmittel ${i + 1}`} error={errors[`thirdPartyFunds.${i}.source`]} visibleLabel>
            {(props) => <input {...props} type="text" maxLength={200} value={f.source} onChange={(e) => setFund(i, { source: e.target.value })} />}
          </Cell>
          <Cell id={fieldId(`thirdPartyFunds.${i}.amountCents`)} label={`Betrag der Drittmittel ${i + 1} in Euro`} error={errors[`thirdPartyFunds.${i}.amountCents`] ?? amountError(f.amount)} visibleLabel>
            {(props) => <input {...props} type="text" inputMode="decimal" value={f.amount} onChange={(e) => setFund(i, { amount: e.target.value })} />}
          </Cell>
          <button
            type="button"
            className="kern-btn kern-btn--tertiary"
            aria-label={`Entfernen: Drittmittel ${i + 1}`}
            onClick={() => onChange({ ...value, thirdPartyFunds: value.thirdPartyFunds.filter((_, j) => j !== i) }, 'thirdPartyFunds')}
          >
            <span className="kern-label">Entfernen</span>
          </button>
        </div>
      ))}
      {errors.thirdPartyFunds && <FieldMessage id={fieldId('thirdPartyFunds')} text={errors.thirdPartyFunds} />}
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onChange({ ...value, thirdPartyFunds: [...value.thirdPartyFunds, { key: newKey(), source: '', amount: '' }] }, 'thirdPartyFunds')}>
        <span className="kern-label">Drittmittel hinzufügen</span>
      </button>

      <Figures figures={figures} label={label} />
    </>
  );
}

function Figures({ figures, label }: { figures: PlanFigures | null; label: (code: string) => string }) {
  const c = figures?.calculation;
  return (
    <section className="kern-card fw-figures" aria-labelledby="berechnung-titel">
      <div className="kern-card__container">
        <h3 className="kern-title" id="berechnung-titel">
          Berechnung nach dem letzten Speichern
        </h3>
        {!figures || !c ? (
          <p className="kern-body">Die Zuwendung wird berechnet, sobald die Art des Vorhabens und mindestens eine Ausgabe gespeichert sind.</p>
        ) : (
          <dl className="kern-description-list" data-testid="berechnung">
            <Item term="Ausgaben insgesamt">{formatCents(c.totalCostsCents ?? 0)}</Item>
            <Item term="davon förderfähig">{formatCents(c.eligibleCostsCents ?? 0)}</Item>
            {(c.perCategory ?? []).map((p) => (
              <Item key={p.category} term={label(p.category)}>
                {formatCents(p.eligibleCents)} × {(p.rateBp / 100).toLocaleString('de-DE')} % = {formatCents(p.grantCents)}
              </Item>
            ))}
            <Item term="Zuwendung">
              <strong>{figures.grantCents === null ? '–' : formatCents(figures.grantCents)}</strong>
              {c.capped && ' (auf den Höchstbetrag begrenzt)'}
            </Item>
            {c.capCents !== undefined && <Item term="Höchstbetrag">{formatCents(c.capCents)}</Item>}
            <Item term="Eigenanteil">{formatCents(figures.ownContributionCents)}</Item>
            <Item term="Drittmittel">{formatCents(figures.thirdPartyCents)}</Item>
          </dl>
        )}
      </div>
    </section>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function FieldMessage({ id, text }: { id: string; text: string }) {
  return (
    <p className="kern-error" id={id} tabIndex={-1}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}

/** One labelled input with its error (aria-describedby); in table cells the label is for screen readers only. */
function Cell({
  id,
  label,
  error,
  visibleLabel,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  visibleLabel?: boolean;
  children: (props: { id: string; className: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className={visibleLabel ? 'kern-label' : 'kern-label fw-visually-hidden'} htmlFor={id}>
        {label}
      </label>
      {children({ id, className: `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-fehler` : undefined })}
      {error && (
        <p className="kern-error" id={`${id}-fehler`}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
