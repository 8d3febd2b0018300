import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NoticeInput } from '../../activities/notice';

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `directive-${label}-`));
}

export const REPORT_COMMAND =
  'npx directive complete BOD-17-01 DOJ identify --by you@agency.gov --evidence "inventory of second-level domains"';

/** A BOD 17-01 reminder for DOJ, seven days before a deadline of Fri 2017-10-13 23:59 EDT. */
export function reminderNotice(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    key: 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D',
    kind: 'reminder',
    to: ['ciso@doj.example.gov'],
    cc: ['cio@doj.example.gov'],
    directive: { id: 'BOD-17-01', title: 'Enhance Email and Web Security', timeZone: 'America/New_York' },
    agency: { id: 'DOJ', name: 'Department of Justice' },
    milestone: {
      id: 'identify',
      title: 'Identify agency domains',
      description: 'Submit the list of second-level domains the agency operates.',
      dueAt: '2017-10-14T03:59:59.000Z',
      explanation: 'Issued Wed 2017-09-13; due 30 days later, at the end of that day in Washington.',
    },
    reportCommand: REPORT_COMMAND,
    ...overrides,
  };
}
