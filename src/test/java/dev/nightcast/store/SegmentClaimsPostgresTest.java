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
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;

/**
 * The segment-sharing table on a real PostgreSQL: owners and helpers of several hosts taking at once
 * never get the same segment, a segment lives exactly as long as its host's lease, helpers help only
 * live owners and never with a failed episode, and the owner sees the earliest failure.
 */
@RequiresPostgres
class SegmentClaimsPostgresTest {

    private static final long RUN = 7;
    private static final SegmentClaims.Spent NONE = new SegmentClaims.Spent(0, TokenUsage.ZERO);
    /** What a helper of another host spends on one segment, in this test. */
    private static final SegmentClaims.Spent ONE_CALL =
            new SegmentClaims.Spent(1, new TokenUsage(5, 100, 5, 0, 10, 90));

    private SegmentClaims segments;
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
        JdbcClient jdbc = JdbcClient.create(dataSource);
        segments = new SegmentClaims(jdbc);
        leases = new WorkerLeases(jdbc);
    }

    private static List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "%04d".formatted(i)).toList();
    }

    private record Took(String host, String episode, int index) {}

    @Test
    void ownersAndHelpersOfSeveralHostsTakingAtOnceNeverGetTheSameSegment() throws Exception {
        List<String> hosts = List.of("a", "b", "c", "d");
        hosts.forEach(host -> leases.renew(host, Duration.ofMinutes(1)));
        segments.publish(RUN, "long", "a", keys(80));
        segments.publish(RUN, "other", "b", keys(40));
        List<Took> taken = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        // The owners from the front and their own helpers from the back; c and d help whoever they can.
        for (String[] owner : new String[][] {{"a", "long"}, {"b", "other"}}) {
            for (boolean fromBack : new boolean[] {false, true}) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (var index = segments.take(RUN, owner[1], owner[0], fromBack);
                            index.isPresent();
                            index = segments.take(RUN, owner[1], owner[0], fromBack)) {
                        taken.add(new Took(owner[0], owner[1], index.getAsInt()));
                        segments.done(RUN, owner[1], index.getAsInt(), owner[0], NONE);
                    }
                    return null;
                }));
            }
        }
        for (String helper : List.of("c", "c", "d", "d")) {
            done.add(threads.submit(() -> {
                start.await();
                for (var segment = segments.takeElsewhere(RUN, helper, List.of());
                        segment.isPresent();
                        segment = segments.takeElsewhere(RUN, helper, List.of())) {
                    taken.add(new Took(
                            helper, segment.get().episodeId(), segment.get().index()));
                    assertThat(segment.get().key())
                            .isEqualTo("%04d".formatted(segment.get().index()));
                    segments.done(RUN, segment.get().episodeId(), segment.get().index(), helper, ONE_CALL);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();
        assertThat(taken).hasSize(120);
        assertThat(taken.stream().map(took -> took.episode() + "/" + took.index()))
                .doesNotHaveDuplicates();
        assertThat(taken).anySatisfy(took -> assertThat(took.host()).isIn("c", "d"));
        assertThat(segments.standing(RUN, "long")).isEqualTo(new SegmentClaims.Standing(0, 0, null));
        long helped = taken.stream()
                .filter(took -> took.episode().equals("long") && !took.host().equals("a"))
                .count();
        assertThat(segments.spentByOthers(RUN, "long"))
                .as("what the helpers of other hosts spent, the owner's own not included")
                .isEqualTo(new SegmentClaims.Spent(
                        (int) helped,
                        new TokenUsage(5 * helped, 100 * helped, 5 * helped, 0, 10 * helped, 90 * helped)));
        assertThat(segments.standing(RUN, "other")).isEqualTo(new SegmentClaims.Standing(0, 0, null));
    }

    @Test
    void helpersTakeFromTheBackOfTheEpisodeWithTheMostLeftAndNeverTheirOwn() {
        leases.renew("a", Duration.ofMinutes(1));
        leases.renew("b", Duration.ofMinutes(1));
        segments.publish(RUN, "short", "a", keys(3));
        segments.publish(RUN, "long", "a", keys(6));
        segments.publish(RUN, "mine", "b", keys(9));
        var first = segments.takeElsewhere(RUN, "b", List.of()).orElseThrow();
        assertThat(first).isEqualTo(new SegmentClaims.Taken("long", 5, "0005"));
        assertThat(segments.takeElsewhere(RUN, "b", List.of("long")).orElseThrow())
                .as("an episode this host refused is left alone")
                .isEqualTo(new SegmentClaims.Taken("short", 2, "0002"));
        assertThat(segments.take(RUN, "long", "a", false).orElseThrow())
                .as("the owner from the front")
                .isZero();
    }

    @Test
    void aSegmentHeldByAHostWhoseLeasePassedIsTakenAgainAndItsLateResultIgnored() throws Exception {
        leases.renew("owner", Duration.ofMinutes(1));
        leases.renew("dying", Duration.ofSeconds(3));
        segments.publish(RUN, "ep", "owner", keys(3));
        var held = segments.takeElsewhere(RUN, "dying", List.of()).orElseThrow();
        assertThat(held.index()).isEqualTo(2);
        assertThat(segments.take(RUN, "ep", "owner", false).orElseThrow()).isZero();
        assertThat(segments.take(RUN, "ep", "owner", false).orElseThrow()).isOne();
        assertThat(segments.take(RUN, "ep", "owner", false))
                .as("the live helper's is not taken")
                .isEmpty();
        assertThat(segments.standing(RUN, "ep")).isEqualTo(new SegmentClaims.Standing(0, 3, null));

        Thread.sleep(3500);
        assertThat(segments.standing(RUN, "ep")).isEqualTo(new SegmentClaims.Standing(1, 2, null));
        assertThat(segments.take(RUN, "ep", "owner", false).orElseThrow()).isEqualTo(2);
        // The host that is gone cannot finish what is no longer its segment.
        segments.done(RUN, "ep", 2, "dying", NONE);
        assertThat(segments.standing(RUN, "ep").takenLive()).isEqualTo(3);
    }

    @Test
    void aNewOwnerOfTheEpisodeLeavesTheSegmentsLiveHelpersHoldToThem() throws Exception {
        leases.renew("dead-owner", Duration.ofSeconds(2));
        leases.renew("helper", Duration.ofMinutes(1));
        leases.renew("new-owner", Duration.ofMinutes(1));
        segments.publish(RUN, "ep", "dead-owner", keys(4));
        var held = segments.takeElsewhere(RUN, "helper", List.of()).orElseThrow();
        assertThat(segments.take(RUN, "ep", "dead-owner", false).orElseThrow()).isZero();
        Thread.sleep(2500);
        // The owner's claim passed to another host, which publishes the episode again.
        segments.publish(RUN, "ep", "new-owner", keys(4));
        assertThat(segments.standing(RUN, "ep")).isEqualTo(new SegmentClaims.Standing(3, 1, null));
        List<Integer> taken = new ArrayList<>();
        for (var index = segments.take(RUN, "ep", "new-owner", false);
                index.isPresent();
                index = segments.take(RUN, "ep", "new-owner", false)) {
            taken.add(index.getAsInt());
        }
        assertThat(taken).as("everything but the helper's").containsExactly(0, 1, 2);
        segments.done(RUN, "ep", held.index(), "helper", NONE);
        assertThat(segments.standing(RUN, "ep").takenLive())
                .as("the new owner's three")
                .isEqualTo(3);
    }

    @Test
    void helpersHelpOnlyLiveOwnersAndNoEpisodeWithAFailedSegment() throws Exception {
        leases.renew("helper", Duration.ofMinutes(1));
        leases.renew("failing", Duration.ofMinutes(1));
        leases.renew("gone", Duration.ofSeconds(2));
        segments.publish(RUN, "orphan", "gone", keys(4));
        segments.publish(RUN, "failing", "failing", keys(4));
        Thread.sleep(2500);
        assertThat(segments.takeElsewhere(RUN, "helper", List.of())
                        .orElseThrow()
                        .episodeId())
                .isEqualTo("failing");
        int first = segments.take(RUN, "failing", "failing", false).orElseThrow();
        int second = segments.take(RUN, "failing", "failing", false).orElseThrow();
        segments.failed(
                RUN, "failing", second, "failing", new SegmentClaims.Failure("PERMANENT", "b", "second", null), NONE);
        segments.failed(
                RUN, "failing", first, "failing", new SegmentClaims.Failure("TRANSIENT", "a", "first", 0.4), NONE);
        assertThat(segments.takeElsewhere(RUN, "helper", List.of()))
                .as("neither an episode whose owner is gone nor a failed one")
                .isEmpty();
        assertThat(segments.take(RUN, "failing", "failing", false))
                .as("nor does the owner take another segment of its failed episode")
                .isEmpty();
        assertThat(segments.standing(RUN, "failing").failed())
                .isEqualTo(new SegmentClaims.Failed(0, new SegmentClaims.Failure("TRANSIENT", "a", "first", 0.4)));
        segments.withdraw(RUN, "failing");
        assertThat(segments.standing(RUN, "failing")).isEqualTo(new SegmentClaims.Standing(0, 0, null));
    }
}
