/**
 * Remote partitions of the payroll's {@code render} step ({@code jincai.cluster.partitions: remote},
 * docs/deployment.md): the node running a payroll sends one request per partition (consecutive files of one bank,
 * planned before rendering) to a durable RabbitMQ queue
 * through Spring Integration AMQP and polls the shared JobRepository until every partition is over; every node
 * listens on the queue, claims a partition by a version-conditional update and runs it with the same worker step as
 * the local mode. A partition whose worker's node is lost is sent again by the manager and resumed by a living worker.
 * Nothing here exists in the default (local) mode, which needs no broker.
 */
package org.jincai.batch.payroll.remote;
