import { sentKeys } from '../../platform/draft';
import type { ProposalData } from './proposal-rules';

/** What a client may send when saving a concept or application draft (every key optional). */
export type ProposalChanges = Partial<Omit<ProposalData, 'stage' | 'fields'>> & { fields?: Record<string, unknown> };

/**
 * The one save semantics of drafts: a key the client sends replaces the stored value, a key it leaves out
 * (absent or `undefined`) keeps the stored value; `fields` are merged per key, and a field sent as `null` is removed.
 * Returns a new, complete draft: the grant, the problem list and the stored row are all computed from it.
 */
export function mergeDraft<T extends ProposalData>(stored: T, changes: ProposalChanges): T {
  const merged: T = { ...stored, fields: mergeFields(stored.fields, changes.fields) };
  for (const [key, value] of Object.entries(sentKeys(changes))) {
    if (key !== 'fields') (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Per-key merge of a record; a key sent as `null` is removed, an `undefined` one kept. */
export function mergeFields<V>(stored: Record<string, V>, sent: Record<string, V | null | undefined> | undefined): Record<string, V> {
  const merged: Record<string, V> = { ...stored };
  for (const [key, value] of Object.entries(sent ?? {})) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Which keys a save actually sent (a value other than `undefined`). */
export function sentKeysOf(changes: object): Set<string> {
  return new Set(Object.keys(sentKeys(changes)));
}
