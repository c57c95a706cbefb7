/** DefaultBinder: writes the pods/binding subresource. */
import type { CycleState } from "../../framework/cycle-state";
import type { BindPlugin, Handle } from "../../framework/interface";
import { asStatus, type MaybeStatus } from "../../framework/status";
import type { PodInfo } from "../../framework/types";
import { DefaultBinder as NAME } from "../names";

/** Binds through the API (defaultbinder/default_binder.go). */
export class DefaultBinderPlugin implements BindPlugin {
  readonly name = NAME;
  constructor(private readonly handle: Handle) {}
  bind(_s: CycleState, p: PodInfo, nodeName: string): MaybeStatus {
    try {
      this.handle.cluster.api.bind(p.namespace, p.pod.metadata.name as string, nodeName, {
        fieldManager: this.handle.schedulerName,
      });
      return undefined;
    } catch (e) {
      return asStatus(e);
    }
  }
}
