/** Manifests to start from: the kinds a CKA learner meets. */

/** One editor template. */
export interface Template {
  id: string;
  title: string;
  yaml: string;
}

export const TEMPLATES: Template[] = [
  {
    id: "pod",
    title: "Pod",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
`,
  },
  {
    id: "deployment",
    title: "Deployment",
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
`,
  },
  {
    id: "daemonset",
    title: "DaemonSet (fluentd-elasticsearch)",
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
      terminationGracePeriodSeconds: 30
`,
  },
  {
    id: "daemonset-selector",
    title: "DaemonSet with nodeSelector",
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: busybox:1.36
        command: ["sleep", "3600"]
`,
  },
  {
    id: "static-pod",
    title: "Static pod (for /etc/kubernetes/manifests)",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: static-busybox
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "1000"]
`,
  },
  {
    id: "node-selector",
    title: "Pod with nodeSelector",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: gpu-job
spec:
  nodeSelector:
    accelerator: nvidia
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
`,
  },
  {
    id: "node-affinity",
    title: "Pod with node affinity",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: with-node-affinity
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: kubernetes.io/hostname
            operator: In
            values:
            - node01
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions:
          - key: disk
            operator: In
            values:
            - ssd
  containers:
  - name: main
    image: nginx:1.27
`,
  },
  {
    id: "anti-affinity",
    title: "Deployment with pod anti-affinity",
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: spread
spec:
  replicas: 3
  selector:
    matchLabels:
      app: spread
  template:
    metadata:
      labels:
        app: spread
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: spread
            topologyKey: kubernetes.io/hostname
      containers:
      - name: main
        image: nginx:1.27
`,
  },
  {
    id: "tolerations",
    title: "Pod with tolerations",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: tolerant
spec:
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 60
  containers:
  - name: main
    image: nginx:1.27
`,
  },
  {
    id: "priority",
    title: "PriorityClass + high-priority Pod",
    yaml: `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000000
globalDefault: false
description: "For pods that must run before others."
---
apiVersion: v1
kind: Pod
metadata:
  name: critical
spec:
  priorityClassName: high-priority
  containers:
  - name: main
    image: nginx:1.27
    resources:
      requests:
        cpu: 500m
`,
  },
  {
    id: "my-scheduler",
    title: "Second scheduler (my-scheduler)",
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: my-scheduler-config
  namespace: kube-system
data:
  my-scheduler-config.yaml: |
    apiVersion: kubescheduler.config.k8s.io/v1
    kind: KubeSchedulerConfiguration
    profiles:
      - schedulerName: my-scheduler
    leaderElection:
      leaderElect: false
---
apiVersion: v1
kind: Pod
metadata:
  name: my-scheduler
  namespace: kube-system
  labels:
    component: my-scheduler
spec:
  containers:
  - name: kube-scheduler
    image: registry.k8s.io/kube-scheduler:v1.32.0
    command:
    - /usr/local/bin/kube-scheduler
    - --config=/etc/kubernetes/my-scheduler/my-scheduler-config.yaml
    volumeMounts:
    - name: config-volume
      mountPath: /etc/kubernetes/my-scheduler
  volumes:
  - name: config-volume
    configMap:
      name: my-scheduler-config
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx-my-scheduler
spec:
  schedulerName: my-scheduler
  containers:
  - name: nginx
    image: nginx:1.27
`,
  },
];
