// kubernetes.io's application tutorials, typed as their pages show them on the cka scenario:
// "Example: Deploying PHP Guestbook application with Redis"
// (tutorials/stateless-application/guestbook.md, the redis-leader / redis-follower / frontend
// manifests of content/en/examples/application/guestbook), "Configuring Redis using a ConfigMap"
// (tutorials/configuration/configure-redis-using-configmap.md) and "Example: Deploying WordPress
// and MySQL with Persistent Volumes" (tutorials/stateful-application/mysql-wordpress-persistent-
// volume.md, its kustomization with a secretGenerator; two volumes are provisioned by hand as the
// scenario has no dynamic provisioning, and the manifests are written out where the page curls
// them). Expected texts: the pages' output, redis-cli's terminal replies, the guestbook's PHP.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("PHP Guestbook with Redis: a leader, two followers and the PHP frontend", () => {
  const r = run(`kubectl apply -f - <<'DOC'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-leader
  labels:
    app: redis
    role: leader
    tier: backend
spec:
  replicas: 1
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
        role: leader
        tier: backend
    spec:
      containers:
      - name: leader
        image: "docker.io/redis:6.0.5"
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379
DOC
sleep 10
kubectl get pods
kubectl logs -f deployment/redis-leader
kubectl apply -f - <<'DOC'
apiVersion: v1
kind: Service
metadata:
  name: redis-leader
  labels:
    app: redis
    role: leader
    tier: backend
spec:
  ports:
  - port: 6379
    targetPort: 6379
  selector:
    app: redis
    role: leader
    tier: backend
DOC
kubectl get service
kubectl apply -f - <<'DOC'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-follower
  labels:
    app: redis
    role: follower
    tier: backend
spec:
  replicas: 2
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
        role: follower
        tier: backend
    spec:
      containers:
      - name: follower
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379
DOC
sleep 15
kubectl get pods
kubectl apply -f - <<'DOC'
apiVersion: v1
kind: Service
metadata:
  name: redis-follower
  labels:
    app: redis
    role: follower
    tier: backend
spec:
  ports:
    # the port that this service should serve on
  - port: 6379
  selector:
    app: redis
    role: follower
    tier: backend
DOC
kubectl get service
kubectl apply -f - <<'DOC'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
        app: guestbook
        tier: frontend
  template:
    metadata:
      labels:
        app: guestbook
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
        env:
        - name: GET_HOSTS_FROM
          value: "dns"
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 80
DOC
sleep 20
kubectl get pods -l app=guestbook -l tier=frontend
kubectl apply -f - <<'DOC'
apiVersion: v1
kind: Service
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  # if your cluster supports it, uncomment the following to automatically create
  # an external load-balanced IP for the frontend service.
  # type: LoadBalancer
  #type: LoadBalancer
  ports:
    # the port that this service should serve on
  - port: 80
  selector:
    app: guestbook
    tier: frontend
DOC
kubectl get services
kubectl port-forward svc/frontend 8080:80 &
curl -s http://localhost:8080 | head -5
curl -s "http://localhost:8080/guestbook.php?cmd=get&key=messages"
curl -s "http://localhost:8080/guestbook.php?cmd=set&key=messages&value=,hello,world"
curl -s "http://localhost:8080/guestbook.php?cmd=get&key=messages"
kubectl logs deployment/redis-follower
kubectl exec deploy/redis-follower -- redis-cli get messages
kubectl exec deploy/redis-follower -- redis-cli set x 1
kubectl scale deployment frontend --replicas=5
kubectl get pods
kubectl scale deployment frontend --replicas=2
kubectl get pods
kubectl delete deployment -l app=redis
kubectl delete service -l app=redis
kubectl delete deployment frontend
kubectl delete service -l app=guestbook
kubectl get pods
`);

  it("starts the leader, its followers replicating it, and three frontends", () => {
    // redis 6.0's start-up lines (as a guestbook leader's log shows them on a real cluster).
    expect(last(r, "kubectl logs -f deployment/redis-leader").stdout).toMatch(
      /^1:C \d\d \w{3} \d{4} [\d:.]+ # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n1:C .* # Redis version=6\.0\.5, bits=64, commit=00000000, modified=0, pid=1, just started\n1:C .* # Warning: no config file specified, .*\n1:M .* \* Running mode=standalone, port=6379\.\n1:M .* # Server initialized\n1:M .* \* Ready to accept connections\n$/,
    );
    const followers = last(r, "kubectl logs deployment/redis-follower");
    expect(followers.stdout).toContain(" * Connecting to MASTER redis-leader:6379\n");
    expect(followers.stdout).toContain(" * MASTER <-> REPLICA sync: Finished with success\n");
    expect(last(r, "kubectl get pods -l app=guestbook -l tier=frontend").stdout).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\n(frontend-\S+ +1\/1 +Running +0 +20s\n){3}$/,
    );
  });

  it("serves the page and keeps the messages: written to the leader, read from a follower", () => {
    expect(last(r, "kubectl port-forward").stdout).toBe(
      "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n",
    );
    expect(last(r, "curl -s http://localhost:8080 |").stdout).toContain('<html ng-app="redis">\n');
    const gets = r
      .filter((e) => e.command.includes("cmd=get"))
      .map((e) => e.stdout.replace(/^Handling connection for 8080\n/, ""));
    expect(gets).toEqual(['{"data": ""}', '{"data": ",hello,world"}']);
    expect(last(r, 'curl -s "http://localhost:8080/guestbook.php?cmd=set').stdout).toContain(
      '{"message": "Updated"}',
    );
    expect(last(r, "kubectl exec deploy/redis-follower -- redis-cli get").stdout).toBe(",hello,world\n");
    expect(last(r, "kubectl exec deploy/redis-follower -- redis-cli set").stdout).toBe(
      "READONLY You can't write against a read only replica.\n",
    );
  });

  it("scales the frontend and cleans up by label", () => {
    expect(last(r, "kubectl scale deployment frontend --replicas=2").stdout).toBe(
      "deployment.apps/frontend scaled\n",
    );
    expect(last(r, "kubectl delete deployment -l app=redis").stdout).toBe(
      'deployment.apps "redis-follower" deleted\ndeployment.apps "redis-leader" deleted\n',
    );
    expect(last(r, "kubectl delete service -l app=guestbook").stdout).toBe('service "frontend" deleted\n');
  });
});

describe("Configuring Redis using a ConfigMap", () => {
  const r = run(`cat <<EOF >./example-redis-config.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: example-redis-config
data:
  redis-config: ""
EOF
kubectl apply -f redis-config.yaml
kubectl apply -f example-redis-config.yaml
cat > redis-pod.yaml <<'DOC'
apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis:5.0.4
    command:
      - redis-server
      - "/redis-master/redis.conf"
    env:
    - name: MASTER
      value: "true"
    ports:
    - containerPort: 6379
    resources:
      limits:
        cpu: "0.1"
    volumeMounts:
    - mountPath: /redis-master-data
      name: data
    - mountPath: /redis-master
      name: config
  volumes:
    - name: data
      emptyDir: {}
    - name: config
      configMap:
        name: example-redis-config
        items:
        - key: redis-config
          path: redis.conf
DOC
kubectl apply -f redis-pod.yaml
sleep 8
kubectl get pod/redis configmap/example-redis-config
kubectl describe configmap/example-redis-config
kubectl exec -it redis -- redis-cli
CONFIG GET maxmemory
CONFIG GET maxmemory-policy
exit
cat > example-redis-config.yaml <<'DOC'
apiVersion: v1
kind: ConfigMap
metadata:
  name: example-redis-config
data:
  redis-config: |
    maxmemory 2mb
    maxmemory-policy allkeys-lru
DOC
kubectl apply -f example-redis-config.yaml
kubectl describe configmap/example-redis-config
kubectl exec -it redis -- redis-cli
CONFIG GET maxmemory
CONFIG GET maxmemory-policy
exit
kubectl delete pod redis
kubectl apply -f redis-pod.yaml
sleep 5
kubectl exec -it redis -- redis-cli
CONFIG GET maxmemory
CONFIG GET maxmemory-policy
SET a 1
GET a
GET b
KEYS *
exit
kubectl exec -it redis -- redis-cli CONFIG GET maxmemory
kubectl exec redis -- redis-cli CONFIG GET maxmemory
kubectl logs redis
kubectl delete pod/redis configmap/example-redis-config
`);
  const configGets = (name: string) =>
    r.filter((e) => e.command === `CONFIG GET ${name}`).map((e) => e.stdout);

  it("fails on the page's misnamed file, then creates the ConfigMap and the pod", () => {
    expect(r[1]).toMatchObject({ stderr: 'error: the path "redis-config.yaml" does not exist\n', exit: 1 });
    expect(last(r, "kubectl get pod/redis configmap/example-redis-config").stdout).toMatch(
      /^NAME {8}READY {3}STATUS {4}RESTARTS {3}AGE\npod\/redis {3}1\/1 {5}Running {3}0 {10}8s\n\nNAME {29}DATA {3}AGE\nconfigmap\/example-redis-config {3}1 {6}8s\n$/,
    );
  });

  it("shows redis' defaults until the pod is recreated with the new configuration", () => {
    expect(configGets("maxmemory")).toEqual([
      '1) "maxmemory"\n2) "0"\n',
      '1) "maxmemory"\n2) "0"\n',
      '1) "maxmemory"\n2) "2097152"\n',
    ]);
    expect(configGets("maxmemory-policy")).toEqual([
      '1) "maxmemory-policy"\n2) "noeviction"\n',
      '1) "maxmemory-policy"\n2) "noeviction"\n',
      '1) "maxmemory-policy"\n2) "allkeys-lru"\n',
    ]);
    expect(last(r, "kubectl describe configmap").stdout).toContain(
      "redis-config:\n----\nmaxmemory 2mb\nmaxmemory-policy allkeys-lru\n",
    );
    expect(last(r, "GET b").stdout).toBe("(nil)\n");
    expect(last(r, "KEYS *").stdout).toBe('1) "a"\n');
    expect(last(r, "kubectl exec redis -- redis-cli").stdout).toBe("maxmemory\n2097152\n");
    expect(last(r, "kubectl logs redis").stdout).toContain(" # Configuration loaded\n");
    expect(last(r, "kubectl delete").stdout).toBe(
      'pod "redis" deleted\nconfigmap "example-redis-config" deleted\n',
    );
  });
});

describe("WordPress and MySQL with a kustomization", () => {
  const r = run(`kubectl apply -f - <<DOC
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-0
spec:
  capacity:
    storage: 20Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data/pv-0
DOC
kubectl apply -f - <<DOC
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-1
spec:
  capacity:
    storage: 20Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data/pv-1
DOC
cat <<EOF >./kustomization.yaml
secretGenerator:
- name: mysql-pass
  literals:
  - password=YOUR_PASSWORD
EOF
cat > mysql-deployment.yaml <<'DOC'
apiVersion: v1
kind: Service
metadata:
  name: wordpress-mysql
  labels:
    app: wordpress
spec:
  ports:
    - port: 3306
  selector:
    app: wordpress
    tier: mysql
  clusterIP: None
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mysql-pv-claim
  labels:
    app: wordpress
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 20Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: wordpress-mysql
  labels:
    app: wordpress
spec:
  selector:
    matchLabels:
      app: wordpress
      tier: mysql
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: wordpress
        tier: mysql
    spec:
      containers:
      - image: mysql:8.0
        name: mysql
        env:
        - name: MYSQL_ROOT_PASSWORD
          valueFrom:
            secretKeyRef:
              name: mysql-pass
              key: password
        - name: MYSQL_DATABASE
          value: "wordpress"
        - name: MYSQL_USER
          value: "wordpress"
        - name: MYSQL_PASSWORD
          valueFrom:
            secretKeyRef:
              name: mysql-pass
              key: password
        ports:
        - containerPort: 3306
          name: mysql
        volumeMounts:
        - name: mysql-persistent-storage
          mountPath: /var/lib/mysql
      volumes:
      - name: mysql-persistent-storage
        persistentVolumeClaim:
          claimName: mysql-pv-claim
DOC
cat > wordpress-deployment.yaml <<'DOC'
apiVersion: v1
kind: Service
metadata:
  name: wordpress
  labels:
    app: wordpress
spec:
  ports:
    - port: 80
  selector:
    app: wordpress
    tier: frontend
  type: LoadBalancer
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: wp-pv-claim
  labels:
    app: wordpress
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 20Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: wordpress
  labels:
    app: wordpress
spec:
  selector:
    matchLabels:
      app: wordpress
      tier: frontend
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: wordpress
        tier: frontend
    spec:
      containers:
      - image: wordpress:6.2.1-apache
        name: wordpress
        env:
        - name: WORDPRESS_DB_HOST
          value: wordpress-mysql
        - name: WORDPRESS_DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: mysql-pass
              key: password
        - name: WORDPRESS_DB_USER
          value: wordpress
        ports:
        - containerPort: 80
          name: wordpress
        volumeMounts:
        - name: wordpress-persistent-storage
          mountPath: /var/www/html
      volumes:
      - name: wordpress-persistent-storage
        persistentVolumeClaim:
          claimName: wp-pv-claim
DOC
cat <<EOF >>./kustomization.yaml
resources:
  - mysql-deployment.yaml
  - wordpress-deployment.yaml
EOF
kubectl apply -k ./
kubectl get secrets
kubectl get pvc
sleep 30
kubectl get pods
kubectl get services wordpress
kubectl logs deploy/wordpress
curl -si http://$(kubectl get svc wordpress -o jsonpath='{.spec.clusterIP}')/
kubectl delete pod -l app=wordpress,tier=frontend
sleep 20
kubectl logs deploy/wordpress
kubectl delete -k ./
`);

  it("generates the password Secret, binds the claims and runs both tiers", () => {
    const applied = last(r, "kubectl apply -k").stdout.split("\n");
    expect(applied[0]).toMatch(/^secret\/mysql-pass-[a-z0-9]{10} created$/);
    expect(applied.slice(1)).toEqual([
      "service/wordpress created",
      "service/wordpress-mysql created",
      "persistentvolumeclaim/mysql-pv-claim created",
      "persistentvolumeclaim/wp-pv-claim created",
      "deployment.apps/wordpress created",
      "deployment.apps/wordpress-mysql created",
      "",
    ]);
    expect(last(r, "kubectl get secrets").stdout).toMatch(
      /^NAME +TYPE +DATA +AGE\nmysql-pass-[a-z0-9]{10} +Opaque +1 +0s\n$/,
    );
    expect(last(r, "kubectl get pvc").stdout).toMatch(/\nmysql-pv-claim +Bound +pv-0 +20Gi +RWO /);
    expect(last(r, "kubectl get pods").stdout).toMatch(
      /\nwordpress-\S+ +1\/1 +Running .*\nwordpress-mysql-\S+ +1\/1 +Running /,
    );
    expect(r.find((e) => e.command === "kubectl logs deploy/wordpress")?.stdout).toMatch(
      /^WordPress not found in \/var\/www\/html - copying now\.\.\.\nComplete! WordPress has been successfully copied to \/var\/www\/html\nNo 'wp-config\.php' found in \/var\/www\/html, but 'WORDPRESS_\.\.\.' variables supplied; copying 'wp-config-docker\.php' \(WORDPRESS_DB_HOST WORDPRESS_DB_PASSWORD WORDPRESS_DB_USER WORDPRESS_PORT /,
    );
    // Until it is installed, WordPress sends every visitor to its installer (MySQL answers).
    expect(last(r, "curl -si").stdout).toMatch(
      /^HTTP\/1\.1 302 Found\r?\n(.*\r?\n)*X-Redirect-By: WordPress\r?\nLocation: http:\/\/10\.\S+\/wp-admin\/install\.php\r?\n/,
    );
    expect(last(r, "kubectl get services wordpress").stdout).toMatch(
      /^wordpress +LoadBalancer +10\.\S+ +<pending> +80:3\d{4}\/TCP +30s$/m,
    );
  });
});
