/**
 * The contract of graded labs: a lab file's shape (labs/lab.schema.json says the same for
 * authors), the predicates that check action tasks, the queries that compute a question's
 * answer, and the progress a learner makes. Everything here is plain data, so it crosses the
 * worker boundary and is saved with the cluster.
 */

/** A lab: a scenario, a setup run before the learner starts, and ordered tasks. */
export interface Lab {
  id: string;
  title: string;
  /** The seeds topic it practises (or "exam" for a mock exam). */
  topic: string;
  /** The built-in scenario it starts from (cka, empty). */
  scenario: string;
  /** What the learner reads first. */
  description?: string;
  /** Commands run (in one shell on the home node) before the learner starts. */
  setup?: string;
  /** Present for a mock exam: a time limit, no hints, a score at the end. */
  exam?: { minutes: number };
  tasks: Task[];
}

/** What both kinds of task have. */
interface TaskBase {
  /** Unique in its lab: the progress and the UI name it. */
  id: string;
  /** Hints, revealed one at a time. */
  hints?: string[];
  /** Commands that do the task (a script: one command a line, heredocs allowed). */
  solution?: string;
  /** Ids of tasks that must be done before this one is checked (uncordon after drain). */
  after?: string[];
  /** Points in an exam (default 1). */
  points?: number;
}

/** A question: the learner's answer is compared with one computed from the cluster. */
export interface QuestionTask extends TaskBase {
  question: string;
  answer: AnswerSpec;
}

/** An action: done when its check holds over the cluster. */
export interface ActionTask extends TaskBase {
  action: string;
  check: Predicate;
}

/** One task of a lab. */
export type Task = QuestionTask | ActionTask;

/** How an answer is compared: a number, a name, an image reference, a list in any order. */
export type AnswerType = "number" | "name" | "image" | "list";

/** How a question's correct answer is computed from the cluster (exactly one source). */
export interface AnswerSpec {
  type: AnswerType;
  /** A read-only `kubectl get ...` whose output is the answer (see reduce). */
  kubectl?: string;
  /** How kubectl output becomes the answer: its text (default), its number of words, its distinct words; count also counts files. */
  reduce?: "text" | "count" | "unique";
  /** The number of objects a selector predicate matches. */
  count?: Predicate;
  /** The names of the objects a selector predicate matches. */
  names?: Predicate;
  /** The files in a directory on a node. */
  files?: { node: string; path: string };
  /** A top-level field of a YAML file on a node (staticPodPath of /var/lib/kubelet/config.yaml). */
  yamlField?: { node: string; path: string; field: string };
}

/** Which pods: by name or by label selector, in a namespace ("default" when omitted). */
export interface PodCheck {
  namespace?: string;
  name?: string;
  /** A label selector (`app=blue`): every matching pod must pass. */
  selector?: string;
  /** Only mirror pods of static pods (owner kind Node). */
  static?: boolean;
  phase?: string;
  node?: string;
  /** The pod is on none of these nodes. */
  notOnNode?: string;
  /** Some container runs this image (compared normalised: nginx = docker.io/library/nginx:latest). */
  image?: string;
  /** Tolerates a taint written as kubectl taint does: `key=value:Effect`, `key:Effect`. */
  tolerates?: string;
  ready?: boolean;
  schedulerName?: string;
  initContainers?: number;
  containers?: number;
  /** Some container's limits equal these quantities. */
  limits?: Record<string, string>;
  requests?: Record<string, string>;
  /** Exactly this many pods match (with a selector). */
  count?: number;
}

/** A DaemonSet and where its pods run. */
export interface DaemonSetCheck {
  namespace?: string;
  name?: string;
  image?: string;
  /** A Running pod of it on every worker node. */
  podsOnEveryNode?: boolean;
  /** With podsOnEveryNode: on control-plane nodes too. */
  includingControlPlane?: boolean;
}

/** A node's state. */
export interface NodeCheck {
  name: string;
  unschedulable?: boolean;
  /** No pods on it but DaemonSet pods and static (mirror) pods, as after a drain. */
  noPodsExceptDaemonSets?: boolean;
  labels?: Record<string, string>;
  /** Taints it has (`key=value:Effect`). */
  taints?: string[];
  /** Taints it must not have. */
  withoutTaints?: string[];
}

/** A static pod: its mirror pod NAME-NODE, owned by the node. */
export interface StaticPodCheck {
  name: string;
  node?: string;
  image?: string;
  /** The container's command and args joined with spaces (`sleep 1000`). */
  command?: string;
}

/** A file on a node's host. */
export interface FileCheck {
  node: string;
  path: string;
  absent?: boolean;
  contains?: string;
}

/** Any object by kind and name, optionally a field (jsonpath) containing or equal to a text. */
export interface ObjectCheck {
  kind: string;
  name: string;
  namespace?: string;
  jsonpath?: string;
  contains?: string;
  equals?: string;
  /** The jsonpath gives some text (a volume of a kind exists, say). */
  notEmpty?: boolean;
}

/** A Deployment's available replicas and image. */
export interface DeploymentCheck {
  name: string;
  namespace?: string;
  availableReplicas?: number;
  image?: string;
}

/** The predicate language: one leaf or a combinator per object. */
export type Predicate =
  | { pod: PodCheck }
  | { daemonset: DaemonSetCheck }
  | { node: NodeCheck }
  | { staticPod: StaticPodCheck }
  | { file: FileCheck }
  | { object: ObjectCheck }
  | { deployment: DeploymentCheck }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

/** A predicate's outcome: whether it holds, and if not why, in words a learner reads. */
export interface Verdict {
  ok: boolean;
  /** Why it does not hold ("pod bee is on node02, expected node01"); empty when ok. */
  reasons: string[];
}

/** A task's state as the panel shows it. */
export type TaskState = "todo" | "done" | "failed";

/** One task's progress. */
export interface TaskProgress {
  state: TaskState;
  /** Hints revealed so far. */
  hintsShown: number;
  /** Solution steps run so far. */
  stepsRun: number;
  /** The last answer given (questions). */
  answer?: string;
  /** Why the last check failed. */
  reasons?: string[];
}

/** A learner's progress in a lab, saved with the cluster. */
export interface LabProgress {
  lab: string;
  tasks: Record<string, TaskProgress>;
  /** An exam's timer: wall-clock ms when it started and when it ends (the caller's clock). */
  exam?: { startedAt: number; endsAt: number; finished?: boolean };
}
