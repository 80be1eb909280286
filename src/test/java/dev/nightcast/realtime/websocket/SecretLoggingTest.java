package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.nightcast.gateway.Endpoints;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/** Keys and tokens reach the server but never a log line or an exception message, at any level. */
class SecretLoggingTest {

    private static final String KEY = "sk-test-SECRET-123";
    private static final String TOKEN = "eyJ-entra-SECRET-456";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logback = new ListAppender<>();
    private final List<String> julRecords = new ArrayList<>();
    private final Handler jul = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            julRecords.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level rootLevel;
    private java.util.logging.Level julLevel;
    private ScriptedSimulator simulator;

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logback.start();
        root.addAppender(logback);
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        julLevel = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        jul.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(jul);
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
    }

    @AfterEach
    void restore() {
        simulator.close();
        root.detachAppender(logback);
        root.setLevel(rootLevel);
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        julRoot.removeHandler(jul);
        julRoot.setLevel(julLevel);
    }

    @Test
    void apiKeysAndTokensNeverAppearInLogsOrMessages() throws Exception {
        List<String> messages = new ArrayList<>();
        GatewayProperties.Azure withKey = new GatewayProperties.Azure(simulator.baseUrl(), null, KEY, null);
        RealtimeGateway keyGateway = new OkHttpRealtimeGateway(
                TestGateways.CLIENT, Endpoints.azure(withKey, () -> null), TestGateways.timeouts(), Clock.systemUTC());
        TokenCredential entra =
                request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        RealtimeGateway entraGateway = new OkHttpRealtimeGateway(
                TestGateways.CLIENT,
                Endpoints.azure(new GatewayProperties.Azure(simulator.baseUrl(), null, null, null), () -> entra),
                TestGateways.timeouts(),
                Clock.systemUTC());

        // when: successes and failures of every kind, with both credentials
        try (RealtimeSession session = keyGateway.open(TestGateways.marin())) {
            session.narrate(TestGateways.segment("ep1", 0, "All is well."), new RecordingSink());
            simulator.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Bad."));
            messages.add(catchThrowable(() -> session.narrate(TestGateways.segment("ep1", 1, "x"), new RecordingSink()))
                    .getMessage());
        }
        simulator.enqueueFault(Fault.unauthorized());
        messages.add(catchThrowable(() -> keyGateway.open(TestGateways.marin())).getMessage());
        simulator.enqueueFault(Fault.rateLimited(java.time.Duration.ofSeconds(1)));
        messages.add(
                catchThrowable(() -> entraGateway.open(TestGateways.marin())).getMessage());
        try (RealtimeSession session = entraGateway.open(TestGateways.marin())) {
            simulator.enqueueFault(Fault.dropMidStream());
            messages.add(catchThrowable(
                            () -> session.narrate(TestGateways.segment("ep2", 0, "Dropped."), new RecordingSink()))
                    .getMessage());
        }
        messages.add(keyGateway.toString());
        messages.add(
                new GatewayProperties(withKey, new GatewayProperties.OpenAi(null, null, KEY), null, null).toString());

        // then: the credentials did reach the server ...
        assertThat(simulator.handshakes())
                .anySatisfy(h -> assertThat(h.header("api-key")).isEqualTo(KEY));
        assertThat(simulator.handshakes())
                .anySatisfy(h -> assertThat(h.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        // ... but nothing written anywhere shows them
        List<ILoggingEvent> events;
        synchronized (logback) { // AppenderBase appends under its own lock; OkHttp's threads may still log
            events = List.copyOf(logback.list);
        }
        List<String> logLines = events.stream().map(SecretLoggingTest::render).toList();
        assertThat(logLines).as("something was logged").isNotEmpty();
        assertThat(String.join("\n", logLines)).doesNotContain("SECRET");
        assertThat(String.join("\n", julRecords)).doesNotContain("SECRET");
        assertThat(messages).allSatisfy(m -> assertThat(m).isNotBlank().doesNotContain("SECRET"));
    }

    private static String render(ILoggingEvent event) {
        String throwable =
                event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getLoggerName() + " " + event.getFormattedMessage() + " " + throwable;
    }
}
