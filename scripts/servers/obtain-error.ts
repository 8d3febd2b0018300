/** Raised when no way of getting a server binary worked; its message lists every attempt and the fix. */
export class ServerUnavailableError extends Error {
  constructor(what: string, attempts: string[], advice: string) {
    super(`Could not obtain ${what}. Tried, in order:\n${attempts.map((a) => `  - ${a}`).join('\n')}\n${advice}`);
    this.name = 'ServerUnavailableError';
  }
}
