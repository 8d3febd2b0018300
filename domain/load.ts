import { readFileSync } from 'node:fs';
import { DirectiveDefinition, DirectiveDefinitionError } from './directive';
import { builtInDirectives, findDirective } from './library';
import { describeIssues } from './zod-issues';

/** Reads a JSON definition; syntax and schema problems both come back as a DirectiveDefinitionError naming the file. */
export function loadDirectiveFile(path: string): DirectiveDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DirectiveDefinitionError([`(file): cannot read: ${(error as Error).message}`], path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DirectiveDefinitionError([`(file): not valid JSON: ${withLine((error as Error).message, text)}`], path);
  }
  const result = DirectiveDefinition.safeParse(json);
  if (!result.success) throw new DirectiveDefinitionError(describeIssues(result.error.issues, '(definition)'), path);
  return result.data;
}

/** A built-in id wins ("BOD-17-01"); anything else must be a path to a .json definition. */
export function resolveDirective(idOrPath: string): DirectiveDefinition {
  const builtIn = findDirective(idOrPath);
  if (builtIn) return builtIn;
  if (!idOrPath.toLowerCase().endsWith('.json')) {
    const known = builtInDirectives.map((directive) => directive.id).join(', ');
    throw new Error(`"${idOrPath}" is neither a built-in directive (${known}) nor a .json file`);
  }
  return loadDirectiveFile(idOrPath);
}

/** V8 quotes the offending text (newlines and all) or gives a character position; people look for a line. */
function withLine(rawMessage: string, text: string): string {
  const message = rawMessage.replace(/\s+/g, ' ');
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || message.includes('line')) return message;
  const before = text.slice(0, Number(position)).split('\n');
  return `${message} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}
