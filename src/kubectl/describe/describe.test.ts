// Golden outputs modelled on kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/describe/describe_test.go
// (TestDescribePodTolerations, TestDescribeNode..., TestDescribeDeployment, TestDescribeEvents) and
// on real kubectl v1.32 output layouts.
import { expect, it, describe as suite } from "vitest";
import type { ApiReader } from "../../engine/api/interface";
import type { KubeObject } from "../../engine/api/types";
import { describe as describeObject } from "./index";
import { formatQuantity, parseQuantity } from "./quantity";

const NOW = Date.parse("2026-01-01T00:10:00Z");

function reader(objs: KubeObject[]): ApiReader {
  return {
    get: (kind, ns, name) =>
      objs.find(
        (o) =>
          o.kind === kind &&
          o.metadata.name === name &&
          (o.metadata.namespace ?? undefined) === (ns ?? undefined),
      ),
    list: (kind, o) =>
      objs.filter((x) => x.kind === kind && (!o?.namespace || x.metadata.namespace === o.namespace)),
    resourceVersion: () => "1",
  };
}

const node: KubeObject = {
  apiVersion: "v1",
  kind: "Node",
  metadata: {
    name: "node01",
    uid: "n-uid",
    creationTimestamp: "2026-01-01T00:00:00Z",
    labels: { "kubernetes.io/hostname": "node01", "node-role.kubernetes.io/worker": "" },
    annotations: { "node.alpha.kubernetes.io/ttl": "0" },
  },
  spec: { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
  status: {
    capacity: { cpu: "4", memory: "8Gi", pods: "110" },
    allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
    conditions: [
      {
        type: "Ready",
        status: "True",
        lastHeartbeatTime: "2026-01-01T00:09:50Z",
        lastTransitionTime: "2026-01-01T00:00:10Z",
        reason: "KubeletReady",
        message: "kubelet is posting ready status",
      },
    ],
    addresses: [
      { type: "InternalIP", address: "192.168.0.11" },
      { type: "Hostname", address: "node01" },
    ],
    nodeInfo: {
      kubeletVersion: "v1.32.0",
      kubeProxyVersion: "v1.32.0",
      osImage: "Ubuntu 22.04.4 LTS",
      kernelVersion: "5.15.0",
      containerRuntimeVersion: "containerd://1.7.22",
      operatingSystem: "linux",
      architecture: "amd64",
      machineID: "m",
      systemUUID: "s",
      bootID: "b",
    },
  },
};

const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web",
    namespace: "default",
    uid: "p-uid",
    creationTimestamp: "2026-01-01T00:05:00Z",
    labels: { run: "web" },
  },
  spec: {
    nodeName: "node01",
    serviceAccountName: "default",
    priority: 0,
    containers: [
      {
        name: "web",
        image: "nginx",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      },
    ],
    tolerations: [
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ],
  },
  status: {
    phase: "Running",
    hostIP: "192.168.0.11",
    podIP: "10.244.1.5",
    podIPs: [{ ip: "10.244.1.5" }],
    startTime: "2026-01-01T00:05:00Z",
    qosClass: "Burstable",
    conditions: [
      { type: "Initialized", status: "True" },
      { type: "Ready", status: "True" },
      { type: "PodScheduled", status: "True" },
    ],
    containerStatuses: [
      {
        name: "web",
        ready: true,
        restartCount: 0,
        imageID: "docker.io/library/nginx@sha256:abc",
        containerID: "containerd://123",
        state: { running: { startedAt: "2026-01-01T00:05:03Z" } },
      },
    ],
  },
};

const events: KubeObject[] = [
  {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.2", namespace: "default" },
    involvedObject: {
      kind: "Pod",
      name: "web",
      namespace: "default",
      uid: "p-uid",
      fieldPath: "spec.containers{web}",
    },
    type: "Normal",
    reason: "Pulled",
    message: 'Container image "nginx" already present on machine',
    source: { component: "kubelet", host: "node01" },
    firstTimestamp: "2026-01-01T00:05:02Z",
    lastTimestamp: "2026-01-01T00:05:02Z",
    count: 1,
  },
  {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.1", namespace: "default" },
    involvedObject: { kind: "Pod", name: "web", namespace: "default", uid: "p-uid" },
    type: "Normal",
    reason: "Scheduled",
    message: "Successfully assigned default/web to node01",
    source: { component: "default-scheduler" },
    firstTimestamp: "2026-01-01T00:05:00Z",
    lastTimestamp: "2026-01-01T00:05:00Z",
    count: 1,
  },
  {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.3", namespace: "default" },
    involvedObject: { kind: "Pod", name: "web", namespace: "default", uid: "p-uid" },
    type: "Warning",
    reason: "BackOff",
    message: "Back-off restarting failed container",
    source: { component: "kubelet" },
    firstTimestamp: "2026-01-01T00:06:00Z",
    lastTimestamp: "2026-01-01T00:09:00Z",
    count: 4,
  },
];

suite("describe pod", () => {
  it("prints the describe.go layout with an Events table", () => {
    expect(describeObject(pod, { api: reader([node, pod, ...events]), now: NOW })).toBe(`Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node01/192.168.0.11
Start Time:       Thu, 01 Jan 2026 00:05:00 +0000
Labels:           run=web
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:  10.244.1.5
Containers:
  web:
    Container ID:   containerd://123
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:abc
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 00:05:03 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      memory:  128Mi
    Requests:
      cpu:        100m
      memory:     64Mi
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type           Status
  Initialized    True 
  Ready          True 
  PodScheduled   True 
Volumes:         <none>
QoS Class:       Burstable
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  5m                default-scheduler  Successfully assigned default/web to node01
  Normal   Pulled     4m58s             kubelet            Container image "nginx" already present on machine
  Warning  BackOff    60s (x4 over 4m)  kubelet            Back-off restarting failed container
`);
  });
  it("Events: <none> joins the block above it; pending pods have no node", () => {
    const pending: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default", uid: "u" },
      spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] },
      status: { phase: "Pending", qosClass: "BestEffort" },
    };
    expect(describeObject(pending, { api: reader([pending]), now: NOW })).toBe(`Name:         p
Namespace:    default
Node:         <none>
Labels:       <none>
Annotations:  <none>
Status:       Pending
IP:           
IPs:          <none>
Containers:
  c:
    Image:      busybox
    Port:       <none>
    Host Port:  <none>
    Command:
      sleep
      3600
    Environment:  <none>
    Mounts:       <none>
Volumes:          <none>
QoS Class:        BestEffort
Node-Selectors:   <none>
Tolerations:      <none>
Events:           <none>
`);
  });
});

suite("describe node", () => {
  it("prints a pod's fractions of a node with no allocatable as Go converts NaN (campaign seed 10422)", () => {
    const bare: KubeObject = { ...node, status: { ...node.status, capacity: {}, allocatable: {} } };
    const text = describeObject(bare, { api: reader([bare, pod]), now: NOW });
    // The per-pod rows divide unguarded (int64 of NaN or +Inf on amd64); the totals check for 0.
    expect(text).toContain("-9223372036854775808%");
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toMatch(/cpu\s+\S+ \(0%\)/);
  });

  it("prints conditions, capacity, pods and allocated resources", () => {
    expect(describeObject(node, { api: reader([node, pod]), now: NOW })).toBe(`Name:               node01
Roles:              worker
Labels:             kubernetes.io/hostname=node01
                    node-role.kubernetes.io/worker=
Annotations:        node.alpha.kubernetes.io/ttl: 0
CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000
Taints:             dedicated=gpu:NoSchedule
Unschedulable:      false
Lease:              Failed to get lease: leases.coordination.k8s.io "node01" not found
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
  ----    ------  -----------------                 ------------------                ------         -------
  Ready   True    Thu, 01 Jan 2026 00:09:50 +0000   Thu, 01 Jan 2026 00:00:10 +0000   KubeletReady   kubelet is posting ready status
Addresses:
  InternalIP:  192.168.0.11
  Hostname:    node01
Capacity:
  cpu:     4
  memory:  8Gi
  pods:    110
Allocatable:
  cpu:     4
  memory:  8Gi
  pods:    110
System Info:
  Machine ID:                 m
  System UUID:                s
  Boot ID:                    b
  Kernel Version:             5.15.0
  OS Image:                   Ubuntu 22.04.4 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.22
  Kubelet Version:            v1.32.0
  Kube-Proxy Version:         v1.32.0
Non-terminated Pods:          (1 in total)
  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----    ------------  ----------  ---------------  -------------  ---
  default                     web     100m (2%)     0 (0%)      64Mi (0%)        128Mi (1%)     5m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (2%)  0 (0%)
  memory             64Mi (0%)  128Mi (1%)
  ephemeral-storage  0 (0%)     0 (0%)
Events:              <none>
`);
  });
});

suite("describe deployment", () => {
  it("prints the pod template, conditions and replica sets", () => {
    const template = {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx" }] },
    };
    const d: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        namespace: "default",
        uid: "d-uid",
        creationTimestamp: "2026-01-01T00:00:00Z",
        labels: { app: "web" },
        annotations: { "deployment.kubernetes.io/revision": "1" },
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      },
      status: {
        replicas: 3,
        updatedReplicas: 3,
        availableReplicas: 3,
        conditions: [
          { type: "Available", status: "True", reason: "MinimumReplicasAvailable" },
          { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
        ],
      },
    };
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "web-7c5ddbdf54",
        namespace: "default",
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d-uid", controller: true },
        ],
      },
      spec: {
        replicas: 3,
        template: { ...template, metadata: { labels: { app: "web", "pod-template-hash": "7c5ddbdf54" } } },
      },
      status: { replicas: 3 },
    };
    expect(describeObject(d, { api: reader([d, rs]), now: NOW })).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7c5ddbdf54 (3/3 replicas created)
Events:          <none>
`);
  });
});

suite("describe namespace", () => {
  it("reports no quota and no limit range", () => {
    const ns: KubeObject = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "default", labels: { "kubernetes.io/metadata.name": "default" } },
      status: { phase: "Active" },
    };
    expect(describeObject(ns, { api: reader([ns]), now: NOW })).toBe(
      "Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n",
    );
  });
});

// apimachinery pkg/api/resource quantity_test.go (canonical String())
suite("quantity", () => {
  it.each([
    ["100m", "100m"],
    ["1", "1"],
    ["1000m", "1"],
    ["1.5", "1500m"],
    ["1000", "1k"],
    ["64Mi", "64Mi"],
    ["1536Mi", "1536Mi"],
    ["1024Mi", "1Gi"],
    ["512", "512"],
    ["0", "0"],
    ["8Gi", "8Gi"],
  ])("%s prints %s", (text, want) => expect(formatQuantity(parseQuantity(text))).toBe(want));
});

suite("describe daemonset and service (kube-proxy, a NodePort service)", () => {
  // biome-ignore lint/suspicious/noExplicitAny: fixtures
  const objs: any[] = [
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: {
        name: "kube-proxy",
        namespace: "kube-system",
        uid: "ds",
        labels: { "k8s-app": "kube-proxy" },
        annotations: { "deprecated.daemonset.template.generation": "1" },
      },
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        template: {
          metadata: { labels: { "k8s-app": "kube-proxy" } },
          spec: {
            priorityClassName: "system-node-critical",
            serviceAccountName: "kube-proxy",
            nodeSelector: { "kubernetes.io/os": "linux" },
            tolerations: [{ operator: "Exists" }],
            containers: [
              {
                name: "kube-proxy",
                image: "registry.k8s.io/kube-proxy:v1.32.0",
                command: [
                  "/usr/local/bin/kube-proxy",
                  "--config=/var/lib/kube-proxy/config.conf",
                  "--hostname-override=$(NODE_NAME)",
                ],
                env: [
                  {
                    name: "NODE_NAME",
                    valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } },
                  },
                ],
                volumeMounts: [
                  { name: "kube-proxy", mountPath: "/var/lib/kube-proxy" },
                  { name: "lib-modules", mountPath: "/lib/modules", readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "kube-proxy", configMap: { name: "kube-proxy" } },
              { name: "lib-modules", hostPath: { path: "/lib/modules", type: "" } },
            ],
          },
        },
      },
      status: {
        desiredNumberScheduled: 2,
        currentNumberScheduled: 2,
        updatedNumberScheduled: 2,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "kube-proxy-abc",
        namespace: "kube-system",
        labels: { "k8s-app": "kube-proxy" },
        ownerReferences: [
          { kind: "DaemonSet", name: "kube-proxy", uid: "ds", controller: true, apiVersion: "apps/v1" },
        ],
      },
      status: { phase: "Running" },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default", labels: { app: "web" } },
      spec: {
        type: "NodePort",
        selector: { app: "web" },
        clusterIP: "10.96.12.34",
        clusterIPs: ["10.96.12.34"],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [{ port: 80, targetPort: 8080, protocol: "TCP", nodePort: 30080 }],
        sessionAffinity: "None",
        externalTrafficPolicy: "Cluster",
        internalTrafficPolicy: "Cluster",
      },
    },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "default" },
      subsets: [
        { addresses: [{ ip: "10.244.1.2" }, { ip: "10.244.2.3" }], ports: [{ port: 8080, protocol: "TCP" }] },
      ],
    },
  ];

  it("daemonset", () => {
    expect(describeObject(objs[0], { api: reader(objs), now: NOW })).toBe(`Name:           kube-proxy
Namespace:      kube-system
Selector:       k8s-app=kube-proxy
Node-Selector:  kubernetes.io/os=linux
Labels:         k8s-app=kube-proxy
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 2
Current Number of Nodes Scheduled: 2
Number of Nodes Scheduled with Up-to-date Pods: 2
Number of Nodes Scheduled with Available Pods: 2
Number of Nodes Misscheduled: 0
Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:           k8s-app=kube-proxy
  Service Account:  kube-proxy
  Containers:
   kube-proxy:
    Image:      registry.k8s.io/kube-proxy:v1.32.0
    Port:       <none>
    Host Port:  <none>
    Command:
      /usr/local/bin/kube-proxy
      --config=/var/lib/kube-proxy/config.conf
      --hostname-override=$(NODE_NAME)
    Environment:
      NODE_NAME:   (v1:spec.nodeName)
    Mounts:
      /lib/modules from lib-modules (ro)
      /var/lib/kube-proxy from kube-proxy (rw)
  Volumes:
   kube-proxy:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      kube-proxy
    Optional:  false
   lib-modules:
    Type:               HostPath (bare host directory volume)
    Path:               /lib/modules
    HostPathType:       
  Priority Class Name:  system-node-critical
  Node-Selectors:       kubernetes.io/os=linux
  Tolerations:          op=Exists
Events:                 <none>
`);
  });
  it("service with endpoints", () => {
    expect(describeObject(objs[2], { api: reader(objs), now: NOW })).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.12.34
IPs:                      10.96.12.34
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.1.2:8080,10.244.2.3:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });
});

suite("describe configmap, serviceaccount, priorityclass, resourcequota, secret", () => {
  // biome-ignore lint/suspicious/noExplicitAny: fixtures
  const objs: any[] = [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm", namespace: "default" },
      data: { b: "two\nlines", a: "1" },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } },
    {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "system-node-critical" },
      value: 2000001000,
      preemptionPolicy: "PreemptLowerPriority",
      description: "Used for system critical pods that must not be moved from their current node.",
    },
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "q", namespace: "default" },
      status: { hard: { pods: "10", "requests.cpu": "2" }, used: { pods: "1", "requests.cpu": "100m" } },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", namespace: "default" },
      type: "Opaque",
      data: { password: "c2VjcmV0" },
    },
  ];

  it("configmap", () => {
    expect(describeObject(objs[0], { api: reader(objs), now: 0 })).toBe(
      "Name:         cm\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\n\nb:\n----\ntwo\nlines\n\n\nBinaryData\n====\n\nEvents:  <none>\n",
    );
  });
  it("serviceaccount", () => {
    expect(describeObject(objs[1], { api: reader(objs), now: 0 })).toBe(
      "Name:                default\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n",
    );
  });
  it("priorityclass", () => {
    expect(describeObject(objs[2], { api: reader(objs), now: 0 })).toBe(
      "Name:              system-node-critical\nValue:             2000001000\nGlobalDefault:     false\nPreemptionPolicy:  PreemptLowerPriority\nDescription:       Used for system critical pods that must not be moved from their current node.\nAnnotations:       <none>\nEvents:            <none>\n",
    );
  });
  it("resourcequota", () => {
    expect(describeObject(objs[3], { api: reader(objs), now: 0 })).toBe(
      "Name:         q\nNamespace:    default\nResource      Used  Hard\n--------      ----  ----\npods          1     10\nrequests.cpu  100m  2\n",
    );
  });
  it("secret", () => {
    expect(describeObject(objs[4], { api: reader(objs), now: 0 })).toBe(
      "Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\n",
    );
  });
});
