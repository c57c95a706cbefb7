/**
 * The Docker Official Images: the repositories under docker.io/library/ (docker-library/
 * official-images, library/, as of late 2024). A short name outside this list does not exist on
 * Docker Hub, so pulling it is denied (`ngnix`, `busyboxx`).
 */
export const DOCKER_OFFICIAL_IMAGES: ReadonlySet<string> = new Set(
  `adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux
  backdrop bash bonita buildpack-deps busybox caddy cassandra chronograf cirros clearlinux clefos
  clickhouse clojure composer convertigo couchbase couchdb crate dart debian docker drupal eclipse-mosquitto
  eclipse-temurin eggdrop elasticsearch elixir emqx erlang fedora flink fluentd friendica gazebo gcc geonetwork
  ghost golang gradle groovy haproxy haskell haxe hello-world hitch httpd hylang ibm-semeru-runtimes
  ibmjava influxdb irssi jetty jobber joomla jruby julia kapacitor kibana kong krakend lightstreamer
  liquibase logstash mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono
  mysql nats neo4j neurodebian nextcloud nginx node notary odoo open-liberty openjdk oraclelinux
  orientdb percona perl photon php php-zendserver phpmyadmin plone postfixadmin postgres pypy python
  r-base rabbitmq rakudo-star redis redmine registry rethinkdb rocket.chat rockylinux ros ruby rust
  sapmachine satosa silverpeas solr sonarqube spark spiped storm swift teamspeak telegraf tomcat tomee
  traefik ubuntu unit varnish websphere-liberty wordpress xwiki yourls znc zookeeper`
    .split(/\s+/)
    .filter(Boolean),
);
