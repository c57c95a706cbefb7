/** A name with the characters a query matched in bold. */
import type { Range } from "../search/rank";

/** The name, its matched ranges wrapped in <mark>. */
export function Highlight({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <span className="hl">{parts}</span>;
}
