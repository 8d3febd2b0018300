import type { z } from 'zod';

/** A definition the engine refuses; `problems` holds one `path: reason` line per problem. */
export class DirectiveDefinitionError extends Error {
  readonly problems: string[];
  readonly source: string | undefined;

  constructor(problems: string[], source?: string) {
    super(`${source ?? 'directive definition'} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'DirectiveDefinitionError';
    this.problems = problems;
    this.source = source;
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(definition)' : path.map(String).join('.');
}
