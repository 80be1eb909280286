package dev.nightcast.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Committed means durable, whatever the database URL says.
 *
 * <p>H2 writes a commit to its file up to {@code WRITE_DELAY} (default 500 ms) later. A process
 * killed in between loses it: an episode whose files were already renamed and whose stage record
 * was already deleted loses its row and is narrated, and paid for, again. {@code application.yml}'s
 * URL sets {@code WRITE_DELAY=0}, but an operator's own URL
 * ({@code --spring.datasource.url=jdbc:h2:file:/srv/nightcast/db}) need not. So every pooled
 * connection to H2 runs {@code SET WRITE_DELAY 0} as it is opened (Hikari's connection init SQL,
 * after any the operator set), which also overrides a delay the URL asks for. It needs an admin
 * user, as H2 creates its first user: a user without the right fails at start-up with H2's
 * message instead of running with commits that a crash can lose.
 */
@Component
class DurableH2Commits implements BeanPostProcessor {

    static final String NO_WRITE_DELAY = "SET WRITE_DELAY 0";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // After the pool's properties are bound, before its first connection.
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            String init = pool.getConnectionInitSql();
            pool.setConnectionInitSql(init == null || init.isBlank() ? NO_WRITE_DELAY : init + "; " + NO_WRITE_DELAY);
        }
        return bean;
    }
}
