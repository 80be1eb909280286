package dev.nightcast.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports why Nightcast did not start as one log line: the analysis and what to do, without Spring
 * Boot's banner of stars and without the exception. Boot's own reporter is switched off in
 * {@code application.yml}; with {@code --logging.level.dev.nightcast.cli.OneLineFailureReport=DEBUG}
 * the stack trace follows. Registered in {@code META-INF/spring.factories}.
 */
class OneLineFailureReport implements FailureAnalysisReporter {

    private static final Logger log = LoggerFactory.getLogger(OneLineFailureReport.class);

    @Override
    public void report(FailureAnalysis analysis) {
        String action = analysis.getAction() == null || analysis.getAction().isBlank()
                ? ""
                : " " + analysis.getAction().strip();
        log.error("Nightcast did not start: {}{}", analysis.getDescription().strip(), action);
        log.debug("Why it did not start", analysis.getCause());
    }
}
