import { describe, expect, it } from "vitest";
import { layoutFor, readLayouts, type SavedLayouts, withLayout } from "./persist";

const three = ["palette", "center", "editor"];
const four = ["palette", "center", "inspector", "editor"];

describe("pane layouts kept by pane set", () => {
  const saved: SavedLayouts = withLayout({ layouts: {} }, three, { palette: 15, center: 50, editor: 35 });

  it("gives back the layout saved for the same set", () => {
    expect(layoutFor(saved, three, "center", {})).toEqual({ palette: 15, center: 50, editor: 35 });
  });
  it("opens a new pane with its share taken from the flexible pane, the others as they were", () => {
    expect(layoutFor(saved, four, "center", { inspector: 20 })).toEqual({
      palette: 15,
      center: 30,
      inspector: 20,
      editor: 35,
    });
  });
  it("gives a closed pane's share back to the flexible pane", () => {
    const open = withLayout(saved, four, { palette: 10, center: 40, inspector: 25, editor: 25 });
    const closed = { ...open, layouts: { [four.join(",")]: open.layouts[four.join(",")] ?? {} } };
    expect(layoutFor(closed, three, "center", {})).toEqual({ palette: 10, center: 65, editor: 25 });
  });
  it("keeps the requested layout rather than one squeezed by a small window", () => {
    const s = withLayout(
      { layouts: {} },
      three,
      { palette: 30, center: 40, editor: 30 },
      {
        isUserInteraction: false,
        requestedLayout: { palette: 15, center: 50, editor: 35 },
      },
    );
    expect(layoutFor(s, three, "center", {})).toEqual({ palette: 15, center: 50, editor: 35 });
  });
  it("falls back to the defaults when nothing fits", () => {
    expect(layoutFor({ layouts: {} }, three, "center", {})).toBeUndefined();
    expect(layoutFor(saved, four, "center", {})).toBeUndefined();
    expect(layoutFor(saved, four, "center", { inspector: 60 })).toBeUndefined();
  });
  it("reads nothing from a damaged entry", () => {
    const storage = { getItem: () => "{not json", setItem: () => {} };
    expect(readLayouts(storage, "main")).toEqual({ layouts: {} });
  });
});
