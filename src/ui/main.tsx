/**
 * Entry: starts the engine worker first, then loads the app. The worker compiles and boots its
 * cluster while the UI bundle (React, React Flow, the panels) downloads and compiles, so the first
 * node card shows sooner.
 */
import { startWorkerEarly } from "./bridge/early";

performance.mark("kubeglass:entry");
startWorkerEarly();
void import("./start");
