// The worker's lab host: the bundled lab files (import.meta.glob) are the ones on disk, and the
// panel's commands grade through the labs engine.
import { describe, expect, it } from "vitest";
import { loadLabDir } from "../cli/labs";
import { bootLab } from "../labs/run";
import * as host from "./labhost";

describe("labhost", () => {
  it("bundles every lab file, none failing", () => {
    const { labs, errors } = host.labCatalog();
    expect(errors).toEqual([]);
    expect(labs.map((l) => l.id)).toEqual(loadLabDir().labs.map((l) => l.id));
  });

  it("answers, hints, checks and runs steps on the active lab", () => {
    const lab = host.findLab("taints-tolerations");
    if (!lab) throw new Error("no lab");
    const { cluster } = bootLab(lab);
    host.startProgress(lab);
    expect(host.answer(cluster, "node01-taints", "3")).toEqual(['"3" is not right']);
    expect(host.answer(cluster, "node01-taints", "0")).toEqual([]);
    host.hint("bee-on-node01");
    expect(host.check(cluster, "taint-node01")).toEqual([
      "node node01 has no taint spray=mortein:NoSchedule",
    ]);
    const ran: string[] = [];
    const run = () => host.step(cluster, (c) => ran.push(c));
    expect(run()).toBe("kubectl taint nodes node01 spray=mortein:NoSchedule");
    const view = host.currentView(cluster);
    expect(view?.tasks.map((t) => t.state)).toEqual(["done", "failed", "todo", "todo", "todo", "todo"]);
    expect(view?.tasks[4]?.hints).toEqual([lab.tasks[4]?.hints?.[0]]);
    expect(view?.tasks[1]?.stepsRun).toBe(1);
    expect(ran).toEqual(["kubectl taint nodes node01 spray=mortein:NoSchedule"]);
    host.setActive(undefined);
    expect(host.currentView(cluster)).toBeUndefined();
  });
});
