package org.jincai.batch.payroll.remote;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jincai.batch.payroll.ExecutionLiveness;
import org.jincai.batch.payroll.PayrollJobConfiguration;
import org.jincai.batch.payroll.internal.PayrollServices;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side: a partition handler that sends each partition's request to the requests channel (on to the
 * queue) and polls the JobRepository until none of the partitions is running — no reply queue: the workers answer
 * through the shared database alone. A request travels as text ({@code stepName:stepExecutionId}), never as a
 * serialized Java object.
 *
 * <p>While it polls, a partition that a worker took (STARTED) on a node that no longer checks in to the cluster
 * ({@link ExecutionLiveness#stepNode}: the node recorded for the step execution, and whether it lives) is sent again:
 * made STARTING in the JobRepository by one update conditional on the version read (Spring Batch's optimistic lock,
 * so that a worker writing meanwhile wins and the next poll looks again), then its request is sent to the queue again,
 * where a living node's worker takes it and resumes from the lost worker's last commit (its execution context), after
 * taking over the files the lost worker staged and never sent. Each is logged and audited
 * {@value #REDISPATCHED} (channel SYSTEM). A partition is sent again once per lost node: until the next worker records
 * its own node, the partition still names the lost one. The partition timeout stays the last resort (no worker alive
 * at all): a wait that ends without every partition over (timeout, interruption, the broker refusing a request)
 * marks the partitions still starting or started FAILED before the step fails — an execution with steps left running
 * could not be restarted.
 */
public final class RemotePartitions {

    /** The audit action of a partition sent again after its worker's node was lost. */
    public static final String REDISPATCHED = "PARTITION_REDISPATCHED";

    private static final Logger log = LoggerFactory.getLogger(RemotePartitions.class);

    private final MessageChannel requests;
    private final RemotePartitionProperties props;
    private final ExecutionLiveness liveness;
    private final AuditTrail audit;

    RemotePartitions(MessageChannel requests, RemotePartitionProperties props, ExecutionLiveness liveness,
                     AuditTrail audit) {
        this.requests = requests;
        this.props = props;
        this.liveness = liveness;
        this.audit = audit;
    }

    /** A handler that has the workers run {@code workerStep}'s partitions. */
    public PartitionHandler handler(JobRepository repository, String workerStep) {
        return new Handler(repository, workerStep);
    }

    private final class Handler extends AbstractPartitionHandler {

        private final JobRepository repository;
        private final String workerStep;

        Handler(JobRepository repository, String workerStep) {
            this.repository = repository;
            this.workerStep = workerStep;
        }

        @Override
        protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
            try {
                for (StepExecution partition : partitions) {
                    send(partition);
                }
                return await(manager, partitions);
            } catch (Exception e) {
                for (StepExecution partition : partitions) {
                    StepExecution stored = repository.getStepExecution(partition.getId());
                    if (stored != null && stored.getStatus().isRunning()) {
                        stored.setStatus(BatchStatus.FAILED);
                        stored.setExitStatus(ExitStatus.FAILED.addExitDescription("no worker finished this partition"
                                + " within jincai.cluster.partition-timeout: " + e));
                        stored.setEndTime(LocalDateTime.now());
                        repository.update(stored);
                    }
                }
                throw e;
            }
        }

        private void send(StepExecution partition) {
            requests.send(MessageBuilder.withPayload(new StepExecutionRequest(workerStep, partition.getId())).build());
        }

        private Set<StepExecution> await(StepExecution manager, Set<StepExecution> partitions) throws Exception {
            long deadline = System.nanoTime() + props.partitionTimeout().toNanos();
            Map<Long, String> sentAgainFrom = new HashMap<>();
            Map<Long, StepExecution> over = new LinkedHashMap<>();
            while (true) {
                for (StepExecution partition : partitions) {
                    if (over.containsKey(partition.getId())) {
                        continue; // a partition over stays over: not read again
                    }
                    StepExecution now = repository.getStepExecution(partition.getId());
                    if (now == null) {
                        throw new IllegalStateException("partition " + partition.getStepName() + " ("
                                + partition.getId() + ") is no longer in the JobRepository");
                    }
                    if (now.getStatus() == BatchStatus.STARTED) {
                        lostNode(now, sentAgainFrom).ifPresent(node -> sendAgain(manager, now, node, sentAgainFrom));
                    }
                    if (!now.getStatus().isRunning()) {
                        over.put(now.getId(), now);
                    }
                }
                if (over.size() == partitions.size()) {
                    return new LinkedHashSet<>(over.values());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("partitions still running after " + props.partitionTimeout());
                }
                Thread.sleep(props.partitionPoll().toMillis());
            }
        }

        /** The lost node recorded for a started partition, unless the partition was sent again from it already. */
        private Optional<String> lostNode(StepExecution partition, Map<Long, String> sentAgainFrom) {
            return liveness.stepNode(partition.getId()).filter(n -> !n.alive())
                    .map(ExecutionLiveness.StepNode::node).filter(n -> !n.equals(sentAgainFrom.get(partition.getId())));
        }

        private void sendAgain(StepExecution manager, StepExecution partition, String lostNode,
                               Map<Long, String> sentAgainFrom) {
            partition.setStatus(BatchStatus.STARTING);
            try {
                repository.update(partition);
            } catch (OptimisticLockingFailureException e) {
                log.info("Partition {} ({}): written by its worker since read, not sent again now",
                        partition.getStepName(), partition.getId());
                return;
            }
            sentAgainFrom.put(partition.getId(), lostNode);
            send(partition);
            String runId = manager.getJobExecution().getJobParameters().getString(PayrollJobConfiguration.RUN_ID);
            log.warn("{}: partition {} ({}) of run {} (job execution {}) was running on node {}, which no longer checks"
                            + " in to the cluster: sent again for a living node's worker", REDISPATCHED,
                    partition.getStepName(), partition.getId(), runId, partition.getJobExecutionId(), lostNode);
            audit.append(AuditEntry.of(PayrollServices.ACTOR, AuditEntry.Channel.SYSTEM, REDISPATCHED, "STEP_EXECUTION",
                            Long.toString(partition.getId()))
                    .change("partition " + partition.getStepName() + " of run " + runId + " started on node "
                            + lostNode, "sent again to the partitions queue")
                    .because("node " + lostNode + " no longer checks in to the cluster"));
        }
    }

    static String encode(StepExecutionRequest request) {
        return request.getStepName() + ":" + request.getStepExecutionId();
    }

    static StepExecutionRequest decode(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not a partition request: " + text);
        }
        return new StepExecutionRequest(text.substring(0, colon), Long.parseLong(text.substring(colon + 1).trim()));
    }
}
