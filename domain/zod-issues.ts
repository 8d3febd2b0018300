import type { z } from 'zod';

/**
 * Zod's issues as a person reads them: one `path: message` line per issue. An issue about the whole value (an empty
 * path) is labelled `whole`, e.g. `(definition)`, or given as its bare message when there is no label.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], whole?: string): string[] {
  return issues.map((issue) => {
    const path = issue.path.length === 0 ? whole : issue.path.map(String).join('.');
    return path === undefined ? issue.message : `${path}: ${issue.message}`;
  });
}
