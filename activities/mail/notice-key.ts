/**
 * Names derived from a notice's business key. The key is the notice's identity, so the email's Message-ID, the outbox
 * file and the ledger entry are all functions of it: a retry produces the same names, never a second copy.
 */
import { createHash } from 'node:crypto';

const READABLE_PREFIX_LENGTH = 80;

/**
 * A file name stem safe on every file system: a readable prefix for operators listing the folder, then the sha256 of
 * the whole key, which keeps distinct keys distinct whatever the prefix lost (case folding, replaced characters,
 * truncation). 80 + 1 + 64 characters stays far below the 255-byte limit of common file systems.
 */
export function fileStemFor(key: string): string {
  const readable = key.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, READABLE_PREFIX_LENGTH);
  const digest = createHash('sha256').update(key, 'utf8').digest('hex');
  return `${readable}.${digest}`;
}

// RFC 5322 atext, minus '=', which escapes everything else.
const ATEXT = /[A-Za-z0-9!#$%&'*+\-/?^_`{|}~]/;

/**
 * `<encoded key@directive-engine>`: stable across retries so mail clients that deduplicate by Message-ID (and humans
 * searching for it) see one message. The encoding is reversible, so two keys never share an id: characters outside
 * atext (':' in ISO instants, spaces, non-ASCII) become =XX per UTF-8 byte; a dot stays only where dot-atom allows it.
 */
export function messageIdFor(key: string): string {
  let local = '';
  const chars = [...key];
  chars.forEach((char, index) => {
    const dotAllowed = char === '.' && index > 0 && index < chars.length - 1 && chars[index - 1] !== '.';
    if (dotAllowed || ATEXT.test(char)) {
      local += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) local += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  });
  return `<${local}@directive-engine>`;
}
