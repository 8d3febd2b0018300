/** The workflow bundle's entry point: every workflow type the worker registers. */
export { agencyObligation } from './obligation';
export { directiveCampaign } from './campaign';
