/** The terminal's bash: loops and pipes, a shell inside a container, and kubectl logs -f until Ctrl+C. */
import { expect, test } from "@playwright/test";
import { openApp, screenshot, terminal, terminalText, typeInTerminal } from "./helpers";

test("bash loops and pipes, then a shell inside a busybox container until exit", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "for i in 1 2 3; do echo n$i; done | wc -l; echo done=$?");
  await expect.poll(() => terminalText(page)).toContain("3\ndone=0");
  await typeInTerminal(page, "kubectl run bb --image=busybox -- sleep 3600");
  await typeInTerminal(page, "sleep 20");
  await typeInTerminal(page, "kubectl exec -it bb -- sh");
  await expect.poll(() => terminalText(page)).toMatch(/\n\/ # $/);
  await typeInTerminal(page, "cat /etc/hostname");
  await expect.poll(() => terminalText(page)).toMatch(/\/ # cat \/etc\/hostname\nbb\n/);
  await typeInTerminal(page, "exit");
  await expect.poll(() => terminalText(page)).toMatch(/\/ # exit\nroot@controlplane:~# $/);
});

test("kubectl logs -f streams new lines until Ctrl+C, then the prompt is back", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(
    page,
    "kubectl run tick --image=busybox -- sh -c 'while true; do echo tick; sleep 1; done'",
  );
  await typeInTerminal(page, "sleep 10");
  await typeInTerminal(page, "kubectl logs -f tick");
  const ticks = async () => ((await terminalText(page)).match(/^tick$/gm) ?? []).length;
  await expect.poll(ticks).toBeGreaterThan(0);
  const first = await ticks();
  // The clock plays: new lines arrive while the command runs.
  await expect.poll(ticks, { timeout: 15_000 }).toBeGreaterThan(first);
  await terminal(page).click();
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/\^C\nroot@controlplane:~# $/);
  await typeInTerminal(page, "echo status=$?");
  await expect.poll(() => terminalText(page)).toContain("status=130");
});

test("a watch loop typed over several lines streams until Ctrl+C", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "while true; do");
  await typeInTerminal(page, "  echo beat");
  await expect.poll(() => terminalText(page)).toMatch(/> {3}echo beat\n> $/);
  await typeInTerminal(page, "sleep 1; done");
  const beats = async () => ((await terminalText(page)).match(/^beat$/gm) ?? []).length;
  await expect.poll(beats).toBeGreaterThan(0);
  const first = await beats();
  await expect.poll(beats, { timeout: 15_000 }).toBeGreaterThan(first);
  await terminal(page).click();
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/\^C\nroot@controlplane:~# $/);
});

test("a pipeline streams: kubectl logs -f into grep prints each match as it comes, until Ctrl+C", async ({
  page,
}) => {
  await openApp(page);
  await typeInTerminal(
    page,
    "kubectl run count --image=busybox -- sh -c 'i=0; while true; do echo \"n $i\"; i=$((i+1)); sleep 1; done'",
  );
  await typeInTerminal(page, "sleep 5");
  await typeInTerminal(page, "kubectl logs -f count | grep --line-buffered '[05]$'");
  const matches = async () => ((await terminalText(page)).match(/^n \d*[05]$/gm) ?? []).length;
  await expect.poll(matches).toBeGreaterThan(0);
  const first = await matches();
  // The clock plays: grep prints the new matches while kubectl follows the log.
  await expect.poll(matches, { timeout: 20_000 }).toBeGreaterThan(first);
  await screenshot(page, "terminal-pipeline");
  await terminal(page).click();
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/\^C\nroot@controlplane:~# $/);
  // Inside a container, `tail -f | head` ends once head has its lines and the file grows again
  // (tail gets SIGPIPE at its next write; with a file that never grows it would wait for ever).
  await typeInTerminal(
    page,
    "kubectl exec count -- sh -c '(i=0; while true; do i=$((i+1)); echo $i >> /tmp/f; sleep 1; done) & sleep 0.5; tail -f /tmp/f | head -n 2; kill $!'; echo rc=$?",
  );
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/\n1\n2\nrc=0\n/);
});
