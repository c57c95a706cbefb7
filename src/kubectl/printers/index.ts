/**
 * What `kubectl get` prints as tables, and the helpers describe and the verbs share (ages,
 * tab alignment, pod status, node status).
 */
export {
  type CellValue,
  compareStrings,
  formatLabelSelector,
  formatLabels,
  labelSelectorString,
  layoutContainerCells,
  type RowOptions,
} from "./common";
export { humanDuration, parseTime, shortHumanDuration, translateTimestampSince } from "./duration";
export { EVENT_HANDLER, formatEventSource, sortByNamespaceName, sortEventsByLastTimestamp } from "./events";
export { formatEndpoints, nodeRoles, nodeStatus, servicePorts, type TableHandler } from "./kinds";
export { NodeUnreachablePodReason, type PodSummary, podSummary } from "./pod";
export { kindPrefix, noResourcesFound, printTable, type TableOptions, tableHandler } from "./table";
export { DESCRIBE_TABWRITER, TABLE_TABWRITER, type TabWriterOptions, tabwrite } from "./tabwriter";
