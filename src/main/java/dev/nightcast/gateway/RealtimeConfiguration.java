package dev.nightcast.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nightcast.metrics.GatewayMetrics;

/**
 * Binds {@link GatewayProperties} and provides the {@link RealtimeGatewayFactory} (closed at shutdown),
 * whose gateways record their calls in the application's meter registry.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class RealtimeConfiguration {

    @Bean
    RealtimeGatewayFactory realtimeGatewayFactory(
            GatewayProperties properties, ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return new RealtimeGatewayFactory(
                properties, meters == null ? GatewayMetrics.none() : new GatewayMetrics(meters));
    }
}
