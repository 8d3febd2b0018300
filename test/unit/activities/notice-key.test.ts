import { fileStemFor, messageIdFor } from '../../../activities/mail/notice-key';

const KEY = 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D';

describe('names derived from a notice key', () => {
  test('the file stem is readable, file-system safe and stable', () => {
    const stem = fileStemFor(KEY);
    expect(stem).toMatch(/^BOD-17-01_DOJ_identify_reminder_2017-10-14T03_59_59_000Z_P7D\.[0-9a-f]{64}$/);
    expect(fileStemFor(KEY)).toBe(stem);
    expect(fileStemFor('../../etc/passwd')).not.toContain('/');
  });

  test('keys that read alike still get distinct files and Message-IDs', () => {
    const lookalikes = ['a/b:c', 'a/b_c', 'a_b_c', 'A/b:c', 'a/b=3Ac', 'a/b.c', 'a/b..c', '.a', 'é'];
    expect(new Set(lookalikes.map(fileStemFor)).size).toBe(lookalikes.length);
    expect(new Set(lookalikes.map(messageIdFor)).size).toBe(lookalikes.length);
  });

  test('the Message-ID is a valid msg-id (dot-atom-text @ domain)', () => {
    const dotAtom = /^<[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*@directive-engine>$/;
    for (const key of [KEY, '.leading', 'trailing.', 'double..dot', 'with space', 'naïve', 'a<b>@c']) {
      expect(messageIdFor(key)).toMatch(dotAtom);
    }
    expect(messageIdFor(KEY)).toBe(
      '<BOD-17-01/DOJ/identify/reminder/2017-10-14T03=3A59=3A59.000Z/P7D@directive-engine>',
    );
  });
});
