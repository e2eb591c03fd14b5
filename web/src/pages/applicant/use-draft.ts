import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Problem } from '../../api/client';
import { amountError, CostRow, FundRow, newKey, PlanValue } from './financing-plan';
import { euroInput, FormField, parseEuro, Proposal } from './texts';

export type Stage = 'concept' | 'application';

/** What the applicant edits: inputs as typed (strings), converted to the API's shape only when saving. */
export interface DraftModel extends PlanValue {
  variant: string;
  locationAgs: string;
  fields: Record<string, string>;
  fundingStart: string;
  fundingEnd: string;
  iban: string;
  accountHolder: string;
}

export function modelOf(p: Proposal): DraftModel {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.fields ?? {})) fields[k] = v === null || v === undefined ? '' : String(v);
  return {
    variant: p.variant ?? '',
    locationAgs: p.locationAgs ?? '',
    fields,
    costs: p.costs.map((c): CostRow => ({ key: newKey(), category: c.category, fiscalYear: c.fiscalYear ? String(c.fiscalYear) : '', amount: euroInput(c.amountCents), description: c.description ?? '' })),
    ownContribution: p.ownContributionCents ? euroInput(p.ownContributionCents) : '',
    thirdPartyFunds: p.thirdPartyFunds.map((f): FundRow => ({ key: newKey(), source: f.source, amount: euroInput(f.amountCents) })),
    fundingStart: p.fundingStart ?? '',
    fundingEnd: p.fundingEnd ?? '',
    iban: p.iban ?? '',
    accountHolder: p.accountHolder ?? '',
  };
}

/** A form answer as the API wants it: numbers as numbers, yes/no as booleans, an empty field as null (removes it). */
function answerOf(field: FormField | undefined, text: string): unknown {
  if (text === '') return null;
  if (field?.type === 'boolean') return text === 'true';
  if (field?.type === 'integer' || field?.type === 'number') return Number(text.replace(',', '.'));
  return text;
}

/** The save body for the changed keys only (the API keeps what is left out). Keys with local input errors wait. */
export function bodyOf(model: DraftModel, dirty: Set<string>, formFields: FormField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const key of dirty) {
    if (key.startsWith('fields.')) {
      const k = key.slice(7);
      fields[k] = answerOf(formFields.find((f) => f.key === k), model.fields[k] ?? '');
    } else if (key === 'costs') {
      if (model.costs.some((c) => !c.category || !c.amount.trim() || amountError(c.amount))) continue;
      body.costs = model.costs.map((c) => ({
        category: c.category,
        amountCents: parseEuro(c.amount),
        ...(c.description.trim() ? { description: c.description.trim() } : {}),
        ...(c.fiscalYear.trim() ? { fiscalYear: Number(c.fiscalYear) } : {}),
      }));
    } else if (key === 'ownContributionCents') {
      if (amountError(model.ownContribution)) continue;
      body.ownContributionCents = parseEuro(model.ownContribution) ?? 0;
    } else if (key === 'thirdPartyFunds') {
      if (model.thirdPartyFunds.some((f) => !f.source.trim() || !f.amount.trim() || amountError(f.amount))) continue;
      body.thirdPartyFunds = model.thirdPartyFunds.map((f) => ({ source: f.source.trim(), amountCents: parseEuro(f.amount) }));
    } else if (key === 'variant' || key === 'locationAgs' || key === 'fundingStart' || key === 'fundingEnd' || key === 'iban' || key === 'accountHolder') {
      const text = model[key].trim();
      if (text) body[key] = text;
    }
  }
  if (Object.keys(fields).length) body.fields = fields;
  return body;
}

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed' } | { kind: 'conflict' };

const AUTOSAVE_MS = 1200;

/**
 * A draft with save-and-return: changes are saved debounced and on flush() (page change, submit), each with the
 * version the draft was loaded at. A 409 STALE_VERSION (another tab saved first) stops autosaving and is shown;
 * the typed input stays until the user chooses to load the stored version or to save theirs over it.
 */
export function useDraft(caseId: string, stage: Stage, initial: Proposal, formFields: FormField[]) {
  const [server, setServer] = useState<Proposal>(initial);
  const [model, setModel] = useState<DraftModel>(() => modelOf(initial));
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [errors, setErrors] = useState<Problem[]>([]);
  const version = useRef(initial.version);
  const dirty = useRef(new Set<string>());
  const modelRef = useRef(model);
  const conflict = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<void>>(Promise.resolve());
  const refused = useRef(false);
  modelRef.current = model;

  const saveNow = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    // One save at a time: each needs the version the previous one answered.
    running.current = running.current.then(async () => {
      if (conflict.current || !dirty.current.size) return;
      const snapshot = modelRef.current;
      const sent = new Set(dirty.current);
      const body = bodyOf(snapshot, sent, formFields);
      if (!Object.keys(body).length) return;
      setState({ kind: 'saving' });
      const path = stage === 'concept' ? '/api/v1/cases/{id}/concept' : '/api/v1/cases/{id}/application';
      const { data, error, response } = await api.PUT(path, { params: { path: { id: caseId } }, body: { version: version.current, ...body } });
      if (data) {
        version.current = data.version;
        setServer(data);
        setErrors([]);
        refused.current = false;
        // Keys typed into again while saving stay dirty for the next save.
        for (const key of sent) if (sameValue(snapshot, modelRef.current, key)) dirty.current.delete(key);
        setState({ kind: 'saved', at: new Date() });
      } else if (response.status === 409 && error?.code === 'STALE_VERSION') {
        conflict.current = true;
        setState({ kind: 'conflict' });
      } else {
        refused.current = true;
        setErrors(error?.details?.problems?.length ? error.details.problems : [{ code: error?.code ?? 'SAVE_FAILED', message: error?.message ?? '' }]);
        setState({ kind: 'failed' });
      }
    });
    return running.current;
  }, [caseId, stage, formFields]);

  const update = useCallback(
    (next: DraftModel, key: string) => {
      dirty.current.add(key);
      setModel(next);
      modelRef.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    [saveNow],
  );

  // Leaving the editor by any link (header, browser back) still saves what was typed last.
  const saveRef = useRef(saveNow);
  saveRef.current = saveNow;
  useEffect(
    () => () => {
      if (dirty.current.size) void saveRef.current();
    },
    [],
  );

  /** Loads the stored version: the other tab's work wins, the typed input here is dropped. */
  const loadStored = useCallback(async () => {
    const path = stage === 'concept' ? '/api/v1/cases/{id}/concept' : '/api/v1/cases/{id}/application';
    const { data } = await api.GET(path, { params: { path: { id: caseId } } });
    if (!data) return;
    version.current = data.version;
    dirty.current.clear();
    conflict.current = false;
    setServer(data);
    setModel(modelOf(data));
    setErrors([]);
    setState({ kind: 'idle' });
  }, [caseId, stage]);

  /** Saves the typed input over the stored version (only the changed parts are sent). */
  const keepMine = useCallback(async () => {
    const path = stage === 'concept' ? '/api/v1/cases/{id}/concept' : '/api/v1/cases/{id}/application';
    const { data } = await api.GET(path, { params: { path: { id: caseId } } });
    if (!data) return;
    version.current = data.version;
    conflict.current = false;
    await saveNow();
  }, [caseId, stage, saveNow]);

  const refresh = useCallback(async () => {
    const path = stage === 'concept' ? '/api/v1/cases/{id}/concept' : '/api/v1/cases/{id}/application';
    const { data } = await api.GET(path, { params: { path: { id: caseId } } });
    // The problems (e.g. a missing attachment) change without a save; the version to save against stays ours.
    if (data) setServer(data);
  }, [caseId, stage]);

  return { server, model, update, state, errors, flush: saveNow, loadStored, keepMine, refresh, hasUnsaved: () => dirty.current.size > 0, wasRefused: () => refused.current };
}

function sameValue(a: DraftModel, b: DraftModel, key: string): boolean {
  if (key.startsWith('fields.')) return a.fields[key.slice(7)] === b.fields[key.slice(7)];
  const k = key === 'ownContributionCents' ? 'ownContribution' : (key as keyof DraftModel);
  return a[k] === b[k];
}
