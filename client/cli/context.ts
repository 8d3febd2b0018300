import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { DirectiveDefinition } from '../../domain/directive';
import { loadConnectionConfig, type ConnectionConfig } from '../config';
import { notFound } from './errors';

export interface Writable {
  write(chunk: string): unknown;
}

/** Where the CLI writes and what environment it reads: the process's by default, captured buffers in tests. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/**
 * What every command shares: output, configuration, and one Temporal connection opened on first use (commands that
 * need no server, such as `schedule`, never connect).
 */
export class CliContext {
  private connecting?: Promise<{ connection: Connection; client: Client }>;
  private loadedConfig?: ConnectionConfig;

  constructor(readonly io: CliIo) {}

  out(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  json(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  config(): ConnectionConfig {
    this.loadedConfig ??= loadConnectionConfig(this.io.env);
    return this.loadedConfig;
  }

  async client(): Promise<Client> {
    const config = this.config();
    this.connecting ??= (async () => {
      let connection: Connection;
      try {
        connection = await Connection.connect({
          address: config.address,
          tls: config.tls,
          apiKey: config.apiKey,
          connectTimeout: '10 seconds',
        });
      } catch (err) {
        throw new Error(`cannot reach Temporal at ${config.address} (TEMPORAL_ADDRESS): ${(err as Error).message}`, {
          cause: err,
        });
      }
      return { connection, client: new Client({ connection, namespace: config.namespace }) };
    })();
    return (await this.connecting).client;
  }

  /** The input a workflow was started with (its definition, agency, schedule), read from its first history event. */
  async startInput<T>(workflowId: string): Promise<T> {
    const client = await this.client();
    let events;
    try {
      const res = await client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId },
        maximumPageSize: 1,
      });
      events = res.history?.events;
    } catch (err) {
      if ((err as { code?: number }).code === 5) throw notFound(`no workflow ${workflowId}`);
      throw err;
    }
    const payloads = events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    if (!payloads) throw new WorkflowNotFoundError(`no start event for ${workflowId}`, workflowId, undefined);
    return decodeFromPayloadsAtIndex<T>(client.options.loadedDataConverter, 0, payloads);
  }

  /** The definition a workflow runs under (campaign or obligation: both carry it in their input). */
  async definitionOf(workflowId: string): Promise<DirectiveDefinition> {
    return (await this.startInput<{ definition: DirectiveDefinition }>(workflowId)).definition;
  }

  async close(): Promise<void> {
    if (!this.connecting) return;
    try {
      const { connection } = await this.connecting;
      await connection.close();
    } catch {
      // never connected: nothing to close
    }
  }
}
