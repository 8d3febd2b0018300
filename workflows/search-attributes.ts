/**
 * The custom search attributes operators filter on (saved views depend on these names). No personal data here:
 * search attributes are stored unencrypted.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const DirectiveIdKey = defineSearchAttributeKey('DirectiveId', SearchAttributeType.KEYWORD);
export const AgencyIdKey = defineSearchAttributeKey('AgencyId', SearchAttributeType.KEYWORD);
export const ObligationPhaseKey = defineSearchAttributeKey('ObligationPhase', SearchAttributeType.KEYWORD);
export const NextDeadlineKey = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const OverdueKey = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);

export const searchAttributeKeys = [DirectiveIdKey, AgencyIdKey, ObligationPhaseKey, NextDeadlineKey, OverdueKey];
