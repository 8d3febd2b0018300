import { z } from 'zod';
import { formatInstant } from '../../domain/calculus';
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

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Directive, agency and milestone ids go into workflow ids and visibility queries: no quotes, spaces or slashes. */
export function checkId(value: string, option: string): string {
  const v = value.trim();
  if (!ID.test(v))
    throw invalidInput(
      `${option}: "${value}" is not an id (letters, digits, dots and dashes, e.g. BOD-17-01, DOJ, plan)`,
    );
  return v;
}

const emailSchema = z.email();
export function checkEmail(value: string, option: string): string {
  if (!emailSchema.safeParse(value.trim()).success) throw invalidInput(`${option}: "${value}" is not an email address`);
  return value.trim();
}

export function nonEmpty(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw invalidInput(`${option} is required and must not be empty`);
  return value.trim();
}

/** An amendment id for commands that do not get one: `${kind}-${timestamp}`. */
export function generatedAmendmentId(kind: string, now = new Date()): string {
  return `${kind}-${now.toISOString().replace(/[-:]/g, '').replace('.', '')}`;
}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];
