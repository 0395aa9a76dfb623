package org.jincai.batch.payroll.remote;

import java.time.LocalDateTime;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side: a {@link MessageChannelPartitionHandler} that sends each partition's request to the
 * requests channel (on to the queue) and polls the JobRepository until none of the partitions is running — no reply
 * queue: the workers answer through the shared database alone. A request travels as text ({@code stepName:stepExecutionId}), never as a serialized Java object.
 */
public final class RemotePartitions {

    private final MessageChannel requests;
    private final RemotePartitionProperties props;

    RemotePartitions(MessageChannel requests, RemotePartitionProperties props) {
        this.requests = requests;
        this.props = props;
    }

    /** A handler that has the workers run {@code workerStep}'s partitions. */
    public PartitionHandler handler(JobRepository repository, String workerStep) throws Exception {
        MessageChannelPartitionHandler handler = new TimeoutMarkingHandler(repository);
        handler.setMessagingOperations(new MessagingTemplate(requests));
        handler.setJobRepository(repository);
        handler.setPollInterval(props.partitionPoll().toMillis());
        handler.setTimeout(props.partitionTimeout().toMillis());
        handler.setStepName(workerStep);
        handler.afterPropertiesSet();
        return handler;
    }

    /**
     * A wait that ends without every partition over (timeout, interruption) marks the partitions still starting or
     * started FAILED in the JobRepository before the step fails: no worker took them, or the worker was lost — and
     * an execution with steps left running could not be restarted.
     */
    private static final class TimeoutMarkingHandler extends MessageChannelPartitionHandler {

        private final JobRepository repository;

        TimeoutMarkingHandler(JobRepository repository) {
            this.repository = repository;
        }

        @Override
        protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
            try {
                return super.doHandle(manager, partitions);
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
