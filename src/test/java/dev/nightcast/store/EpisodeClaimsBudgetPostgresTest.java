package dev.nightcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/**
 * The run-wide budget of a cluster on a real PostgreSQL, through the {@code @Transactional} bean as
 * the application has it: claimers on many hosts at once reserve exactly what one claimer in input
 * order would (never together past {@code max-cost}), a reported cost replaces the estimate, a lost
 * host's reservation ends with its lease, and no entry is claimed once {@code finish-by} has passed.
 */
@RequiresPostgres
class EpisodeClaimsBudgetPostgresTest {

    private static final long RUN = 7;
    private static final long EXECUTION = 70;

    private AnnotationConfigApplicationContext context;
    private EpisodeClaims claims;
    private WorkerLeases leases;

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Repositories {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource(url);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        EpisodeClaims episodeClaims(DataSource dataSource) {
            return new EpisodeClaims(JdbcClient.create(dataSource));
        }

        @Bean
        WorkerLeases workerLeases(DataSource dataSource) {
            return new WorkerLeases(JdbcClient.create(dataSource));
        }
    }

    private static String url;

    @BeforeEach
    void schema() {
        url = PostgresTestDatabase.freshSchemaUrl();
        Flyway.configure()
                .dataSource(new DriverManagerDataSource(url))
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        context = new AnnotationConfigApplicationContext(Repositories.class);
        claims = context.getBean(EpisodeClaims.class);
        leases = context.getBean(WorkerLeases.class);
    }

    @AfterEach
    void close() {
        context.close();
    }

    /** Entries costing 1, 2 or 3 (cents of a dollar, as it were), in a pattern that leaves gaps to fill. */
    private static List<EpisodeClaims.Entry> entries(int count) {
        List<EpisodeClaims.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new EpisodeClaims.Entry(i, "ep-" + i, BigDecimal.valueOf(1 + (i * 7) % 3)));
        }
        return entries;
    }

    @Test
    void hostsClaimingAtOnceReserveExactlyWhatOneClaimerInInputOrderWouldAndNeverPassTheBudget() throws Exception {
        List<EpisodeClaims.Entry> entries = entries(80);
        BigDecimal max = new BigDecimal("41");
        claims.queue(RUN, entries);
        claims.limit(EXECUTION, RUN, max, null);
        List<String> hosts = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        hosts.forEach(host -> leases.renew(host, Duration.ofMinutes(1)));
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        List<EpisodeClaims.Limit> endedBy = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(hosts.size());
        List<Future<?>> done = new ArrayList<>();
        for (String host : hosts) {
            done.add(threads.submit(() -> {
                start.await();
                while (true) {
                    // Every claim stays in flight: each reserves its estimate until the end.
                    EpisodeClaims.Claiming claiming = claims.claim(RUN, EXECUTION, host);
                    if (claiming.claim().isEmpty()) {
                        endedBy.add(claiming.limit());
                        return null;
                    }
                    taken.add(claiming.claim().get().position());
                }
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();

        // What one claimer in input order reserves: the first entry that fits, again and again.
        List<Integer> sequential = new ArrayList<>();
        BigDecimal committed = BigDecimal.ZERO;
        for (EpisodeClaims.Entry entry : entries) {
            if (committed.add(entry.estimate()).compareTo(max) <= 0) {
                committed = committed.add(entry.estimate());
                sequential.add(entry.position());
            }
        }
        BigDecimal reserved = taken.stream()
                .map(position -> entries.get(position).estimate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(reserved).isLessThanOrEqualTo(max);
        assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sequential);
        assertThat(endedBy)
                .as("entries are left, and claims in flight may still make room")
                .containsOnly(EpisodeClaims.Limit.MAX_COST_WAIT);
    }

    @Test
    void aReportedCostReplacesTheEstimateAndALostHostsReservationEndsWithItsLease() throws Exception {
        claims.queue(
                RUN,
                List.of(
                        new EpisodeClaims.Entry(0, "first", new BigDecimal("4")),
                        new EpisodeClaims.Entry(1, "second", new BigDecimal("4")),
                        new EpisodeClaims.Entry(2, "free", BigDecimal.ZERO),
                        new EpisodeClaims.Entry(3, "third", new BigDecimal("4"))));
        claims.limit(EXECUTION, RUN, new BigDecimal("10"), null);
        leases.renew("alive", Duration.ofMinutes(1));
        leases.renew("dying", Duration.ofSeconds(3));

        assertThat(claims.claim(RUN, EXECUTION, "alive").claim().orElseThrow().entryId())
                .isEqualTo("first");
        assertThat(claims.claim(RUN, EXECUTION, "dying").claim().orElseThrow().entryId())
                .isEqualTo("second");
        // 8 reserved of 10: only the free entry fits, and the third waits for what is in flight.
        assertThat(claims.claim(RUN, EXECUTION, "alive").claim().orElseThrow().entryId())
                .isEqualTo("free");
        EpisodeClaims.Claiming none = claims.claim(RUN, EXECUTION, "alive");
        assertThat(none.claim()).isEmpty();
        assertThat(none.limit()).isEqualTo(EpisodeClaims.Limit.MAX_COST_WAIT);

        // The first cost 1 instead of 4: 5 committed, the third fits.
        claims.spent(RUN, "first", "alive", BigDecimal.ONE);
        claims.done(RUN, 0, "alive");
        claims.done(RUN, 2, "alive");
        assertThat(claims.claim(RUN, EXECUTION, "alive").claim().orElseThrow().entryId())
                .isEqualTo("third");

        // The host holding the second dies: once its lease passes, its reservation is gone and the
        // entry is claimable again within what is left (1 spent + 4 reserved of 10).
        Thread.sleep(3500);
        EpisodeClaims.Claim takenOver =
                claims.claim(RUN, EXECUTION, "alive").claim().orElseThrow();
        assertThat(takenOver.entryId()).isEqualTo("second");
        assertThat(takenOver.claims()).isEqualTo(2);

        // Both cost more than estimated: 1 + 5 + 5 = 11 spent, nothing left.
        claims.spent(RUN, "second", "alive", new BigDecimal("5"));
        claims.spent(RUN, "third", "alive", new BigDecimal("5"));
        claims.done(RUN, 1, "alive");
        claims.done(RUN, 3, "alive");
        assertThat(claims.claim(RUN, EXECUTION, "alive").limit()).isEqualTo(EpisodeClaims.Limit.NONE);
        assertThat(claims.limitStanding(RUN, EXECUTION).orElseThrow().spent()).isEqualByComparingTo("11");
    }

    @Test
    void entriesThatWouldPassTheBudgetWithNothingInFlightEndTheRunAndAreNamedLeft() {
        claims.queue(
                RUN,
                List.of(
                        new EpisodeClaims.Entry(0, "cheap", new BigDecimal("2")),
                        new EpisodeClaims.Entry(1, "long", new BigDecimal("9")),
                        new EpisodeClaims.Entry(2, "cheap-too", new BigDecimal("2")),
                        new EpisodeClaims.Entry(3, "longer", new BigDecimal("12"))));
        claims.limit(EXECUTION, RUN, new BigDecimal("5"), null);
        leases.renew("host", Duration.ofMinutes(1));
        for (String expected : List.of("cheap", "cheap-too")) {
            EpisodeClaims.Claim claim =
                    claims.claim(RUN, EXECUTION, "host").claim().orElseThrow();
            assertThat(claim.entryId()).isEqualTo(expected);
            claims.spent(RUN, expected, "host", new BigDecimal("2"));
            claims.done(RUN, claim.position(), "host");
        }

        EpisodeClaims.Claiming stop = claims.claim(RUN, EXECUTION, "host");
        assertThat(stop.claim()).isEmpty();
        assertThat(stop.limit()).isEqualTo(EpisodeClaims.Limit.MAX_COST);
        EpisodeClaims.LimitStanding standing =
                claims.limitStanding(RUN, EXECUTION).orElseThrow();
        assertThat(standing.spent()).isEqualByComparingTo("4");
        assertThat(standing.left()).extracting(EpisodeClaims.Left::entryId).containsExactly("long", "longer");
    }

    @Test
    void noEntryIsClaimedOnceTheRunsFinishByHasPassed() {
        claims.queue(RUN, entries(3));
        leases.renew("host", Duration.ofMinutes(1));
        claims.limit(EXECUTION, RUN, null, Instant.now().plusSeconds(3600));
        assertThat(claims.claim(RUN, EXECUTION, "host").claim()).isPresent();

        long later = EXECUTION + 1;
        claims.limit(later, RUN, null, Instant.now().minusSeconds(1));
        EpisodeClaims.Claiming refused = claims.claim(RUN, later, "host");
        assertThat(refused.claim()).isEmpty();
        assertThat(refused.limit()).isEqualTo(EpisodeClaims.Limit.FINISH_BY);
        assertThat(claims.limitStanding(RUN, later).orElseThrow().deadlinePassed())
                .isTrue();
        assertThat(claims.standing(RUN).queued()).isEqualTo(2);
    }
}
