package dev.nightcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/**
 * The claim/lease protocol on a real PostgreSQL: hosts claiming at once never get the same entry,
 * a claim lives exactly as long as its host's lease, and a new execution's queue keeps the claims
 * of live hosts.
 */
@RequiresPostgres
class EpisodeClaimsPostgresTest {

    private static final long RUN = 7;

    private JdbcClient jdbc;
    private EpisodeClaims claims;
    private WorkerLeases leases;

    @BeforeEach
    void schema() {
        String url = PostgresTestDatabase.freshSchemaUrl();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        claims = new EpisodeClaims(jdbc);
        leases = new WorkerLeases(jdbc);
    }

    private static List<EpisodeClaims.Entry> entries(int count) {
        List<EpisodeClaims.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new EpisodeClaims.Entry(i, "ep-" + i));
        }
        return entries;
    }

    @Test
    void hostsClaimingAtOnceNeverTakeTheSameEntry() throws Exception {
        claims.queue(RUN, entries(60));
        List<String> hosts = List.of("a", "b", "c", "d", "e", "f");
        hosts.forEach(host -> leases.renew(host, Duration.ofMinutes(1)));
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(hosts.size());
        List<Future<?>> done = new ArrayList<>();
        for (String host : hosts) {
            done.add(threads.submit(() -> {
                start.await();
                for (var claim = claims.claim(RUN, host); claim.isPresent(); claim = claims.claim(RUN, host)) {
                    taken.add(claim.get().position());
                    claims.done(RUN, claim.get().position(), host);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();
        assertThat(taken).hasSize(60).doesNotHaveDuplicates();
        assertThat(claims.standing(RUN).allDone()).isTrue();
    }

    @Test
    void aClaimIsTakenOverOnlyOnceItsHostsLeaseHasPassed() throws Exception {
        claims.queue(RUN, entries(2));
        leases.renew("dying", Duration.ofSeconds(3));
        leases.renew("alive", Duration.ofMinutes(1));
        var held = claims.claim(RUN, "dying").orElseThrow();
        assertThat(held.position()).isZero();
        var next = claims.claim(RUN, "alive").orElseThrow();
        assertThat(next.position()).as("the live claim is not taken").isOne();
        assertThat(claims.claim(RUN, "alive")).isEmpty();
        assertThat(claims.standing(RUN).nothingToClaim()).isTrue();

        Thread.sleep(3500);
        assertThat(claims.standing(RUN).claimedExpired()).isOne();
        var takenOver = claims.claim(RUN, "alive").orElseThrow();
        assertThat(takenOver.position()).isZero();
        assertThat(takenOver.claims()).as("claimed for the second time").isEqualTo(2);
        // The host that is gone cannot finish what is no longer its claim.
        claims.done(RUN, 0, "dying");
        assertThat(claims.standing(RUN).done()).isZero();
        claims.done(RUN, 0, "alive");
        claims.done(RUN, 1, "alive");
        assertThat(claims.standing(RUN).allDone()).isTrue();
    }

    @Test
    void aNewExecutionsQueueKeepsTheClaimsOfLiveHostsAndRequeuesTheRest() {
        claims.queue(RUN, entries(3));
        leases.renew("alive", Duration.ofMinutes(1));
        claims.claim(RUN, "alive").orElseThrow();
        claims.claim(RUN, "gone").orElseThrow(); // never had a lease: as good as dead
        claims.queue(RUN, entries(3));
        EpisodeClaims.Standing standing = claims.standing(RUN);
        assertThat(standing.claimedLive()).isOne();
        assertThat(standing.queued()).isEqualTo(2);
        assertThat(claims.claim(RUN, "alive").orElseThrow().position()).isOne();
    }

    @Test
    void aPartitionIsTakenOnceWhileItsHostLivesAndCountsLostAfter() throws Exception {
        leases.renew("a", Duration.ofSeconds(3));
        leases.renew("b", Duration.ofMinutes(1));
        assertThat(leases.takePartition(11, 1, "a")).isTrue();
        assertThat(leases.takePartition(11, 1, "b")).as("a live host has it").isFalse();
        assertThat(leases.lost(List.of(11L))).isEmpty();
        assertThat(leases.isLive(11)).isTrue();
        Thread.sleep(3500);
        assertThat(leases.lost(List.of(11L))).containsExactly(11L);
        assertThat(leases.untaken(List.of(11L, 12L))).containsExactly(12L);
    }
}
