/**
 * The one save semantics of every draft (concept, application, review, payment request):
 * a key the client sends replaces the stored value; a key it leaves out keeps the stored value.
 * DTO instances built by the build's compiler carry every declared field as an own `undefined`
 * property, so "left out" must be read as "undefined", never as "not an own key".
 */
export function sentKeys<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
