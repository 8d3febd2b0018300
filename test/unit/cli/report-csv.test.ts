import { parse } from 'csv-parse/sync';
import { reportCsv, type ReportRow } from '../../../client/cli/report';

const row = (over: Partial<ReportRow>): ReportRow => ({
  agencyId: 'DOJ',
  name: 'Department of Justice',
  state: 'active',
  phase: 'identify',
  nextDeadline: '2017-10-14T03:59:59.000Z',
  overdue: false,
  escalationLevel: 0,
  amendments: [],
  milestones: [
    {
      id: 'identify',
      title: 'Identify',
      dueAt: '2017-10-14T03:59:59.000Z',
      state: 'pending',
      completedAt: null,
      late: false,
    },
  ],
  ...over,
});

describe('directive report --format csv', () => {
  test('a cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) starts with a quote', () => {
    const names = ['=HYPERLINK("https://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    const csv = reportCsv(names.map((name, i) => row({ agencyId: `A${i}`, name, amendments: ['=1+1', 'ok'] })));
    const records: string[][] = parse(csv);
    const cells = records.slice(1).map((r) => [r[1], r[7]]);
    expect(cells).toEqual(names.map((name) => [`'${name}`, "'=1+1;ok"]));
  });

  test('ordinary cells are left as they are: names, ids, instants, numbers and booleans', () => {
    const records: string[][] = parse(reportCsv([row({ escalationLevel: 2, overdue: true })]));
    expect(records[1]).toEqual([
      'DOJ',
      'Department of Justice',
      'active',
      'identify',
      '2017-10-14T03:59:59.000Z',
      'true',
      '2',
      '',
      '2017-10-14T03:59:59.000Z',
      'pending',
      '',
      'false',
    ]);
  });
});
