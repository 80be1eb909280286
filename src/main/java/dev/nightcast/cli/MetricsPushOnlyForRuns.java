package dev.nightcast.cli;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Pushes metrics from {@code narrate} only. The Pushgateway keeps what was pushed last for the job:
 * a {@code status} or {@code check} in the morning would otherwise replace the night's run metrics
 * with its own empty ones. So for any other command the push is switched off before Spring Boot
 * decides whether to configure it, above every other property source (an environment variable
 * that enables it included). Registered in {@code META-INF/spring.factories}.
 */
class MetricsPushOnlyForRuns implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PUSH_ENABLED = "management.prometheus.metrics.export.pushgateway.enabled";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        // The command is the first word (CommandLine); none means narrate.
        String words = environment.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME, "");
        String command = words.isBlank() ? "narrate" : words.split(",", -1)[0];
        if (!"narrate".equals(command)) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("nightcast-command-" + command, Map.of(PUSH_ENABLED, "false")));
        }
    }
}
