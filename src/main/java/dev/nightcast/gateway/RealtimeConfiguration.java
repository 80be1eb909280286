package dev.nightcast.gateway;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@link GatewayProperties} and provides the {@link RealtimeGatewayFactory} (closed at shutdown). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class RealtimeConfiguration {

    @Bean
    RealtimeGatewayFactory realtimeGatewayFactory(GatewayProperties properties) {
        return new RealtimeGatewayFactory(properties);
    }
}
