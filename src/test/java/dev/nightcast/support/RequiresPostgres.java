package dev.nightcast.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Marks a test class that needs {@link PostgresTestDatabase}. Decided before any Spring context is
 * loaded: with neither Docker nor {@code NIGHTCAST_TEST_POSTGRES_URL} the class is skipped on a
 * developer machine, but runs (and fails loudly) in CI ({@code CI=true}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    /** The JUnit condition behind the annotation. */
    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(PostgresTestDatabase.URL_VARIABLE);
            if ((url != null && !url.isBlank())
                    || "true".equalsIgnoreCase(System.getenv("CI"))
                    || DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("a PostgreSQL is available (or required in CI)");
            }
            return ConditionEvaluationResult.disabled("No PostgreSQL for the tests: no Docker engine and "
                    + PostgresTestDatabase.URL_VARIABLE + " is not set");
        }
    }
}
