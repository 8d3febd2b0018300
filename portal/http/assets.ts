/** Where USWDS's built assets (css, fonts, img, js) are: the portal serves them under /assets. */
import path from 'node:path';

export function uswdsDist(): string {
  // The package's main file is dist/js/uswds.min.js (its exports hide package.json).
  return path.resolve(path.dirname(require.resolve('@uswds/uswds')), '..');
}
