package dev.nightcast;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.nightcast.cli.Usage;

/** Nightcast: narrates folders of podcast scripts through the GPT Realtime API, as a Spring Batch job. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NightcastApplication {

    public static void main(String[] args) {
        if (Usage.requested(args)) {
            // Before Spring: asking for help opens no database and needs no configuration.
            System.out.print(Usage.text());
            return;
        }
        // The job's outcome is the process exit code: schedulers act on it (see ExitCodes).
        System.exit(SpringApplication.exit(SpringApplication.run(NightcastApplication.class, args)));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
