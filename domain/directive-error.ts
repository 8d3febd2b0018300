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
