/**
 * Records core/v1 Events the way client-go's event recorder does: one Event per distinct
 * (object, reason, message, source, type), with count and lastTimestamp bumped on repeats.
 */

import type { ApiStore } from "../api/interface";
import { resourceForKind } from "../api/resources";
import { clone, type KubeObject } from "../api/types";
import type { Clock } from "../clock/clock";

/** Who reports an event (core/v1 EventSource), e.g. {component: "kubelet", host: "node01"}. */
export interface EventSource {
  component: string;
  host?: string;
}

/** Options of one recorded event. */
export interface EventOptions {
  /** "spec.containers{app}" for container events. */
  fieldPath?: string;
  /**
   * Write it as the events.k8s.io/v1 API does (the scheduler, the taint manager): eventTime and
   * reportingController set, firstTimestamp/lastTimestamp left null.
   */
  newApi?: boolean;
  /** Action (events.k8s.io), e.g. "Scheduling", "Binding". */
  action?: string;
}

/** Records events into the store. */
export class EventRecorder {
  private seq = 0;
  private readonly byKey = new Map<string, string>();
  /** "namespace/name" of each stored event → its key in byKey. */
  private readonly keyByEvent = new Map<string, string>();

  constructor(
    private readonly api: ApiStore,
    private readonly clock: Clock,
  ) {
    // Events restored from a scenario file keep aggregating: learn their keys as they appear.
    api.watch("Event", (e) => {
      const ev = e.object;
      if (e.type === "DELETED") {
        // An event that expired (--event-ttl) or was deleted is not counted on any more.
        const id = `${ev.metadata.namespace}/${ev.metadata.name}`;
        const key = this.keyByEvent.get(id);
        this.keyByEvent.delete(id);
        if (key !== undefined && this.byKey.get(key) === ev.metadata.name) this.byKey.delete(key);
        return;
      }
      if (e.type !== "ADDED") return;
      const o = ev.involvedObject ?? {};
      const source: EventSource = ev.reportingComponent
        ? { component: ev.reportingComponent, host: hostOf(ev.reportingInstance, ev.reportingComponent) }
        : (ev.source ?? { component: "" });
      const key = eventKey(
        o.uid,
        o.kind,
        ev.metadata.namespace,
        o.name,
        o.fieldPath,
        ev.reason,
        ev.message,
        source,
        ev.type,
      );
      if (!this.byKey.has(key)) this.byKey.set(key, ev.metadata.name as string);
      this.keyByEvent.set(`${ev.metadata.namespace}/${ev.metadata.name}`, key);
    });
  }

  /** Records a Normal or Warning event about obj. Never throws: events are best effort. */
  record(
    obj: KubeObject,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    source: EventSource,
    options: EventOptions = {},
  ): void {
    const res = resourceForKind(obj.kind);
    const namespace = obj.metadata.namespace || "default";
    const key = eventKey(
      obj.metadata.uid,
      obj.kind,
      namespace,
      obj.metadata.name,
      options.fieldPath,
      reason,
      message,
      source,
      type,
    );
    const now = this.clock.timestamp();
    const existingName = this.byKey.get(key);
    if (existingName) {
      const existing = this.api.get("Event", namespace, existingName);
      if (existing) {
        const next = clone(existing);
        next.count = (existing.count ?? 1) + 1;
        if (options.newApi) {
          next.series = { count: next.count, lastObservedTime: this.clock.microTimestamp() };
        } else next.lastTimestamp = now;
        try {
          this.api.update(next);
        } catch {
          /* best effort */
        }
        return;
      }
    }
    const name = `${obj.metadata.name}.${this.uniqueSuffix()}`;
    const involvedObject: Record<string, unknown> = {
      apiVersion: obj.apiVersion ?? (res ? (res.group ? `${res.group}/${res.version}` : res.version) : "v1"),
      kind: obj.kind,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
    };
    if (obj.metadata.namespace) involvedObject.namespace = obj.metadata.namespace;
    if (obj.metadata.resourceVersion) involvedObject.resourceVersion = obj.metadata.resourceVersion;
    if (options.fieldPath) involvedObject.fieldPath = options.fieldPath;
    const event: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      type,
      count: 1,
      source: options.newApi ? {} : source,
      firstTimestamp: options.newApi ? null : now,
      lastTimestamp: options.newApi ? null : now,
      eventTime: options.newApi ? this.clock.microTimestamp() : null,
      reportingComponent: options.newApi ? source.component : "",
      reportingInstance: options.newApi ? `${source.component}${source.host ? `-${source.host}` : ""}` : "",
    };
    if (options.action) event.action = options.action;
    try {
      this.api.create(event);
      this.byKey.set(key, name);
    } catch {
      /* best effort, as client-go drops events it cannot write */
    }
  }

  private uniqueSuffix(): string {
    // client-go names events "<object>.<UnixNano in hex>"; keep them unique within an instant.
    this.seq += 1;
    return (BigInt(this.clock.now()) * 1000000n + BigInt(this.seq)).toString(16);
  }
}

function eventKey(
  uid: string | undefined,
  kind: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
  fieldPath: string | undefined,
  reason: string | undefined,
  message: string | undefined,
  source: EventSource,
  type: string | undefined,
): string {
  return [
    uid,
    kind,
    namespace,
    name,
    fieldPath ?? "",
    reason,
    message,
    source.component,
    source.host ?? "",
    type,
  ].join("\u0000");
}

function hostOf(instance: string | undefined, component: string): string | undefined {
  return instance?.startsWith(`${component}-`) ? instance.slice(component.length + 1) : undefined;
}
