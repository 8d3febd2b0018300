import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
} from '@temporalio/client';
import { CommanderError } from 'commander';
import { AgenciesFileError } from '../../domain/agencies-file';
import { DirectiveDefinitionError } from '../../domain/directive';
import { ConfigError } from '../config';

/** gRPC's NOT_FOUND status code (the enum lives in @grpc/grpc-js, which this project does not depend on directly). */
const GRPC_NOT_FOUND = 5;

/** The CLI's exit codes (public: listed in the README, scripts depend on them). */
export const EXIT = { ok: 0, failed: 1, invalidInput: 2, refused: 3, notFound: 4 } as const;

/** An outcome the CLI anticipated: the message is what the user reads, the code is the process's exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const invalidInput = (message: string): CliError => new CliError(EXIT.invalidInput, message);
export const notFound = (message: string): CliError => new CliError(EXIT.notFound, message);
export const refused = (message: string): CliError => new CliError(EXIT.refused, message);

const oneLine = (text: string): string =>
  text
    .replace(/\s*\n\s*(-\s+)?/g, '; ')
    .replace(/:;/g, ':')
    .trim();

/** Any error to an exit code and one line for stderr (empty when commander has already written its own). */
export function classify(err: unknown): { exitCode: number; message: string } {
  if (err instanceof CliError) return { exitCode: err.exitCode, message: err.message };
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version')
      return { exitCode: EXIT.ok, message: '' };
    return { exitCode: EXIT.invalidInput, message: '' };
  }
  if (err instanceof ConfigError)
    return { exitCode: EXIT.invalidInput, message: `invalid configuration: ${err.problems.join('; ')}` };
  if (err instanceof DirectiveDefinitionError) {
    return {
      exitCode: EXIT.invalidInput,
      message: `${err.source ?? 'directive definition'} is invalid: ${err.problems.join('; ')}`,
    };
  }
  if (err instanceof AgenciesFileError) return { exitCode: EXIT.invalidInput, message: `--agencies: ${err.message}` };
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    return { exitCode: EXIT.refused, message: `refused: ${oneLine(cause?.message ?? err.message)}` };
  }
  if (err instanceof WorkflowNotFoundError)
    return {
      exitCode: EXIT.notFound,
      message: `not found: workflow ${err.workflowId || ''} ${oneLine(err.message)}`.replace(/\s+/g, ' '),
    };
  if (err instanceof WorkflowExecutionAlreadyStartedError)
    return { exitCode: EXIT.refused, message: oneLine(err.message) };
  if (isGrpcServiceError(err) && Number(err.code) === GRPC_NOT_FOUND)
    return { exitCode: EXIT.notFound, message: `not found: ${oneLine(err.details || err.message)}` };
  const message = err instanceof Error ? err.message : String(err);
  return { exitCode: EXIT.failed, message: `error: ${oneLine(message)}` };
}
