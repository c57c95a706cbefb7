/** Manifests the e2e specs and the browser bench put into the editor and apply. */

/** A Deployment of `replicas` nginx pods labelled app=NAME. */
export function deploymentYaml(name: string, replicas: number): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  replicas: ${replicas}`,
    "  selector:",
    "    matchLabels:",
    `      app: ${name}`,
    "  template:",
    "    metadata:",
    "      labels:",
    `        app: ${name}`,
    "    spec:",
    "      containers:",
    "      - name: nginx",
    "        image: nginx:1.27",
    "",
  ].join("\n");
}
