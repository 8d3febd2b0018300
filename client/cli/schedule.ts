import type { Command } from 'commander';
import { computeSchedule } from '../../domain/calculus';
import type { CliContext } from './context';
import { directiveArg, issuedAtOption } from './directive-input';
import { table, when } from './format';

/** `directive schedule`: the deadline calculus alone, no server needed. */
export function registerSchedule(program: Command, ctx: CliContext): void {
  program
    .command('schedule')
    .description("print every milestone's deadline and why it falls there (needs no server)")
    .argument(
      '<directiveId>',
      'a built-in directive (BOD-17-01, BOD-18-01, BOD-20-01, BOD-26-02, ED-20-02) or a path to a .json definition',
    )
    .option(
      '--issued-at <date>',
      "issuance: ISO-8601 date (that day in the directive's zone) or date-time; default: the definition's issuedOn, else today",
    )
    .option(
      '--json',
      'print one JSON document: { directiveId, issuedAt, timeZone, milestones: [{ id, title, dueAt, explanation }] }',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ directive schedule BOD-17-01\n  $ directive schedule BOD-17-01 --issued-at 2026-03-02 --json\n  $ directive schedule ./my-directive.json --issued-at 2026-03-02T09:00-05:00',
    )
    .action((idOrPath: string, opts: { issuedAt?: string; json?: boolean }) => {
      const def = directiveArg(idOrPath);
      const schedule = computeSchedule(def, issuedAtOption(def, opts.issuedAt));
      const milestones = schedule.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueAt: m.dueAt,
        explanation: m.explanation,
      }));
      if (opts.json) {
        ctx.json({
          directiveId: schedule.directiveId,
          issuedAt: schedule.issuedAt,
          timeZone: schedule.timeZone,
          milestones,
          ...(schedule.vendorResponseDueAt
            ? {
                vendorResponse: {
                  dueAt: schedule.vendorResponseDueAt,
                  explanation: schedule.vendorResponseExplanation ?? '',
                },
              }
            : {}),
        });
        return;
      }
      const tz = schedule.timeZone;
      ctx.out(`${def.id} — ${def.title}`);
      ctx.out(`issued ${when(schedule.issuedAt, tz)} (${tz})`);
      ctx.out();
      const rows = [['MILESTONE', 'DUE', 'TITLE']];
      for (const m of milestones) rows.push([m.id, when(m.dueAt, tz), m.title]);
      ctx.out(table(rows));
      ctx.out();
      ctx.out('Why:');
      for (const m of milestones) ctx.out(`  ${m.id}: ${m.explanation}`);
      if (schedule.vendorResponseDueAt)
        ctx.out(
          `  vendor response: due ${when(schedule.vendorResponseDueAt, tz)}: ${schedule.vendorResponseExplanation ?? ''}`,
        );
    });
}
