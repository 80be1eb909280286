package dev.nightcast.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeGatewayFactory;

/**
 * One gateway per kind for the life of the process, shared by every worker: the simulator is
 * started once, and one OkHttp client pools its threads for the whole run.
 */
@Component
class RunGateways {

    private final RealtimeGatewayFactory factory;
    private final Map<String, RealtimeGateway> gateways = new ConcurrentHashMap<>();

    RunGateways(RealtimeGatewayFactory factory) {
        this.factory = factory;
    }

    RealtimeGateway get(String kind) {
        return gateways.computeIfAbsent(kind, factory::create);
    }
}
