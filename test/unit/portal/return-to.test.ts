import { safeReturnTo } from '../../../portal/auth/return-to';

describe('where sign-in returns to', () => {
  it.each([
    ['/obligations/BOD-17-01/DOJ', '/obligations/BOD-17-01/DOJ'],
    ['/review?page=2', '/review?page=2'],
    ['/a/../b', '/b'],
  ])('keeps a path on this portal: %s', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/path\nwith-newline',
    '',
    '/'.padEnd(3000, 'a'),
    undefined,
    ['/', '/x'],
  ])('falls back to the inbox for %p', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
