package org.jincai.batch.payroll.remote;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
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
        MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
        handler.setMessagingOperations(new MessagingTemplate(requests));
        handler.setJobRepository(repository);
        handler.setPollInterval(props.partitionPoll().toMillis());
        handler.setTimeout(props.partitionTimeout().toMillis());
        handler.setStepName(workerStep);
        handler.afterPropertiesSet();
        return handler;
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
