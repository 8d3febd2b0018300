import { parseDirectiveDefinition, type DirectiveDefinition } from '../directive';
import { bod1701 } from './bod-17-01';
import { bod1801 } from './bod-18-01';
import { bod2001 } from './bod-20-01';
import { bod2602 } from './bod-26-02';
import { ed2002 } from './ed-20-02';

/** Parsed at load, so the library goes through the same validation and defaults as a definition file. */
export const builtInDirectives: DirectiveDefinition[] = [bod1701, bod1801, bod2001, bod2602, ed2002].map((input) =>
  parseDirectiveDefinition(input),
);

/** Accepts the printed spelling too: "BOD 17-01", "bod-17-01". */
export function findDirective(id: string): DirectiveDefinition | undefined {
  const wanted = id.trim().toUpperCase().replace(/\s+/g, '-');
  return builtInDirectives.find((directive) => directive.id === wanted);
}
