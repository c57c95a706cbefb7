/** Direct manipulation: taints by drag and drop, the node menu. Each shows its kubectl command. */
import { expect, test } from "@playwright/test";
import { drag, nodeCard, openApp, screenshot } from "./helpers";

test("drag a NoSchedule taint onto node01, then remove it with ×", async ({ page }) => {
  await openApp(page);
  const taint = "dedicated=gpu:NoSchedule";
  const card = nodeCard(page, "node01");
  await drag(page, page.locator(`[data-testid="palette-taint"][data-taint="${taint}"]`), card);
  const chip = card.locator(`[data-testid="taint-chip"][data-taint="${taint}"]`);
  await expect(chip).toBeVisible();
  await expect(page.getByTestId("action-log")).toContainText(`kubectl taint nodes node01 ${taint}`);
  await expect(page.getByTestId("action-log")).toContainText("node/node01 tainted");
  await screenshot(page, "taint-dropped");
  await chip.getByRole("button", { name: `Remove taint ${taint}` }).click();
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId("action-log")).toContainText(`kubectl taint nodes node01 ${taint}-`);
});

test("drag a taint chip off its node to remove it", async ({ page }) => {
  await openApp(page);
  const taint = "spot=true:PreferNoSchedule";
  const card = nodeCard(page, "node02");
  await drag(page, page.locator(`[data-testid="palette-taint"][data-taint="${taint}"]`), card);
  const chip = card.locator(`[data-testid="taint-chip"][data-taint="${taint}"]`);
  await expect(chip).toBeVisible();
  await drag(page, chip.locator(".taint-text"), page.getByTestId("pending-lane"));
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId("action-log")).toContainText(`kubectl taint nodes node02 ${taint}-`);
});

test("cordon node02 from its menu and see SchedulingDisabled; uncordon with a right-click", async ({
  page,
}) => {
  await openApp(page);
  const card = nodeCard(page, "node02");
  await card.getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Cordon" }).click();
  await expect(card).toHaveAttribute("data-unschedulable", "true");
  await expect(card).toContainText("SchedulingDisabled");
  await expect(page.getByTestId("action-log")).toContainText("kubectl cordon node02");
  await expect(page.getByTestId("action-log")).toContainText("node/node02 cordoned");
  await screenshot(page, "cordoned");
  await card.locator(".node-head").click({ button: "right" });
  await page.getByRole("menuitem", { name: "Uncordon" }).click();
  await expect(card).toHaveAttribute("data-unschedulable", "false");
  await expect(page.getByTestId("action-log")).toContainText("node/node02 uncordoned");
});

test("stop node02's kubelet: after the grace period it is NotReady; start it again", async ({ page }) => {
  await openApp(page);
  const card = nodeCard(page, "node02");
  await card.getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Stop kubelet" }).click();
  await expect(page.getByTestId("action-log")).toContainText("ssh node02 systemctl stop kubelet");
  await page.getByRole("button", { name: "+1 min" }).click();
  await expect(card).toHaveAttribute("data-ready", "false", { timeout: 15_000 });
  await expect(card).toContainText("NotReady");
  await expect(
    card.locator('[data-testid="taint-chip"][data-taint^="node.kubernetes.io/unreachable"]').first(),
  ).toBeVisible();
  await screenshot(page, "kubelet-stopped");
  await card.getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Start kubelet" }).click();
  await expect(card).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
});

test("delete a node from its menu: it leaves the canvas", async ({ page }) => {
  await openApp(page);
  const card = nodeCard(page, "node02");
  await card.click({ button: "right", position: { x: 40, y: 20 } });
  await page.getByRole("menuitem", { name: "Delete node" }).click();
  await expect(page.getByTestId("action-log")).toContainText('node "node02" deleted');
  await expect(card).toHaveCount(0);
});
