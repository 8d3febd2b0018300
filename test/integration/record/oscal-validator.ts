/**
 * Validates a document against NIST's OSCAL JSON schema (obtained once per machine: scripts/servers/oscal-schema.ts)
 * with ajv, as a consumer of the POA&M would. Returns ajv's errors as `path: message` lines, none when valid.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { obtainOscalSchema } from '../../../scripts/servers/oscal-schema';

let validate: ((doc: unknown) => string[]) | undefined;

export function oscalValidator(): (doc: unknown) => string[] {
  if (validate) return validate;
  const complete = JSON.parse(readFileSync(obtainOscalSchema(), 'utf8')) as { oneOf: { required: string[] }[] };
  // The complete schema accepts any OSCAL model (oneOf); keep its POA&M branch, so errors speak of the POA&M only.
  const poam = complete.oneOf.find((model) => model.required.includes('plan-of-action-and-milestones'));
  if (!poam) throw new Error("NIST's complete schema has no plan-of-action-and-milestones model");
  const { oneOf: _models, ...rest } = complete;
  const schema = { ...rest, ...poam };
  // NIST's patterns use Unicode property escapes; strict mode would reject the schema's own annotations.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  const check = ajv.compile(schema);
  const describe = (errors: ErrorObject[] | null | undefined): string[] =>
    (errors ?? []).map(
      (e) => `${e.instancePath || '(document)'}: ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`,
    );
  validate = (doc) => (check(doc) ? [] : describe(check.errors));
  return validate;
}
