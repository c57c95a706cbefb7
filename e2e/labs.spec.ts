/**
 * Graded labs in the app: a question answered wrongly then rightly, an action done in the
 * terminal turning done by itself, the rest of the solution run step by step, progress kept
 * across a reload; and a mock exam with its timer and score.
 */
import { expect, type Page, test } from "@playwright/test";
import { autosaved, openApp, screenshot, typeInTerminal } from "./helpers";

const task = (page: Page, id: string) => page.locator(`[data-testid="lab-task"][data-task="${id}"]`);

test("a lab: a question wrong then right, an action in the terminal, the rest step by step, kept on reload", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  const panel = page.getByTestId("lab-panel");
  await panel.locator('[data-testid="lab-item"][data-lab="taints-tolerations"]').click();
  await expect(panel.getByTestId("lab-title")).toHaveText("Taints and tolerations");
  await expect(panel.getByTestId("lab-task")).toHaveCount(6);
  await expect(panel.getByTestId("lab-task").first()).toHaveAttribute("data-state", "todo");

  // A question: a wrong answer fails, the right one (computed from the cluster: 0 taints) passes.
  const q = task(page, "node01-taints");
  await q.getByTestId("lab-answer").fill("2");
  await q.getByTestId("lab-check").click();
  await expect(q).toHaveAttribute("data-state", "failed");
  await expect(q.getByTestId("lab-reasons")).toHaveText('"2" is not right');
  await q.getByTestId("lab-answer").fill("0");
  await q.getByTestId("lab-check").click();
  await expect(q).toHaveAttribute("data-state", "done");

  // An action done in the terminal turns done without pressing Check.
  const taint = task(page, "taint-node01");
  const bee = task(page, "bee-on-node01");
  await expect(taint).toHaveAttribute("data-state", "todo");
  // Only the current task has controls: the next one's Check and hints wait their turn.
  await expect(bee.getByTestId("lab-check")).toHaveCount(0);
  await typeInTerminal(page, "kubectl taint nodes node01 spray=mortein:NoSchedule");
  await expect(taint).toHaveAttribute("data-state", "done", { timeout: 10_000 });

  // Check on an action not done says why (the current task is now create-mosquito).
  const mosquito = task(page, "create-mosquito");
  await mosquito.getByTestId("lab-check").click();
  await expect(mosquito).toHaveAttribute("data-state", "failed");
  await expect(mosquito.getByTestId("lab-reasons")).toHaveText("no pod mosquito in namespace default");
  await typeInTerminal(page, "kubectl run mosquito --image=nginx");
  await expect(mosquito).toHaveAttribute("data-state", "done", { timeout: 10_000 });

  // A hint of the current task, revealed one at a time.
  const phase = task(page, "mosquito-phase");
  await phase.getByTestId("lab-hint").click();
  await expect(phase.locator(".lab-hints li")).toHaveCount(1);
  await page.locator(".sidebar").evaluate((el) => {
    el.scrollTop = 0;
  });
  await screenshot(page, "labs");

  // The solution can be read before it is run.
  await bee.getByTestId("lab-show-solution").click();
  await expect(bee.getByTestId("lab-solution")).toContainText("kubectl apply -f - <<EOF");

  // The rest of the solution, step by step, to the end.
  const step = page.getByTestId("lab-run-step");
  for (let i = 0; i < 30 && (await step.isEnabled()); i++) {
    await step.click();
    await expect(step)
      .toBeEnabled({ timeout: 10_000 })
      .catch(() => {});
  }
  await expect(step).toBeDisabled();
  for (const id of [
    "node01-taints",
    "taint-node01",
    "create-mosquito",
    "mosquito-phase",
    "bee-on-node01",
    "untaint-controlplane",
  ])
    await expect(task(page, id)).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("lab-progress")).toHaveText("6/6");
  // The steps ran in the shell: the terminal shows them.
  await expect(page.getByTestId("action-log")).toContainText(
    "kubectl taint nodes controlplane node-role.kubernetes.io/control-plane:NoSchedule-",
  );

  await autosaved(page);
  await page.reload();
  await expect(page.getByTestId("lab-title")).toHaveText("Taints and tolerations", { timeout: 20_000 });
  await expect(page.getByTestId("lab-progress")).toHaveText("6/6");
  await expect(task(page, "bee-on-node01")).toHaveAttribute("data-state", "done");
});

test("a mock exam: a timer, no hints, a score with what was missed and why", async ({ page }) => {
  await openApp(page);
  await page.locator('[data-testid="lab-item"][data-lab="mock-exam-1"]').click();
  await expect(page.getByTestId("lab-title")).toHaveText("Mock exam 1: workloads and scheduling");
  await expect(page.getByTestId("lab-timer")).toHaveText(/^(20:00|19:[45]\d)$/);
  await expect(page.getByTestId("lab-hint")).toHaveCount(0);
  await expect(page.getByTestId("lab-run-step")).toHaveCount(0);
  await expect(page.getByTestId("lab-show-solution")).toHaveCount(0);

  const nodes = task(page, "count-nodes");
  await nodes.getByTestId("lab-answer").fill("3");
  await nodes.getByTestId("lab-check").click();
  await expect(nodes).toHaveAttribute("data-state", "done");
  await typeInTerminal(page, "kubectl taint nodes node02 env=prod:NoSchedule");
  await typeInTerminal(page, "kubectl run prod-app --image=nginx");

  await page.getByTestId("lab-finish").click();
  const score = page.getByTestId("lab-score");
  await expect(score).toContainText("Score 1/9");
  await expect(score).toContainText("logger-daemonset: no DaemonSet logger in namespace default");
  await expect(score).toContainText(/prod-app: [^\n]*pod prod-app is on node01, expected node02/);
  await expect(page.getByTestId("lab-timer")).toHaveCount(0);
  await expect(nodes.getByTestId("lab-check")).toHaveCount(0);
  await expect(task(page, "coredns-image").getByTestId("lab-check")).toHaveCount(0);
});
