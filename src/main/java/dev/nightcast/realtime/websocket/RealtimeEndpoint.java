package dev.nightcast.realtime.websocket;

import okhttp3.HttpUrl;
import okhttp3.Request;

import dev.nightcast.realtime.RealtimeException;

/**
 * Where to connect and how to authenticate: a GA Realtime WebSocket URL plus one auth form (see
 * {@code gateway/Endpoints} for how each kind of gateway builds one).
 */
public final class RealtimeEndpoint {

    private final String url;
    private final String model;
    private final ConnectionAuth auth;
    private final SettingNames settings;

    public RealtimeEndpoint(String url, String model, ConnectionAuth auth) {
        this(url, model, auth, SettingNames.SINGLE);
    }

    /** @param settings how configuration hints name the settings behind this endpoint */
    public RealtimeEndpoint(String url, String model, ConnectionAuth auth, SettingNames settings) {
        this.url = url;
        this.model = model;
        this.auth = auth;
        this.settings = settings;
    }

    /** How configuration hints name the settings behind this endpoint. */
    SettingNames settings() {
        return settings;
    }

    /** A fresh handshake request, authorised for this connection only. */
    public Request newRequest() throws RealtimeException {
        Request.Builder builder = new Request.Builder().url(url);
        auth.authorize(builder);
        return builder.build();
    }

    /** Drops cached credentials so the next request gets fresh ones; false when there is nothing to renew. */
    boolean renewCredentials() {
        return auth.renew();
    }

    public String url() {
        return url;
    }

    public String model() {
        return model;
    }

    /**
     * How logs, rows and summaries name this endpoint: its host (and port, when it has one) and the
     * model or deployment, e.g. {@code eastus.openai.azure.com/gpt-realtime-mini}. Never a credential:
     * no user info, path or query.
     */
    public String name() {
        HttpUrl parsed = HttpUrl.parse(url.replaceFirst("^ws", "http"));
        if (parsed == null) {
            return model;
        }
        boolean defaultPort = parsed.port() == HttpUrl.defaultPort(parsed.scheme());
        return parsed.host() + (defaultPort ? "" : ":" + parsed.port()) + "/" + model;
    }

    /** The URL (a query that only names the model), the model and the auth form; never a credential. */
    @Override
    public String toString() {
        return url + ", model '" + model + "', " + auth;
    }
}
