/**
 * The programs images ship, by id: the catalog maps an image's paths to these ids
 * (ImageConfig.programs), so the same nginx program serves nginx:1.27 and nginx:alpine.
 * Shell utilities (sh, ls, cat, curl, wget...) are the userland's, not listed here.
 */

import { etcdctl, etcdutl } from "../../etcd/etcdctl";
import type { Program } from "../../sh/interface";
import { component, goRunner } from "./cluster";
import { mongod, mysqld, mysqlEntrypoint, postgres, postgresEntrypoint } from "./databases";
import { dumbInit } from "./dumbinit";
import { go } from "./golang";
import { httpd, phpApache } from "./httpd";
import { execEntrypoint, memcached } from "./memcached";
import { mongosh } from "./mongo";
import { mysqlClient } from "./mysql";
import { nginx, nginxEntrypoint } from "./nginx";
import { perl } from "./perl";
import { npm, pip } from "./pip";
import { psql } from "./postgresql";
import { node, nodeEntrypoint, python } from "./python";
import { redisCli, redisEntrypoint, redisServer } from "./redis";
import {
  agnhost,
  genericApp,
  helloApp,
  httpEcho,
  liveness,
  pause,
  serveHostname,
  simpleApp,
  webappColor,
} from "./servers";
import { stress, vishStress } from "./stress";
import {
  bootcampNode,
  echoserver,
  gbFrontend,
  nodeHelloNode,
  wordpressApache,
  wordpressEntrypoint,
} from "./tutorials";
import { waitShutdown } from "./waitshutdown";

/** Every image program by id. */
export const IMAGE_PROGRAMS: Readonly<Record<string, Program>> = {
  nginx,
  "nginx-entrypoint": nginxEntrypoint,
  httpd,
  "php-apache": phpApache,
  // php's docker-php-entrypoint: a first argument that is an option goes to apache2-foreground.
  "php-entrypoint": execEntrypoint("apache2-foreground"),
  "redis-server": redisServer,
  "redis-cli": redisCli,
  "redis-entrypoint": redisEntrypoint,
  memcached,
  "memcached-entrypoint": execEntrypoint("memcached"),
  mysqld,
  "mysql-entrypoint": mysqlEntrypoint,
  mysql: mysqlClient,
  postgres,
  "postgres-entrypoint": postgresEntrypoint,
  psql,
  mongod,
  "mongo-entrypoint": execEntrypoint("mongod"),
  mongosh,
  perl,
  python,
  node,
  go,
  pip,
  npm,
  "node-entrypoint": nodeEntrypoint,
  stress,
  "vish-stress": vishStress,
  agnhost,
  "serve-hostname": serveHostname,
  "http-echo": httpEcho,
  "webapp-color": webappColor,
  simpleapp: simpleApp,
  liveness,
  "hello-app-1": helloApp("1.0.0"),
  "hello-app-2": helloApp("2.0.0"),
  pause,
  "generic-app": genericApp,
  "kubernetes-bootcamp": bootcampNode,
  "node-hello": nodeHelloNode,
  "gb-frontend": gbFrontend,
  "wordpress-entrypoint": wordpressEntrypoint,
  "wordpress-apache": wordpressApache,
  "echoserver-1.4": echoserver("1.4"),
  "echoserver-1.10": echoserver("1.10"),
  "go-runner": goRunner,
  "kube-apiserver": component("kube-apiserver"),
  "kube-controller-manager": component("kube-controller-manager"),
  "kube-scheduler": component("kube-scheduler"),
  "kube-proxy": component("kube-proxy"),
  etcd: component("etcd"),
  etcdctl,
  etcdutl,
  coredns: component("coredns"),
  flanneld: component("flanneld"),
  weave: component("weave"),
  "dumb-init": dumbInit,
  "wait-shutdown": waitShutdown,
};
