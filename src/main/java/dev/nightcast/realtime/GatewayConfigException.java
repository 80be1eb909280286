package dev.nightcast.realtime;

/**
 * The gateway configuration cannot work: a missing or malformed endpoint, a missing key, an unknown
 * gateway name. Raised before any connection is made; the message names the environment variable
 * to fix and never contains a credential.
 */
public class GatewayConfigException extends RuntimeException {

    public GatewayConfigException(String message) {
        super(message);
    }
}
