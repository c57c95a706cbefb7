/**
 * The control plane's static pod manifests as kubeadm v1.32 writes them to
 * /etc/kubernetes/manifests on the control-plane node.
 */
import { KUBERNETES_VERSION } from "../kubelet/constants";

/** etcd's image in kubeadm v1.32. */
export const ETCD_IMAGE = "registry.k8s.io/etcd:3.5.16-0";
/** CoreDNS's image in kubeadm v1.32. */
export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.3";

const probe = (
  path: string,
  port: number,
  host: string,
  scheme: string,
  fail: number,
  delay: number | undefined,
  period = 10,
) =>
  [
    `      failureThreshold: ${fail}`,
    "      httpGet:",
    `        host: ${host}`,
    `        path: ${path}`,
    `        port: ${port}`,
    `        scheme: ${scheme}`,
    ...(delay !== undefined ? [`      initialDelaySeconds: ${delay}`] : []),
    `      periodSeconds: ${period}`,
    "      timeoutSeconds: 15",
  ].join("\n");

/** A hostPath volume of a control-plane static pod, and whether its container mounts it read-only. */
interface HostPathVolume {
  name: string;
  path: string;
  type: "DirectoryOrCreate" | "FileOrCreate";
  readOnly?: boolean;
}

const dir = (name: string, path: string, readOnly = true): HostPathVolume => ({
  name,
  path,
  type: "DirectoryOrCreate",
  readOnly,
});
const file = (name: string, path: string): HostPathVolume => ({
  name,
  path,
  type: "FileOrCreate",
  readOnly: true,
});

const byName = (x: HostPathVolume, y: HostPathVolume) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

/** The container's volumeMounts block, in the order given. */
const volumeMounts = (vols: HostPathVolume[]) =>
  vols
    .map((v) =>
      [
        `    - mountPath: ${v.path}`,
        `      name: ${v.name}`,
        ...(v.readOnly ? ["      readOnly: true"] : []),
      ].join("\n"),
    )
    .join("\n");

/** The pod's volumes block, sorted by name as kubeadm writes it. */
const volumes = (vols: HostPathVolume[]) =>
  vols
    .slice()
    .sort(byName)
    .map((v) =>
      ["  - hostPath:", `      path: ${v.path}`, `      type: ${v.type}`, `    name: ${v.name}`].join("\n"),
    )
    .join("\n");

/** The CA and certificate directories kube-apiserver and kube-controller-manager mount. */
const caVolumes = [
  dir("ca-certs", "/etc/ssl/certs"),
  dir("etc-ca-certificates", "/etc/ca-certificates"),
  dir("k8s-certs", "/etc/kubernetes/pki"),
  dir("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates"),
  dir("usr-share-ca-certificates", "/usr/share/ca-certificates"),
];

/** etcd's volumes, in the order its container mounts them. */
const etcdVolumes = [
  dir("etcd-data", "/var/lib/etcd", false),
  dir("etcd-certs", "/etc/kubernetes/pki/etcd", false),
];

const controllerManagerVolumes = [
  ...caVolumes,
  dir("flexvolume-dir", "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", false),
  file("kubeconfig", "/etc/kubernetes/controller-manager.conf"),
].sort(byName);

const schedulerVolumes = [file("kubeconfig", "/etc/kubernetes/scheduler.conf")];

/** /etc/kubernetes/manifests/etcd.yaml. */
export function etcdManifest(node: string, ip: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${ip}:2379
  creationTimestamp: null
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --advertise-client-urls=https://${ip}:2379
    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --experimental-initial-corrupt-check=true
    - --experimental-watch-progress-notify-interval=5s
    - --initial-advertise-peer-urls=https://${ip}:2380
    - --initial-cluster=${node}=https://${ip}:2380
    - --key-file=/etc/kubernetes/pki/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379
    - --listen-metrics-urls=http://127.0.0.1:2381
    - --listen-peer-urls=https://${ip}:2380
    - --name=${node}
    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
    - --peer-client-cert-auth=true
    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
    - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    - --snapshot-count=10000
    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    image: ${ETCD_IMAGE}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe("/livez", 2381, "127.0.0.1", "HTTP", 8, 10)}
    name: etcd
    readinessProbe:
${probe("/readyz", 2381, "127.0.0.1", "HTTP", 3, undefined, 1)}
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
    startupProbe:
${probe("/readyz", 2381, "127.0.0.1", "HTTP", 24, 10)}
    volumeMounts:
${volumeMounts(etcdVolumes)}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes(etcdVolumes)}
status: {}
`;
}

/** /etc/kubernetes/manifests/kube-apiserver.yaml. */
export function kubeApiserverManifest(ip: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${ip}:6443
  creationTimestamp: null
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=${ip}
    - --allow-privileged=true
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --enable-bootstrap-token-auth=true
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
    - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
    - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
    - --requestheader-allowed-names=front-proxy-client
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --requestheader-extra-headers-prefix=X-Remote-Extra-
    - --requestheader-group-headers=X-Remote-Group
    - --requestheader-username-headers=X-Remote-User
    - --secure-port=6443
    - --service-account-issuer=https://kubernetes.default.svc.cluster.local
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=10.96.0.0/12
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    image: registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe("/livez", 6443, ip, "HTTPS", 8, 10)}
    name: kube-apiserver
    readinessProbe:
${probe("/readyz", 6443, ip, "HTTPS", 3, undefined, 1)}
    resources:
      requests:
        cpu: 250m
    startupProbe:
${probe("/livez", 6443, ip, "HTTPS", 24, 10)}
    volumeMounts:
${volumeMounts(caVolumes)}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes(caVolumes)}
status: {}
`;
}

/** /etc/kubernetes/manifests/kube-controller-manager.yaml. */
export function kubeControllerManagerManifest(): string {
  return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-controller-manager
    tier: control-plane
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-controller-manager
    - --allocate-node-cidrs=true
    - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --bind-address=127.0.0.1
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --cluster-cidr=10.244.0.0/16
    - --cluster-name=kubernetes
    - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
    - --controllers=*,bootstrapsigner,tokencleaner
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --leader-elect=true
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --root-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=10.96.0.0/12
    - --use-service-account-credentials=true
    image: registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe("/healthz", 10257, "127.0.0.1", "HTTPS", 8, 10)}
    name: kube-controller-manager
    resources:
      requests:
        cpu: 200m
    startupProbe:
${probe("/healthz", 10257, "127.0.0.1", "HTTPS", 24, 10)}
    volumeMounts:
${volumeMounts(controllerManagerVolumes)}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes(controllerManagerVolumes)}
status: {}
`;
}

/** /etc/kubernetes/manifests/kube-scheduler.yaml. */
export function kubeSchedulerManifest(): string {
  return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe("/livez", 10259, "127.0.0.1", "HTTPS", 8, 10)}
    name: kube-scheduler
    readinessProbe:
${probe("/readyz", 10259, "127.0.0.1", "HTTPS", 3, undefined, 1)}
    resources:
      requests:
        cpu: 100m
    startupProbe:
${probe("/livez", 10259, "127.0.0.1", "HTTPS", 24, 10)}
    volumeMounts:
${volumeMounts(schedulerVolumes)}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes(schedulerVolumes)}
status: {}
`;
}
