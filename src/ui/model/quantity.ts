/** Resource quantities for display ("250m" CPU, "4025424Ki" memory), parsed by the API server's parser. */
import { parseQuantity as quantityNumber } from "../../engine/apiserver/quantity";

/** A quantity's value as a plain number (cores for CPU, bytes for memory); 0 when unparsable. */
export function parseQuantity(q: string | number | undefined): number {
  if (typeof q === "number") return q;
  const n = quantityNumber(q);
  return Number.isNaN(n) ? 0 : n;
}

/** "1.5 GiB", "512 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return "0";
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(bytes >= 10 * 2 ** 30 ? 0 : 1)} GiB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${Math.round(bytes / 2 ** 10)} KiB`;
}

/** "250m", "1.5" cores. */
export function formatCpu(cores: number): string {
  if (cores < 1 && cores > 0) return `${Math.round(cores * 1000)}m`;
  return `${Number(cores.toFixed(2))}`;
}
