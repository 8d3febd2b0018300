/**
 * The namespace's retention, set explicitly: how long Temporal keeps a closed workflow's history before deleting it.
 * After that, the compliance record (record/) is what proves what an obligation went through.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

/** `npm start`'s namespace keeps closed workflows this long (Temporal Cloud allows at most 90 days). */
export const DEV_RETENTION_DAYS = 30;

export async function setRetention(address: string, namespace: string, days: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msToTs(`${days} days`) },
    });
  } finally {
    await connection.close();
  }
}

/** The retention in force, in whole days (for the start banner and tests). */
export async function retentionDays(address: string, namespace: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const ns = await connection.workflowService.describeNamespace({ namespace });
    return Number(ns.config?.workflowExecutionRetentionTtl?.seconds ?? 0) / 86_400;
  } finally {
    await connection.close();
  }
}
