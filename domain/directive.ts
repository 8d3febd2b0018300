/**
 * A directive definition as the engine accepts it: the shape (directive-shape.ts) refined by the cross-field checks
 * (directive-checks.ts). Everything outside the domain imports definitions from here.
 */
import type { z } from 'zod';
import { checkDirective } from './directive-checks';
import { DirectiveDefinitionError } from './directive-error';
import { DirectiveShape } from './directive-shape';
import { describeIssues } from './zod-issues';

export * from './directive-shape';
export { DirectiveDefinitionError } from './directive-error';

// Cross-field rules (references, cycles, time zone) run once the shape is right.
export const DirectiveDefinition = DirectiveShape.superRefine(checkDirective);
export type DirectiveDefinition = z.infer<typeof DirectiveDefinition>;
/** What a definition file or a library entry may omit: the defaults are filled in by parsing. */
export type DirectiveDefinitionInput = z.input<typeof DirectiveDefinition>;

export function parseDirectiveDefinition(input: unknown): DirectiveDefinition {
  const result = DirectiveDefinition.safeParse(input);
  if (!result.success) throw new DirectiveDefinitionError(describeIssues(result.error.issues, '(definition)'));
  return result.data;
}
