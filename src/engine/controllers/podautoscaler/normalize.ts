/**
 * How the HPA turns the metrics' proposal into the replicas it sets (pkg/controller/podautoscaler/
 * horizontal.go, release-1.32): without `behavior`, the highest recommendation of the downscale
 * stabilization window (5 min) and a scale-up limit of max(2×current, 4); with `behavior`, the
 * scaleUp/scaleDown stabilization windows and the policies' rate limits over their periods.
 * The controller's memory per HPA (recommendations, scale events) is an AutoscalerMemory value.
 */

/** timestampedRecommendation. */
export interface TimestampedRecommendation {
  recommendation: number;
  timestampMs: number;
}

/** timestampedScaleEvent: a replica change (absolute) at a time; outdated ones are reused. */
export interface TimestampedScaleEvent {
  replicaChange: number;
  timestampMs: number;
  outdated: boolean;
}

/** What the controller remembers about one HPA between syncs. */
export interface AutoscalerMemory {
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: TimestampedScaleEvent[];
  scaleDownEvents: TimestampedScaleEvent[];
}

/** An HPAScalingPolicy. */
export interface ScalingPolicy {
  type: "Pods" | "Percent" | string;
  value: number;
  periodSeconds: number;
}

/** HPAScalingRules (scaleUp or scaleDown of spec.behavior). */
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: "Max" | "Min" | "Disabled" | string;
  policies?: ScalingPolicy[];
}

/** A condition the normalization sets: type, status, reason, message. */
export interface NormalizationCondition {
  type: "AbleToScale" | "ScalingLimited";
  status: "True" | "False";
  reason: string;
  message: string;
}

/** --horizontal-pod-autoscaler-downscale-stabilization's default. */
export const DOWNSCALE_STABILIZATION_WINDOW_MS = 5 * 60_000;

/** scaleUpLimitFactor and scaleUpLimitMinimum of the behavior-less HPA. */
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

/** Condition reasons and messages of the normalization. */
export const REASON_SCALE_DOWN_STABILIZED = "ScaleDownStabilized";
export const MSG_SCALE_DOWN_STABILIZED =
  "recent recommendations were higher than current one, applying the highest recent recommendation";
export const REASON_SCALE_UP_STABILIZED = "ScaleUpStabilized";
export const MSG_SCALE_UP_STABILIZED =
  "recent recommendations were lower than current one, applying the lowest recent recommendation";
export const REASON_READY_FOR_NEW_SCALE = "ReadyForNewScale";
export const MSG_READY_FOR_NEW_SCALE = "recommended size matches current size";
export const REASON_DESIRED_WITHIN_RANGE = "DesiredWithinRange";
export const MSG_DESIRED_WITHIN_RANGE = "the desired count is within the acceptable range";
export const REASON_SCALE_UP_LIMIT = "ScaleUpLimit";
export const MSG_SCALE_UP_LIMIT =
  "the desired replica count is increasing faster than the maximum scale rate";
export const REASON_TOO_MANY_REPLICAS = "TooManyReplicas";
export const MSG_TOO_MANY_REPLICAS = "the desired replica count is more than the maximum replica count";
export const REASON_SCALE_DOWN_LIMIT = "ScaleDownLimit";
export const MSG_SCALE_DOWN_LIMIT =
  "the desired replica count is decreasing faster than the maximum scale rate";
export const REASON_TOO_FEW_REPLICAS = "TooFewReplicas";
export const MSG_TOO_FEW_REPLICAS = "the desired replica count is less than the minimum replica count";

/** A fresh memory (recordInitialRecommendation adds the first recommendation). */
export function newAutoscalerMemory(): AutoscalerMemory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** recordInitialRecommendation: the current replicas become the first recommendation. */
export function recordInitialRecommendation(
  memory: AutoscalerMemory,
  currentReplicas: number,
  nowMs: number,
): void {
  if (memory.recommendations.length === 0)
    memory.recommendations.push({ recommendation: currentReplicas, timestampMs: nowMs });
}

/**
 * stabilizeRecommendation: the highest recommendation within the window (this one included);
 * records this one in place of the last expired one, or appends it.
 */
export function stabilizeRecommendation(
  memory: AutoscalerMemory,
  prenormalized: number,
  windowMs: number,
  nowMs: number,
): number {
  let max = prenormalized;
  let oldIndex = -1;
  const cutoff = nowMs - windowMs;
  memory.recommendations.forEach((rec, i) => {
    if (rec.timestampMs < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  const entry = { recommendation: prenormalized, timestampMs: nowMs };
  if (oldIndex >= 0) memory.recommendations[oldIndex] = entry;
  else memory.recommendations.push(entry);
  return max;
}

/** calculateScaleUpLimit: max(2×current, 4). */
export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
}

/** convertDesiredReplicasWithRules: the proposal within [min, min(max, scale-up limit)], with the reason. */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas);
  let maximum: number;
  let reason: string;
  let message: string;
  if (maxReplicas > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = REASON_SCALE_UP_LIMIT;
    message = MSG_SCALE_UP_LIMIT;
  } else {
    maximum = maxReplicas;
    reason = REASON_TOO_MANY_REPLICAS;
    message = MSG_TOO_MANY_REPLICAS;
  }
  if (desiredReplicas < minReplicas)
    return { replicas: minReplicas, reason: REASON_TOO_FEW_REPLICAS, message: MSG_TOO_FEW_REPLICAS };
  if (desiredReplicas > maximum) return { replicas: maximum, reason, message };
  return {
    replicas: desiredReplicas,
    reason: REASON_DESIRED_WITHIN_RANGE,
    message: MSG_DESIRED_WITHIN_RANGE,
  };
}

/** normalizeDesiredReplicas (no behavior): the replicas and the AbleToScale and ScalingLimited conditions. */
export function normalizeDesiredReplicas(
  memory: AutoscalerMemory,
  currentReplicas: number,
  prenormalized: number,
  minReplicas: number,
  maxReplicas: number,
  windowMs: number,
  nowMs: number,
): { replicas: number; conditions: NormalizationCondition[] } {
  const stabilized = stabilizeRecommendation(memory, prenormalized, windowMs, nowMs);
  const able: NormalizationCondition =
    stabilized !== prenormalized
      ? {
          type: "AbleToScale",
          status: "True",
          reason: REASON_SCALE_DOWN_STABILIZED,
          message: MSG_SCALE_DOWN_STABILIZED,
        }
      : {
          type: "AbleToScale",
          status: "True",
          reason: REASON_READY_FOR_NEW_SCALE,
          message: MSG_READY_FOR_NEW_SCALE,
        };
  const r = convertDesiredReplicasWithRules(currentReplicas, stabilized, minReplicas, maxReplicas);
  const limited: NormalizationCondition = {
    type: "ScalingLimited",
    status: r.replicas === stabilized ? "False" : "True",
    reason: r.reason,
    message: r.message,
  };
  return { replicas: r.replicas, conditions: [able, limited] };
}

/** NormalizationArg. */
export interface NormalizationArg {
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
}

/**
 * stabilizeRecommendationWithBehaviors: the current replicas brought within [lowest recommendation
 * of the scale-up window, highest of the scale-down window]; records the unstabilized one.
 */
export function stabilizeRecommendationWithBehaviors(
  memory: AutoscalerMemory,
  args: NormalizationArg,
  nowMs: number,
): { replicas: number; reason: string; message: string } {
  let up = args.desiredReplicas;
  let down = args.desiredReplicas;
  const upCutoff = nowMs - (args.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = nowMs - (args.scaleDown.stabilizationWindowSeconds ?? 0) * 1000;
  let oldIndex = -1;
  memory.recommendations.forEach((rec, i) => {
    if (rec.timestampMs > upCutoff) up = Math.min(rec.recommendation, up);
    if (rec.timestampMs > downCutoff) down = Math.max(rec.recommendation, down);
    if (rec.timestampMs < upCutoff && rec.timestampMs < downCutoff) oldIndex = i;
  });
  let recommendation = args.currentReplicas;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  const entry = { recommendation: args.desiredReplicas, timestampMs: nowMs };
  if (oldIndex >= 0) memory.recommendations[oldIndex] = entry;
  else memory.recommendations.push(entry);
  return args.desiredReplicas >= args.currentReplicas
    ? { replicas: recommendation, reason: REASON_SCALE_UP_STABILIZED, message: MSG_SCALE_UP_STABILIZED }
    : { replicas: recommendation, reason: REASON_SCALE_DOWN_STABILIZED, message: MSG_SCALE_DOWN_STABILIZED };
}

/** getReplicasChangePerPeriod: the replicas changed by events within the last periodSeconds. */
export function getReplicasChangePerPeriod(
  periodSeconds: number,
  events: readonly TimestampedScaleEvent[],
  nowMs: number,
): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let replicas = 0;
  for (const e of events) if (e.timestampMs > cutoff) replicas += e.replicaChange;
  return replicas;
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the scale-up policies allow now. */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: ScalingRules,
  nowMs: number,
): number {
  if (rules.selectPolicy === "Disabled") return currentReplicas;
  const pickMin = rules.selectPolicy === "Min";
  let result = pickMin ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const policy of rules.policies ?? []) {
    const added = getReplicasChangePerPeriod(policy.periodSeconds, upEvents, nowMs);
    const deleted = getReplicasChangePerPeriod(policy.periodSeconds, downEvents, nowMs);
    const periodStart = currentReplicas - added + deleted;
    let proposed = 0;
    if (policy.type === "Pods") proposed = periodStart + policy.value;
    else if (policy.type === "Percent") proposed = Math.ceil(periodStart * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return int32(result);
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the scale-down policies allow now. */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: ScalingRules,
  nowMs: number,
): number {
  if (rules.selectPolicy === "Disabled") return currentReplicas;
  const pickMin = rules.selectPolicy === "Min";
  let result = pickMin ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const policy of rules.policies ?? []) {
    const added = getReplicasChangePerPeriod(policy.periodSeconds, upEvents, nowMs);
    const deleted = getReplicasChangePerPeriod(policy.periodSeconds, downEvents, nowMs);
    const periodStart = currentReplicas - added + deleted;
    let proposed = 0;
    if (policy.type === "Pods") proposed = periodStart - policy.value;
    else if (policy.type === "Percent") proposed = Math.trunc(periodStart * (1 - policy.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return int32(result);
}

/** math.MinInt32/MaxInt32 for a rule set without policies. */
function int32(n: number): number {
  if (n === Number.POSITIVE_INFINITY) return 2 ** 31 - 1;
  if (n === Number.NEGATIVE_INFINITY) return -(2 ** 31);
  return n;
}

/** convertDesiredReplicasWithBehaviorRate: the proposal limited by the policies' rates and the bounds. */
export function convertDesiredReplicasWithBehaviorRate(
  memory: AutoscalerMemory,
  args: NormalizationArg,
  nowMs: number,
): { replicas: number; reason: string; message: string } {
  if (args.desiredReplicas > args.currentReplicas) {
    let limit = calculateScaleUpLimitWithScalingRules(
      args.currentReplicas,
      memory.scaleUpEvents,
      memory.scaleDownEvents,
      args.scaleUp,
      nowMs,
    );
    if (limit < args.currentReplicas) limit = args.currentReplicas;
    let maximum = args.maxReplicas;
    let reason = REASON_TOO_MANY_REPLICAS;
    let message = MSG_TOO_MANY_REPLICAS;
    if (maximum > limit) {
      maximum = limit;
      reason = REASON_SCALE_UP_LIMIT;
      message = MSG_SCALE_UP_LIMIT;
    }
    if (args.desiredReplicas > maximum) return { replicas: maximum, reason, message };
  } else if (args.desiredReplicas < args.currentReplicas) {
    let limit = calculateScaleDownLimitWithBehaviors(
      args.currentReplicas,
      memory.scaleUpEvents,
      memory.scaleDownEvents,
      args.scaleDown,
      nowMs,
    );
    if (limit > args.currentReplicas) limit = args.currentReplicas;
    let minimum = args.minReplicas;
    let reason = REASON_TOO_FEW_REPLICAS;
    let message = MSG_TOO_FEW_REPLICAS;
    if (minimum < limit) {
      minimum = limit;
      reason = REASON_SCALE_DOWN_LIMIT;
      message = MSG_SCALE_DOWN_LIMIT;
    }
    if (args.desiredReplicas < minimum) return { replicas: minimum, reason, message };
  }
  return {
    replicas: args.desiredReplicas,
    reason: REASON_DESIRED_WITHIN_RANGE,
    message: MSG_DESIRED_WITHIN_RANGE,
  };
}

/**
 * normalizeDesiredReplicasWithBehaviors: stabilization by the behavior's windows (scaleDown's
 * missing window is the controller's 5 min), then its rate limits; with the two conditions.
 */
export function normalizeDesiredReplicasWithBehaviors(
  memory: AutoscalerMemory,
  behavior: { scaleUp?: ScalingRules; scaleDown?: ScalingRules },
  currentReplicas: number,
  prenormalized: number,
  minReplicas: number,
  maxReplicas: number,
  downscaleWindowMs: number,
  nowMs: number,
): { replicas: number; conditions: NormalizationCondition[] } {
  const scaleDown = { ...(behavior.scaleDown ?? {}) };
  // maybeInitScaleDownStabilizationWindow.
  if (scaleDown.stabilizationWindowSeconds === undefined)
    scaleDown.stabilizationWindowSeconds = Math.trunc(downscaleWindowMs / 1000);
  const args: NormalizationArg = {
    scaleUp: behavior.scaleUp ?? {},
    scaleDown,
    minReplicas,
    maxReplicas,
    currentReplicas,
    desiredReplicas: prenormalized,
  };
  const stabilized = stabilizeRecommendationWithBehaviors(memory, args, nowMs);
  const able: NormalizationCondition =
    stabilized.replicas !== prenormalized
      ? { type: "AbleToScale", status: "True", reason: stabilized.reason, message: stabilized.message }
      : {
          type: "AbleToScale",
          status: "True",
          reason: REASON_READY_FOR_NEW_SCALE,
          message: MSG_READY_FOR_NEW_SCALE,
        };
  const r = convertDesiredReplicasWithBehaviorRate(
    memory,
    { ...args, desiredReplicas: stabilized.replicas },
    nowMs,
  );
  const limited: NormalizationCondition = {
    type: "ScalingLimited",
    status: r.replicas === stabilized.replicas ? "False" : "True",
    reason: r.reason,
    message: r.message,
  };
  return { replicas: r.replicas, conditions: [able, limited] };
}

/** getLongestPolicyPeriod. */
function longestPolicyPeriod(rules: ScalingRules | undefined): number {
  let longest = 0;
  for (const p of rules?.policies ?? []) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/**
 * storeScaleEvent: records a rescale for the behavior's rate limits (nothing without behavior),
 * reusing the slot of an event older than the direction's longest policy period.
 */
export function storeScaleEvent(
  memory: AutoscalerMemory,
  behavior: { scaleUp?: ScalingRules; scaleDown?: ScalingRules } | undefined,
  prevReplicas: number,
  newReplicas: number,
  nowMs: number,
): void {
  if (!behavior) return;
  const up = newReplicas > prevReplicas;
  const events = up ? memory.scaleUpEvents : memory.scaleDownEvents;
  const cutoff = nowMs - longestPolicyPeriod(up ? behavior.scaleUp : behavior.scaleDown) * 1000;
  let oldIndex = -1;
  events.forEach((e, i) => {
    // markScaleEventsOutdated, then the last outdated slot is reused.
    if (e.timestampMs < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const entry = { replicaChange: Math.abs(newReplicas - prevReplicas), timestampMs: nowMs, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = entry;
  else events.push(entry);
}
