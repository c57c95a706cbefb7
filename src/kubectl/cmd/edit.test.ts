/**
 * `kubectl edit` (editoptions.go's loop): through the shell with KUBE_EDITOR as a command line
 * (the `sed -i` idiom), the shell's vi, and the app's YAML editor (result.edit + finishEdit).
 */
import { beforeEach, describe, expect, test } from "vitest";
import { Shell } from "../../shell";
import { TestCluster } from "../../testing/test-cluster";
import type { EditSession } from "../interface";
import { EDIT_HEADER, finishEdit } from "./edit";

let t: TestCluster;
beforeEach(() => {
  t = new TestCluster();
  t.kubectl("create deployment web --image=nginx:1.14");
  t.kubectl("run p --image=nginx");
});
const image = () => t.kubectl("get deploy web -o jsonpath={.spec.template.spec.containers[0].image}").stdout;

describe("with an editor program", () => {
  test("a saved change is patched onto the object, and the temporary file goes", () => {
    t.sh('export KUBE_EDITOR="sed -i s/nginx:1.14/nginx:1.15/"');
    expect(t.kubectl("edit deploy web")).toEqual({
      stdout: "deployment.apps/web edited\n",
      stderr: "",
      exit: 0,
    });
    expect(image()).toBe("nginx:1.15");
    expect(t.sh("ls /tmp").stdout).toBe("");
  });

  test("nothing changed", () => {
    t.sh("export KUBE_EDITOR=true");
    expect(t.kubectl("edit deploy web")).toEqual({
      stdout: "",
      stderr: "Edit cancelled, no changes made.\n",
      exit: 0,
    });
  });

  test("an invalid change re-opens the file under the reasons; saved again unchanged, the edit gives up", () => {
    t.sh('export KUBE_EDITOR="sed -i s/restartPolicy:.Always/restartPolicy:\\ Never/"');
    const r = t.kubectl("edit pod p");
    const file = /A copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"/.exec(
      r.stderr,
    )?.[1];
    expect(r.stderr).toBe(
      `error: pods "p" is invalid\nA copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`,
    );
    expect(r.exit).toBe(1);
    const kept = t.sh(`cat ${file}`).stdout;
    expect(
      kept.startsWith(
        `${EDIT_HEADER}# pods "p" was not valid:\n# * spec: Forbidden: pod updates may not change fields`,
      ),
    ).toBe(true);
    expect(kept).toContain("restartPolicy: Never");
    expect(t.pod("default/p")?.spec?.restartPolicy).toBe("Always");
  });

  test("a changed name is refused", () => {
    t.sh('export KUBE_EDITOR="sed -i s/name:.web$/name:\\ other/"');
    const r = t.kubectl("edit deploy web");
    expect(r.stderr).toMatch(
      /^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/,
    );
    expect(r.exit).toBe(1);
  });

  test("the shell's vi, a missing editor, and a command line that fails", () => {
    expect(t.kubectl("edit deploy web")).toEqual({
      stdout: "",
      stderr:
        "vi: this terminal has no full-screen editor; write files with 'cat > FILE <<EOF' or change them with 'sed -i', or open them in the YAML editor\n" +
        'error: there was a problem with the editor "vi"\n',
      exit: 1,
    });
    t.sh("export EDITOR=nosuch");
    expect(t.kubectl("edit deploy web")).toEqual({
      stdout: "",
      stderr: 'error: unable to launch the editor "nosuch"\n',
      exit: 1,
    });
    t.sh('export KUBE_EDITOR="false x"');
    expect(t.kubectl("edit deploy web").stderr).toBe(
      'error: there was a problem with the editor "/bin/bash -c false x"\n',
    );
    expect(image()).toBe("nginx:1.14");
  });

  test("what there is nothing to edit", () => {
    expect(t.kubectl("edit deploy nope")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exit: 1,
    });
    expect(t.kubectl("edit")).toEqual({
      stdout: "",
      stderr: "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n",
      exit: 1,
    });
  });
});

describe("in the app's YAML editor", () => {
  test("the terminal's result carries the buffer; saving patches, re-opens or cancels", () => {
    const shell = new Shell(t.cluster, { appEditor: true });
    const opened = shell.run("kubectl edit deploy web");
    expect(opened.stdout + opened.stderr).toBe("");
    const edit = opened.edit as { buffer: string; session: EditSession };
    expect(edit.buffer.startsWith(`${EDIT_HEADER}apiVersion: apps/v1\nkind: Deployment\n`)).toBe(true);
    const ctx = { cluster: t.cluster };

    expect(finishEdit(ctx, edit.session, edit.buffer)).toEqual({
      stdout: "",
      stderr: "Edit cancelled, no changes made.\n",
      exit: 0,
    });

    const broken = finishEdit(ctx, edit.session, edit.buffer.replace("replicas: 1", "replicas: ["));
    expect(broken.exit).toBe(0);
    expect(broken.edit?.buffer).toMatch(/^# Please edit[\s\S]*#\n# The edited file had a syntax error: /);

    const saved = finishEdit(ctx, edit.session, edit.buffer.replace("nginx:1.14", "nginx:1.16"));
    expect(saved).toEqual({ stdout: "deployment.apps/web edited\n", stderr: "", exit: 0 });
    expect(image()).toBe("nginx:1.16");
  });
});
