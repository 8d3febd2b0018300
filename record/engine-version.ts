/** The engine's version (package.json), named in every export's manifest and every POA&M's metadata. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { version: ENGINE_VERSION } = require('../package.json') as { version: string };
