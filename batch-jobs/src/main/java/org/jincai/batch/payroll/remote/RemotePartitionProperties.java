package org.jincai.batch.payroll.remote;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys of {@code jincai.cluster} that decide where the payroll's partitions run (docs/deployment.md).
 *
 * @param enabled          several nodes on one database: required by the remote mode
 * @param partitions       {@code local} (default): a payroll's partitions run on threads of the node that runs it;
 *                         {@code remote}: they are sent over RabbitMQ ({@code spring.rabbitmq.*}) to every node
 * @param partitionsQueue  the durable queue of partition requests, the same on every node
 * @param partitionPoll    how often the node running a payroll reads the JobRepository for its partitions' ends
 * @param partitionTimeout how long it waits for them before failing the step (the run is then restartable)
 * @param partitionWorkers how many partitions one node runs at once
 */
@ConfigurationProperties("jincai.cluster")
public record RemotePartitionProperties(boolean enabled, Mode partitions, String partitionsQueue,
                                        Duration partitionPoll, Duration partitionTimeout, Integer partitionWorkers) {

    /** Where partitions run. */
    public enum Mode { LOCAL, REMOTE }

    public RemotePartitionProperties {
        partitions = partitions == null ? Mode.LOCAL : partitions;
        partitionsQueue = partitionsQueue == null || partitionsQueue.isBlank() ? "jincai.payroll.partitions"
                : partitionsQueue;
        partitionPoll = partitionPoll == null ? Duration.ofSeconds(1) : partitionPoll;
        partitionTimeout = partitionTimeout == null ? Duration.ofHours(2) : partitionTimeout;
        partitionWorkers = partitionWorkers == null || partitionWorkers < 1 ? 2 : partitionWorkers;
    }
}
