import { findDirective } from '../../../domain/library';
import { devAccounts, devSubject } from '../../../portal/dev-idp/accounts';

describe("the development identity provider's accounts", () => {
  const directive = findDirective('BOD-17-01')!;
  const agencies = [
    {
      id: 'DOJ',
      name: 'Department of Justice',
      contacts: {
        complianceOfficer: 'Officer@DOJ.example.gov',
        cio: 'cio@doj.example.gov',
        head: 'head@doj.example.gov',
      },
    },
  ];

  it("lists every agency contact, the directive's contacts and the roster file's people once each", () => {
    const accounts = devAccounts({
      agencies,
      directives: [directive],
      entries: [
        { role: 'officer', email: 'deputy@doj.example.gov', agency: 'DOJ' },
        { role: 'officer', email: 'officer@doj.example.gov', agency: 'DOJ' },
      ],
    });
    expect(accounts.map((a) => a.email).sort()).toEqual(
      [
        'bod-review@example.gov',
        'cio@doj.example.gov',
        'deputy@doj.example.gov',
        'dhs-directives@example.gov',
        'dhs-leadership@example.gov',
        'head@doj.example.gov',
        'officer@doj.example.gov',
      ].sort(),
    );
    expect(accounts.find((a) => a.email === 'officer@doj.example.gov')?.label).toBe('DOJ: compliance officer');
  });

  it('gives each address a stable subject that is not the address and does not contain it', () => {
    const subject = devSubject('officer@doj.example.gov');
    expect(subject).toMatch(/^[0-9a-f]{32}$/);
    expect(devSubject('OFFICER@doj.example.gov')).toBe(subject);
    expect(devSubject('cio@doj.example.gov')).not.toBe(subject);
  });
});
