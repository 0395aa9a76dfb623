package org.jincai.batch.payroll.remote;

import java.util.Optional;
import org.jincai.batch.payroll.ExecutionLiveness;
import org.jincai.core.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * {@code jincai.cluster.partitions: remote}: the payroll's render partitions over RabbitMQ. The manager's side
 * ({@link RemotePartitions}) sends requests through {@code payrollPartitionRequests} to the durable queue
 * {@code jincai.cluster.partitions-queue}; every node's worker ({@value #INBOUND}) takes them one at a time per
 * consumer and runs the named partition with the worker step {@code payrollRenderBank}, which records its outcome
 * in the shared JobRepository. A worker takes a partition by an explicit claim: the STARTING step execution is made
 * STARTED by one update conditional on the version it read (Spring Batch's optimistic lock), so that of two deliveries
 * of the same partition — the request delivered again when a lost worker's connection dropped, and the one the
 * manager sent again — one worker only runs it; the other drops its request. A request is acknowledged once its
 * partition is over; one whose partition is no longer STARTING (taken by a worker, possibly still alive) is dropped,
 * and so is one whose run has stopped (the manager's wait timed out): a restart of the run sends the partitions not
 * completed again. A worker taken for lost while it was in fact alive (a long pause) finds the partition's version
 * moved on when it next writes its progress: its step fails there, and its end is not recorded over the new worker's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "jincai.cluster.partitions", havingValue = "remote")
@EnableIntegration
@EnableConfigurationProperties(RemotePartitionProperties.class)
public class RemotePartitionsConfiguration {

    /** The bean name of the worker's inbound adapter (a {@link org.springframework.context.Lifecycle}). */
    public static final String INBOUND = "payrollPartitionsInbound";
    static final String WORKER_STEP = "render-bank";
    private static final Logger log = LoggerFactory.getLogger(RemotePartitionsConfiguration.class);

    @Bean
    Queue payrollPartitionsQueue(RemotePartitionProperties props, Environment env) {
        if (!props.enabled()) {
            throw new IllegalStateException("jincai.cluster.partitions=remote needs jincai.cluster.enabled=true"
                    + " (several nodes on one database)");
        }
        if (!env.containsProperty("spring.rabbitmq.host") && !env.containsProperty("spring.rabbitmq.addresses")) {
            throw new IllegalStateException("jincai.cluster.partitions=remote needs the broker:"
                    + " spring.rabbitmq.host (or spring.rabbitmq.addresses), port, username, password");
        }
        return QueueBuilder.durable(props.partitionsQueue()).build();
    }

    @Bean
    MessageChannel payrollPartitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow payrollPartitionsOutbound(@Qualifier("payrollPartitionRequests") MessageChannel requests,
                                              AmqpTemplate rabbit, Queue payrollPartitionsQueue) {
        return IntegrationFlow.from(requests)
                .transform(StepExecutionRequest.class, RemotePartitions::encode)
                .handle(Amqp.outboundAdapter(rabbit).routingKey(payrollPartitionsQueue.getName()))
                .get();
    }

    @Bean
    RemotePartitions payrollRemotePartitions(@Qualifier("payrollPartitionRequests") MessageChannel requests,
                                             RemotePartitionProperties props,
                                             ObjectProvider<ExecutionLiveness> liveness, AuditTrail audit) {
        return new RemotePartitions(requests, props, liveness.getIfAvailable(() -> execution -> Optional.empty()),
                audit);
    }

    @Bean
    IntegrationFlow payrollPartitionsWorker(ConnectionFactory connections, Queue payrollPartitionsQueue,
                                            RemotePartitionProperties props, JobRepository repository,
                                            @Qualifier("payrollRenderBank") Step payrollRenderBank) {
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobRepository(repository);
        handler.setStepLocator(name -> {
            if (!WORKER_STEP.equals(name)) {
                throw new IllegalArgumentException("no worker step " + name);
            }
            return payrollRenderBank;
        });
        return IntegrationFlow.from(Amqp.inboundAdapter(connections, payrollPartitionsQueue).id(INBOUND)
                        .configureContainer(c -> c.concurrentConsumers(props.partitionWorkers()).prefetchCount(1)
                                .defaultRequeueRejected(false)))
                .handle(message -> run(handler, repository, RemotePartitions.decode(message.getPayload().toString())))
                .get();
    }

    /**
     * A worker's claim of {@code partition}, read STARTING: made STARTED by one update conditional on the version read
     * (Spring Batch's optimistic lock). True when this call took it; false when another worker (or the manager) wrote
     * it since it was read — of two workers that read the same partition, one only takes it.
     */
    public static boolean claim(JobRepository repository, StepExecution partition) {
        partition.setStatus(BatchStatus.STARTED);
        try {
            repository.update(partition);
            return true;
        } catch (OptimisticLockingFailureException e) {
            return false;
        }
    }

    private static void run(StepExecutionRequestHandler handler, JobRepository repository,
                            StepExecutionRequest request) {
        StepExecution execution = repository.getStepExecution(request.getStepExecutionId());
        if (execution == null) {
            log.warn("Partition request {}: no such step execution, dropped", request);
            return;
        }
        if (execution.getStatus() != BatchStatus.STARTING) {
            log.warn("Partition {} ({}) is {}, not STARTING: taken by a worker before (sent again by the manager"
                    + " should that worker's node be lost), or given up by its run; not run from this request",
                    execution.getStepName(), execution.getId(), execution.getStatus());
            return;
        }
        JobExecution job = execution.getJobExecution();
        if (job != null && !job.getStatus().isRunning()) {
            log.warn("Partition {} ({}): its run's execution is {}, not run (a restart sends its partitions again)",
                    execution.getStepName(), execution.getId(), job.getStatus());
            return;
        }
        if (!claim(repository, execution)) {
            log.warn("Partition {} ({}) was taken by another worker since it was read: not run from this request",
                    execution.getStepName(), execution.getId());
            return;
        }
        StepExecution done = handler.handle(request);
        StepExecution stored = repository.getStepExecution(done.getId());
        if (stored != null && stored.getStatus().isRunning() && !done.getStatus().isRunning()) {
            try {
                repository.update(done);
            } catch (OptimisticLockingFailureException e) {
                log.warn("Partition {} ({}) was sent again to another worker while this one ran it (this node was"
                        + " taken for lost): its end here ({}) is not recorded", done.getStepName(), done.getId(),
                        done.getStatus());
                return;
            }
        }
        log.info("Partition {} ({}) {}", done.getStepName(), done.getId(), done.getStatus());
    }
}
