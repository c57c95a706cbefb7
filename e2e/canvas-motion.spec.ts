/** Changes animate: a new pod's chip fades in, a deleted one fades out, its replacement enters as moved or new. */
import { expect, test } from "@playwright/test";
import { openApp } from "./helpers";

type Hooks = { __kubeglass: { run(line: string): Promise<{ exit: number }> } };

test("a new pod fades in; a deleted one fades out and its replacement enters", async ({ page }) => {
  await openApp(page);
  await page.evaluate(() =>
    (window as unknown as Hooks).__kubeglass.run("kubectl create deployment web --image=nginx --replicas=2"),
  );
  const web = page.locator('[data-testid="pod-chip"][data-pod^="default/web-"]');
  await expect(web).toHaveCount(2);
  await expect(web.first()).toHaveClass(/enter-(new|moved)/);

  const victim = await web.first().getAttribute("data-pod");
  await page.evaluate(
    (name) => (window as unknown as Hooks).__kubeglass.run(`kubectl delete pod ${name} --wait=false`),
    victim?.slice("default/".length) ?? "",
  );
  await expect(page.locator(".pod-chip.leaving").first()).toBeAttached();
  await expect(page.locator(`[data-testid="pod-chip"][data-pod="${victim}"]`)).toHaveCount(0, {
    timeout: 20_000,
  });
  await expect(page.locator(".pod-chip.leaving")).toHaveCount(0);
  await expect(web).toHaveCount(2);
  await expect(
    page.locator(
      '[data-testid="pod-chip"][data-pod^="default/web-"].enter-new, [data-testid="pod-chip"][data-pod^="default/web-"].enter-moved',
    ),
  ).not.toHaveCount(0);
});
