/** Edges on the canvas: a selected pod's node affinity points at the nodes it selects; the legend toggles kinds. */
import { expect, test } from "@playwright/test";
import { nodeCard, openApp, pasteIntoEditor, podChips, screenshot } from "./helpers";

const affinityPod = [
  "apiVersion: v1",
  "kind: Pod",
  "metadata:",
  "  name: picky",
  "spec:",
  "  affinity:",
  "    nodeAffinity:",
  "      requiredDuringSchedulingIgnoredDuringExecution:",
  "        nodeSelectorTerms:",
  "        - matchExpressions:",
  "          - key: kubernetes.io/hostname",
  "            operator: In",
  "            values: [node02]",
  "      preferredDuringSchedulingIgnoredDuringExecution:",
  "      - weight: 40",
  "        preference:",
  "          matchExpressions:",
  "          - key: kubernetes.io/os",
  "            operator: In",
  "            values: [linux]",
  "  tolerations:",
  "  - key: node-role.kubernetes.io/control-plane",
  "    operator: Exists",
  "    effect: NoSchedule",
  "  containers:",
  "  - name: app",
  "    image: nginx:1.27",
  "",
].join("\n");

test("selecting a pod with node affinity draws an edge to the matching node; the legend toggles it", async ({
  page,
}) => {
  await openApp(page);
  await pasteIntoEditor(page, affinityPod);
  await page.getByTestId("apply").click();
  const chip = podChips(nodeCard(page, "node02"), "picky");
  await expect(chip).toBeVisible({ timeout: 20_000 });

  const edges = page.getByTestId("pod-edge");
  await expect(edges).toHaveCount(0);
  await chip.click();

  const required = page.locator('[data-testid="pod-edge"][data-kind="node-affinity"][data-required="true"]');
  await expect(required).toHaveCount(1);
  await expect(required).toHaveAttribute("data-target", "node02");
  // Preferred (weight 40) to every linux node, dashed; toleration to the tainted control plane.
  await expect(page.locator('[data-testid="pod-edge"][data-required="false"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="pod-edge"][data-kind="toleration"]')).toHaveAttribute(
    "data-target",
    "controlplane",
  );
  await expect(page.getByTestId("edge-layer").getByText("weight 40").first()).toBeVisible();
  await screenshot(page, "canvas-edges");

  await page.locator('[data-testid="edge-toggle"][data-kind="node-affinity"]').click();
  await expect(page.locator('[data-testid="pod-edge"][data-kind="node-affinity"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="pod-edge"][data-kind="toleration"]')).toHaveCount(1);
  await page.locator('[data-testid="edge-toggle"][data-kind="node-affinity"]').click();
  await expect(required).toHaveCount(1);

  // Deselect: the edges go.
  await chip.click();
  await expect(edges).toHaveCount(0);
});

test("hovering a pod outlines the other pods of its owner", async ({ page }) => {
  await openApp(page);
  const proxy = podChips(nodeCard(page, "node01"), "kube-proxy");
  await proxy.hover();
  await expect(page.locator(".pod-chip.owner-outline[data-pod*='/kube-proxy']")).toHaveCount(3);
});
