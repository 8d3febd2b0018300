export * from './directive';
export {
  computeSchedule,
  moveDeadline,
  parseIssuedAt,
  formatInstant,
  type Schedule,
  type ScheduledMilestone,
} from './calculus';
export type { DeadlineChange } from './deadline-move';
export { federalHoliday, isBusinessDay } from './business-days';
export { builtInDirectives, findDirective } from './library';
export { loadDirectiveFile, resolveDirective } from './load';
