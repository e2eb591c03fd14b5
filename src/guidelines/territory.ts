// The territorial rule of a guideline: pure, read by the applications module (organisation and project location).
import type { Territory } from './guideline.types';

/** Whether an AGS lies inside the territory; every AGS lies inside when the guideline has no territorial rule. */
export function insideTerritory(territory: Territory | undefined, ags: string): boolean {
  return !territory || territory.agsPrefixes.some((prefix) => ags.startsWith(prefix));
}
