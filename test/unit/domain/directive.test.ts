import {
  DirectiveDefinition,
  DirectiveDefinitionError,
  builtInDirectives,
  findDirective,
  parseDirectiveDefinition,
} from '../../../domain';
import { days, definition, milestone } from './fixtures';

function problemsOf(input: unknown): string[] {
  try {
    parseDirectiveDefinition(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DirectiveDefinitionError);
    return (error as DirectiveDefinitionError).problems;
  }
  throw new Error('expected the definition to be refused');
}

describe('built-in directives', () => {
  it.each(['BOD-17-01', 'BOD-18-01', 'BOD-20-01', 'BOD-26-02', 'ED-20-02'])('%s validates', (id) => {
    const directive = findDirective(id);
    expect(directive).toBeDefined();
    expect(DirectiveDefinition.safeParse(directive).success).toBe(true);
  });

  it('has exactly the five built-ins, with example-domain contacts only', () => {
    expect(builtInDirectives.map((d) => d.id)).toEqual([
      'BOD-17-01',
      'BOD-18-01',
      'BOD-20-01',
      'BOD-26-02',
      'ED-20-02',
    ]);
    for (const directive of builtInDirectives) {
      for (const contact of Object.values(directive.contacts)) expect(contact.email).toMatch(/@example\.gov$/);
    }
  });

  it('finds a directive by its printed spelling', () => {
    expect(findDirective('bod 17-01')?.id).toBe('BOD-17-01');
    expect(findDirective('BOD-99-99')).toBeUndefined();
  });

  it('models BOD 17-01 as the brief describes', () => {
    const bod = findDirective('BOD-17-01')!;
    const byId = Object.fromEntries(bod.milestones.map((m) => [m.id, m]));
    expect(Object.keys(byId)).toEqual(['identify', 'plan', 'remove', 'status', 'removed']);
    expect(byId.plan?.review).toEqual({ windowDays: 10, resubmissionDays: 10, reminderDaysBefore: [1] });
    expect(byId.remove?.gated?.reason).toBe('unless DHS directs otherwise based on new information');
    expect(byId.status?.clock).toEqual({
      from: 'milestone',
      milestoneId: 'remove',
      offset: { amount: 30, unit: 'calendarDays' },
    });
    expect(byId.status?.recurring).toEqual({ everyDays: 30, until: 'removed', count: 24 });
    expect(byId.removed?.clock).toEqual({ from: 'none' });
    expect(byId.removed?.evidenceRequired).toBe(true);
    expect(bod.vendorResponse?.gates).toBe('remove');
  });
});

describe('defaults', () => {
  it('fills in zone, roll, evidence, reminders and the escalation ladder', () => {
    const parsed = parseDirectiveDefinition(definition([milestone('a', days(30))]));
    expect(parsed.timeZone).toBe('America/New_York');
    const [a] = parsed.milestones;
    expect(a).toMatchObject({ roll: 'none', evidenceRequired: true, reminderDaysBefore: [7, 1] });
    expect(a?.escalation).toEqual([
      { level: 1, notify: ['cio', 'issuer'], afterDays: 0 },
      { level: 2, notify: ['head'], afterDays: 7 },
      { level: 3, notify: ['issuerLeadership'], afterDays: 14 },
    ]);
  });

  it('gives each milestone its own copy of the default ladder', () => {
    const parsed = parseDirectiveDefinition(definition([milestone('a', days(1)), milestone('b', days(2))]));
    parsed.milestones[0]!.escalation[0]!.notify.push('head');
    expect(parsed.milestones[1]!.escalation[0]!.notify).toEqual(['cio', 'issuer']);
  });
});

describe('refused definitions name the path and the reason', () => {
  const refusals: [string, unknown, string][] = [
    [
      'an unknown unit',
      definition([
        milestone('a', days(3)),
        milestone('b', { from: 'issuance', offset: { amount: 2, unit: 'fortnights' as never } }),
      ]),
      'milestones.1.clock.offset.unit: unknown unit "fortnights" (expected calendarDays, businessDays, months, hours)',
    ],
    [
      'a cycle',
      definition([
        milestone('a', days(3)),
        milestone('b', { from: 'milestone', milestoneId: 'c', offset: { amount: 1, unit: 'calendarDays' } }),
        milestone('c', { from: 'milestone', milestoneId: 'b', offset: { amount: 1, unit: 'calendarDays' } }),
      ]),
      'milestones.1.clock.milestoneId: cycle between milestones: b → c → b',
    ],
    [
      'a milestone counting from itself',
      definition([
        milestone('a', { from: 'milestone', milestoneId: 'a', offset: { amount: 1, unit: 'calendarDays' } }),
      ]),
      'milestones.0.clock.milestoneId: cycle between milestones: a → a',
    ],
    [
      'a negative offset',
      definition([milestone('a', days(-30))]),
      'milestones.0.clock.offset.amount: the offset must be a positive number (got -30)',
    ],
    [
      'a zero offset',
      definition([milestone('a', days(0))]),
      'milestones.0.clock.offset.amount: the offset must be a positive number (got 0)',
    ],
    [
      'a fractional offset',
      definition([milestone('a', days(1.5))]),
      'milestones.0.clock.offset.amount: the offset must be a whole number',
    ],
    [
      'a reminder at the deadline',
      definition([milestone('a', days(30), { reminderDaysBefore: [7, 0] })]),
      'milestones.0.reminderDaysBefore.1: must be more than 0 days',
    ],
    [
      'a reminder after the deadline',
      definition([milestone('a', days(30), { reminderDaysBefore: [-1] })]),
      'milestones.0.reminderDaysBefore.0: must be more than 0 days',
    ],
    [
      'a review reminder after the review window closes',
      definition([
        milestone('a', days(30), { review: { windowDays: 10, resubmissionDays: 10, reminderDaysBefore: [0] } }),
      ]),
      'milestones.0.review.reminderDaysBefore.0: must be more than 0 days',
    ],
    [
      'an unknown time zone',
      definition([milestone('a', days(30))], { timeZone: 'America/Gotham' }),
      'timeZone: unknown time zone "America/Gotham"',
    ],
    [
      'duplicate milestone ids',
      definition([milestone('a', days(30)), milestone('b', days(40)), milestone('a', days(50))]),
      'milestones.2.id: duplicate milestone id "a" (first used by milestones.0)',
    ],
    [
      'a dangling milestone reference',
      definition([
        milestone('a', days(30)),
        milestone('b', { from: 'milestone', milestoneId: 'ghost', offset: { amount: 1, unit: 'months' } }),
      ]),
      'milestones.1.clock.milestoneId: refers to unknown milestone "ghost" (known: a, b)',
    ],
    [
      'a recurring series closed by an unknown milestone',
      definition([milestone('a', days(30), { recurring: { everyDays: 30, until: 'done' } })]),
      'milestones.0.recurring.until: refers to unknown milestone "done"',
    ],
    [
      'counting from an open-ended milestone',
      definition([
        milestone('end', { from: 'none' }),
        milestone('b', { from: 'milestone', milestoneId: 'end', offset: { amount: 1, unit: 'calendarDays' } }),
      ]),
      'milestones.1.clock.milestoneId: milestone "end" is open-ended (clock none)',
    ],
    [
      'escalation levels that do not increase',
      definition([
        milestone('a', days(30), {
          escalation: [
            { level: 1, notify: ['cio'], afterDays: 0 },
            { level: 1, notify: ['head'], afterDays: 7 },
          ],
        }),
      ]),
      'milestones.0.escalation.1.level: levels must increase: 1 follows 1',
    ],
    [
      'an escalation level that comes sooner than the one before',
      definition([
        milestone('a', days(30), {
          escalation: [
            { level: 1, notify: ['cio'], afterDays: 7 },
            { level: 2, notify: ['head'], afterDays: 3 },
          ],
        }),
      ]),
      'milestones.0.escalation.1.afterDays: a higher level cannot come sooner: 3 days follows 7',
    ],
    [
      'an unknown clock',
      definition([milestone('a', { from: 'whenever' } as never)]),
      'milestones.0.clock.from: unknown clock',
    ],
    [
      'a bad due time',
      definition([milestone('a', days(3), { dueTime: '25:00' })]),
      'milestones.0.dueTime: not a time of day: "25:00"',
    ],
    [
      'a published date without the issuance it was printed for',
      definition([milestone('a', days(30), { published: { date: '2017-11-16', reason: 'printed' } })]),
      "milestones.0.published: a published date needs the directive's issuedOn",
    ],
    [
      'a published date that is not a date',
      definition([milestone('a', days(30), { published: { date: '2017-02-30', reason: 'printed' } })], {
        issuedOn: '2017-01-01',
      }),
      'milestones.0.published.date: not a date: "2017-02-30"',
    ],
    [
      'a vendor response that gates a milestone without a gate',
      definition([milestone('a', days(30))], { vendorResponse: { title: 'Response', clock: days(20), gates: 'a' } }),
      'vendorResponse.gates: milestone "a" is not gated',
    ],
    [
      'a bad contact address',
      {
        ...definition([milestone('a', days(30))]),
        contacts: { ...definition([]).contacts, issuer: { name: 'x', email: 'nope' } },
      },
      'contacts.issuer.email:',
    ],
    ['no milestones', definition([]), 'milestones:'],
  ];

  it.each(refusals)('refuses %s', (_case, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('lists every problem in the message, one per line', () => {
    const input = definition([
      milestone('a', days(0)),
      milestone('b', { from: 'issuance', offset: { amount: 3, unit: 'weeks' as never } }),
    ]);
    expect(() => parseDirectiveDefinition(input)).toThrow(
      'directive definition is invalid:\n' +
        '  - milestones.0.clock.offset.amount: the offset must be a positive number (got 0)\n' +
        '  - milestones.1.clock.offset.unit: unknown unit "weeks" (expected calendarDays, businessDays, months, hours)',
    );
  });

  it('reports a cycle once, not once per member', () => {
    const input = definition([
      milestone('a', { from: 'milestone', milestoneId: 'b', offset: { amount: 1, unit: 'calendarDays' } }),
      milestone('b', { from: 'milestone', milestoneId: 'a', offset: { amount: 1, unit: 'calendarDays' } }),
    ]);
    expect(problemsOf(input)).toEqual(['milestones.0.clock.milestoneId: cycle between milestones: a → b → a']);
  });
});
