import { DateTime } from 'luxon';
import { parseIssuedAt } from '../../domain/calculus';
import { DirectiveDefinitionError, type DirectiveDefinition } from '../../domain/directive';
import { resolveDirective } from '../../domain/load';
import { invalidInput } from './errors';

/** A built-in directive id ("BOD-17-01") or a path to a .json definition; anything else is invalid input. */
export function directiveArg(idOrPath: string): DirectiveDefinition {
  try {
    return resolveDirective(idOrPath);
  } catch (err) {
    if (err instanceof DirectiveDefinitionError) throw err;
    throw invalidInput(`<directiveId>: unknown directive: ${(err as Error).message}`);
  }
}

/** `--issued-at`, else the definition's issuedOn, else today in the directive's zone; validated either way. */
export function issuedAtOption(def: DirectiveDefinition, option: string | undefined): string {
  const text = option ?? def.issuedOn ?? DateTime.now().setZone(def.timeZone).toISODate() ?? '';
  try {
    parseIssuedAt(text, def.timeZone);
  } catch (err) {
    throw invalidInput(`--issued-at: ${(err as Error).message}`);
  }
  return text;
}
