import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Agency } from './agency';
import { AGENCY_ROLES, byRole } from './vocabulary';

/** A problem in an agencies file: the message names the file, the entry and the field. */
export class AgenciesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgenciesFileError';
  }
}

const CSV_COLUMNS = ['id', 'name', ...AGENCY_ROLES] as const;

/**
 * The agencies bound by a campaign, from JSON (`[{ id, name, contacts: { complianceOfficer, cio, head } }]`) or CSV
 * (columns id,name,complianceOfficer,cio,head; chosen by the `.csv` extension). Every entry is validated; duplicate
 * ids are refused.
 */
export function loadAgenciesFile(file: string): Agency[] {
  const label = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AgenciesFileError(
      `${label}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const entries = file.toLowerCase().endsWith('.csv') ? fromCsv(text, label) : fromJson(text, label);
  if (entries.items.length === 0) throw new AgenciesFileError(`${label}: lists no agencies`);
  const agencies: Agency[] = [];
  const seen = new Map<string, string>();
  entries.items.forEach((raw, i) => {
    const where = entries.where(i);
    const parsed = Agency.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const fieldPath = issue?.path.map(String) ?? [];
      // JSON: "[3].contacts.cio"; CSV: "row 5, column cio" (the CSV columns are flat).
      const field = entries.csv
        ? fieldPath.length
          ? `${where}, column ${fieldPath[fieldPath.length - 1]}`
          : where
        : `${where}${fieldPath.map((p) => `.${p}`).join('')}`;
      throw new AgenciesFileError(`${label}: ${field}: ${issue?.message ?? 'invalid agency'}`);
    }
    const previous = seen.get(parsed.data.id);
    if (previous !== undefined) {
      const idField = entries.csv ? `${where}, column id` : `${where}.id`;
      throw new AgenciesFileError(
        `${label}: ${idField}: duplicate agency id ${parsed.data.id} (already at ${previous})`,
      );
    }
    seen.set(parsed.data.id, where);
    agencies.push(parsed.data);
  });
  return agencies;
}

interface Entries {
  items: unknown[];
  csv: boolean;
  where(index: number): string;
}

function fromJson(text: string, label: string): Entries {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AgenciesFileError(`${label}: not valid JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`);
  }
  if (!Array.isArray(json)) throw new AgenciesFileError(`${label}: expected a JSON array of agencies`);
  return { items: json, csv: false, where: (i) => `[${i}]` };
}

function fromCsv(text: string, label: string): Entries {
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new AgenciesFileError(`${label}: not valid CSV: ${(err as Error).message.replace(/\s+/g, ' ')}`);
  }
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = CSV_COLUMNS.filter((c) => rows.length > 0 && !header.includes(c));
  if (missing.length)
    throw new AgenciesFileError(
      `${label}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})`,
    );
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    contacts: byRole(AGENCY_ROLES, (role) => r[role]),
  }));
  // Row 1 is the header line.
  return { items, csv: true, where: (i) => `row ${i + 2}` };
}
