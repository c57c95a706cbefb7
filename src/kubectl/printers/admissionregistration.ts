/**
 * printers.go's tables for the admissionregistration.k8s.io webhook configurations
 * (printMutatingWebhook, printValidatingWebhook: NAME, WEBHOOKS, AGE).
 */
import type { KubeObject } from "../../engine/api/types";
import type { RowOptions } from "./common";
import { translateTimestampSince } from "./duration";
import type { TableHandler } from "./kinds";

/** One webhook configuration's row: its name, how many webhooks it lists, its age. */
function webhookRow(obj: KubeObject, o: RowOptions): (string | number)[] {
  const webhooks = (obj as { webhooks?: unknown[] }).webhooks ?? [];
  return [
    obj.metadata.name ?? "",
    webhooks.length,
    translateTimestampSince(obj.metadata.creationTimestamp, o.now),
  ];
}

const webhookTable: TableHandler = {
  columns: ["NAME", "WEBHOOKS", "AGE"],
  wideColumns: [],
  nameColumn: 0,
  row: webhookRow,
};

/** The table handlers of MutatingWebhookConfiguration and ValidatingWebhookConfiguration. */
export const ADMISSIONREGISTRATION_TABLE_HANDLERS: Record<string, TableHandler> = {
  MutatingWebhookConfiguration: webhookTable,
  ValidatingWebhookConfiguration: webhookTable,
};
