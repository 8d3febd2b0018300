/**
 * Instants as the obligation and campaign states keep them: epoch milliseconds, written out as ISO-8601 UTC
 * (`2017-10-14T03:59:59.000Z`) in notice keys, messages and views. No luxon and no time zone: workflow code imports
 * this, and `Date#toISOString` gives the same text on every machine.
 */

/** `2017-10-14T03:59:59.000Z`; none stays none. */
export function toIso(ms: number): string;
export function toIso(ms: number | null | undefined): string | null;
export function toIso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
