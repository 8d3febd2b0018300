/**
 * The payload schemas (zod), loaded the first time workflow code parses a payload instead of with every workflow:
 * see definitions.ts for why. The bundler includes the modules; `require` in a function evaluates them when called.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as CampaignMessages from './campaign-messages';
import type * as Messages from './messages';

export const obligationSchemas = (): typeof Messages => require('./messages') as typeof Messages;
export const campaignSchemas = (): typeof CampaignMessages => require('./campaign-messages') as typeof CampaignMessages;
