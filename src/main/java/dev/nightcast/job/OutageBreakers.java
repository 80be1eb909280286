package dev.nightcast.job;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.retry.OutageBreaker;

/**
 * One {@link OutageBreaker} per job execution, shared by all of its workers (their readers stop
 * taking episodes, their narrators stop retrying), dropped when the job ends.
 *
 * <p>As a job listener it also words the end of a run the breaker stopped: the job execution's
 * exit status becomes {@value #EXIT_CODE} (or {@value #CONFIGURATION_EXIT_CODE} when the gateway
 * refused the configuration) with the breaker's explanation, which the run summary shows instead of
 * the workers' exceptions.
 */
@Component
public class OutageBreakers implements JobExecutionListener {

    static final String EXIT_CODE = "GATEWAY_OUTAGE";
    /** The exit status of a run stopped because the gateway refused the configuration; the process exits 64. */
    public static final String CONFIGURATION_EXIT_CODE = "GATEWAY_CONFIGURATION";

    private final NarrationProperties settings;
    private final Clock clock;
    private final Map<Long, OutageBreaker> breakers = new ConcurrentHashMap<>();

    OutageBreakers(NarrationProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    OutageBreaker forExecution(long jobExecutionId, int concurrency) {
        return breakers.computeIfAbsent(jobExecutionId, id -> OutageBreaker.forRun(settings, concurrency, clock));
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        OutageBreaker breaker = breakers.remove(jobExecution.getId());
        if (breaker != null && breaker.isTripped() && jobExecution.getStatus().isUnsuccessful()) {
            jobExecution.setExitStatus(new ExitStatus(breaker.configurationRefused() ? CONFIGURATION_EXIT_CODE
                    : EXIT_CODE, breaker.message()));
        }
    }
}
