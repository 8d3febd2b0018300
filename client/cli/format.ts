import { z } from 'zod';
import { formatInstant } from '../../domain/calculus';
import { idProblem, textProblem } from '../../domain/limits';
import { invalidInput } from './errors';

/** Left-aligned columns, two spaces apart. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

/** "Fri 2017-10-13 23:59 EDT" in the directive's zone; "—" for none. */
export function when(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatInstant(iso, timeZone) : '—';
}

/** A value for a message: quoted, and cut short when it is long (the refusal says how long it was). */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/**
 * Directive, agency and milestone ids go into workflow ids, notice keys and visibility queries: no quotes, spaces,
 * slashes or `..`, at most 128 characters (domain/limits.ts).
 */
export function checkId(value: string, option: string): string {
  const v = value.trim();
  if (textProblem(v, 'id') !== undefined) throw invalidInput(`${option}: ${textProblem(v, 'id')}`);
  if (idProblem(v) !== undefined)
    throw invalidInput(
      `${option}: ${shown(value)} is not an id (letters, digits, dots and dashes, e.g. BOD-17-01, DOJ, plan)`,
    );
  return v;
}

const emailSchema = z.email();
/** An email address, at most 128 characters, no control or bidi characters. */
export function checkEmail(value: string, option: string): string {
  const v = value.trim();
  const problem = textProblem(v, 'email');
  if (problem) throw invalidInput(`${option}: ${problem}`);
  if (!emailSchema.safeParse(v).success) throw invalidInput(`${option}: ${shown(value)} is not an email address`);
  return v;
}

/**
 * A required free text (evidence, comment, reason: at most 4096 characters, line breaks and tabs allowed) or a name
 * (`kind` 'name': one line, at most 128), trimmed; other control and bidi characters are refused.
 */
export function nonEmpty(value: string | undefined, option: string, kind: 'text' | 'name' = 'text'): string {
  if (value === undefined || value.trim() === '') throw invalidInput(`${option} is required and must not be empty`);
  const v = value.trim();
  const problem = textProblem(v, kind);
  if (problem) throw invalidInput(`${option}: ${problem}`);
  return v;
}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];
