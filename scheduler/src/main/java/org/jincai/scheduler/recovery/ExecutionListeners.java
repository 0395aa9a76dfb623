package org.jincai.scheduler.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Listens to every Spring Batch job and step of the application (each {@code Job} and {@code Step} bean, whichever
 * module declares it): a job execution starting in a process whose Quartz scheduler runs is recorded with this node's
 * instance and the schedule firing running on the thread, if any ({@link ExecutionNodes}), and so is each step
 * execution (a partition on the node whose worker runs it); a step execution is in {@link RunningSteps} from its
 * start to its end. A node that cannot record its execution logs it and runs the job
 * all the same: recovery then leaves that execution to an operator.
 */
public class ExecutionListeners implements BeanPostProcessor, JobExecutionListener, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExecutionListeners.class);

    private final ObjectProvider<ExecutionNodes> nodes;
    private final ObjectProvider<RunningSteps> steps;

    public ExecutionListeners(ObjectProvider<ExecutionNodes> nodes, ObjectProvider<RunningSteps> steps) {
        this.nodes = nodes;
        this.steps = steps;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        } else if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ExecutionNodes n = nodes.getIfAvailable();
        if (n == null) {
            return;
        }
        n.thisInstance().ifPresent(instance -> {
            try {
                n.record(execution.getId(), instance, Firing.current());
            } catch (RuntimeException e) {
                log.warn("could not record that node {} runs job execution {}: {}", instance, execution.getId(),
                        e.toString());
            }
        });
    }

    @Override
    public void beforeStep(StepExecution step) {
        steps.getObject().started(step);
        ExecutionNodes n = nodes.getIfAvailable();
        if (n == null) {
            return;
        }
        n.thisInstance().ifPresent(instance -> {
            try {
                n.recordStep(step.getId(), step.getJobExecutionId(), instance);
            } catch (RuntimeException e) {
                log.warn("could not record that node {} runs step execution {}: {}", instance, step.getId(),
                        e.toString());
            }
        });
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        steps.getObject().ended(step);
        return null;
    }
}
