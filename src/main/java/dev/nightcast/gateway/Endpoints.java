package dev.nightcast.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.azure.core.credential.TokenCredential;
import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.realtime.websocket.ConnectionAuth;
import dev.nightcast.realtime.websocket.HeaderCredential;
import dev.nightcast.realtime.websocket.RealtimeEndpoint;
import dev.nightcast.realtime.websocket.SettingNames;

/**
 * Builds the {@link RealtimeEndpoint} of each kind of gateway from its settings: the GA Realtime
 * WebSocket URL and one auth form. Never adds {@code api-version} or an {@code OpenAI-Beta} header:
 * both select (or break on) the retired beta protocol shape. Every message names the setting and
 * never quotes a credential or a URL that could hold one.
 */
public final class Endpoints {

    private Endpoints() {}

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final String AZURE_KEY = "AZURE_OPENAI_API_KEY (nightcast.gateway.azure.api-key)";
    private static final String OPENAI_KEY = "OPENAI_API_KEY (nightcast.gateway.openai.api-key)";

    /**
     * Azure OpenAI GA: {@code wss://<resource>/openai/v1/realtime?model=<deployment>}, with an
     * {@code api-key} header when a key is configured, otherwise an Entra ID bearer token from
     * {@code credentials} (created on first use).
     *
     * @throws GatewayConfigException when the endpoint is missing or not usable
     */
    public static RealtimeEndpoint azure(
            GatewayProperties.Azure azure, Supplier<? extends TokenCredential> credentials) {
        String url = azureUrl(azure.endpoint(), azure.deployment());
        if (azure.apiKey() != null) {
            HeaderCredential.require(azure.apiKey(), AZURE_KEY);
        }
        ConnectionAuth auth = azure.apiKey() != null
                ? ConnectionAuth.header("api-key", azure.apiKey())
                : new EntraIdAuth(credentials, azure.scope());
        return new RealtimeEndpoint(url, azure.deployment(), auth);
    }

    /**
     * Entry {@code index} of {@code nightcast.gateway.deployments}: like {@link #azure}, each setting
     * named by its place in the list, the deployment name defaulting to {@code defaultDeployment}.
     * An entry without a key shares {@code entraId} (one token serves every resource).
     *
     * @throws GatewayConfigException when the entry cannot work (no endpoint, not a URL, a key no
     *     header can carry)
     */
    public static RealtimeEndpoint azureDeployment(
            int index, GatewayProperties.Deployment entry, String defaultDeployment, EntraIdAuth entraId) {
        String prefix = "nightcast.gateway.deployments[" + index + "]";
        String deployment = entry.deployment() != null ? entry.deployment() : defaultDeployment;
        String url = azureUrl(
                entry.endpoint(),
                deployment,
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_" + index + "_ENDPOINT",
                prefix + ".endpoint",
                prefix + ".deployment is empty");
        String keySetting = prefix + ".api-key (NIGHTCAST_GATEWAY_DEPLOYMENTS_" + index + "_API_KEY)";
        if (entry.apiKey() != null) {
            HeaderCredential.require(entry.apiKey(), keySetting);
        }
        ConnectionAuth auth = entry.apiKey() != null
                ? ConnectionAuth.header("api-key", entry.apiKey())
                : entraId.namingKey(keySetting);
        // A refusal's hint names this entry's settings, not the AZURE_OPENAI_* of the one deployment.
        return new RealtimeEndpoint(url, deployment, auth, SettingNames.listEntry(index, entry.apiKey() != null));
    }

    /**
     * OpenAI: {@code <url>?model=<model>} with {@code Authorization: Bearer <OPENAI_API_KEY>}.
     *
     * @throws GatewayConfigException when the key is missing or the URL is not a WebSocket URL
     */
    public static RealtimeEndpoint openai(GatewayProperties.OpenAi openai) {
        if (openai.apiKey() == null) {
            throw new GatewayConfigException(
                    "OPENAI_API_KEY is not set (nightcast.gateway.openai.api-key); the openai gateway needs it");
        }
        HeaderCredential.require(openai.apiKey(), OPENAI_KEY);
        String base = openaiUrl(openai.url());
        return new RealtimeEndpoint(
                base + "?model=" + encode(openai.model()),
                openai.model(),
                ConnectionAuth.header("Authorization", "Bearer " + openai.apiKey()));
    }

    /**
     * Checks {@code nightcast.gateway.openai.url}: a WebSocket URL ({@code wss://}, {@code ws://} only
     * for loopback hosts) with a host and a path only. Credentials in it would be logged with the URL
     * (and the key belongs in {@code OPENAI_API_KEY}); the query is Nightcast's ({@code ?model=}).
     * Messages never quote the URL.
     */
    private static String openaiUrl(String url) {
        String setting = "nightcast.gateway.openai.url";
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new GatewayConfigException(setting + " is not a valid URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new GatewayConfigException(setting + " must be the WebSocket URL only, e.g. "
                    + GatewayProperties.OpenAi.DEFAULT_URL + " (no credentials, query or fragment; the key belongs"
                    + " in OPENAI_API_KEY)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback =
                uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (uri.getHost() == null || !(scheme.equals("wss") || (scheme.equals("ws") && loopback))) {
            throw new GatewayConfigException(setting + " must be a wss:// URL with a host (ws:// only for"
                    + " localhost), e.g. " + GatewayProperties.OpenAi.DEFAULT_URL);
        }
        return url.trim();
    }

    /**
     * Normalises {@code AZURE_OPENAI_ENDPOINT} into the GA Realtime URL: trims, drops trailing
     * slashes and a trailing {@code /openai/v1} or {@code /openai}, maps {@code https} to
     * {@code wss} (and {@code http} to {@code ws} for loopback hosts only, for local simulators).
     */
    public static String azureUrl(@Nullable String endpoint, String deployment) {
        return azureUrl(
                endpoint,
                deployment,
                "AZURE_OPENAI_ENDPOINT",
                "nightcast.gateway.azure.endpoint",
                "AZURE_OPENAI_DEPLOYMENT_NAME is empty (nightcast.gateway.azure.deployment)");
    }

    /**
     * @param endpointSetting how messages name the endpoint setting (its environment variable)
     * @param endpointProperty and the property behind it
     * @param noDeployment the message when the deployment name is empty
     */
    private static String azureUrl(
            @Nullable String endpoint,
            @Nullable String deployment,
            String endpointSetting,
            String endpointProperty,
            String noDeployment) {
        String raw = endpoint == null ? "" : endpoint.trim();
        if (raw.isEmpty()) {
            throw new GatewayConfigException(endpointSetting + " is not set (" + endpointProperty + ");"
                    + " expected the resource base URL, e.g. https://my-resource.openai.azure.com");
        }
        if (deployment == null || deployment.isBlank()) {
            throw new GatewayConfigException(noDeployment);
        }
        URI uri;
        try {
            uri = new URI(stripApiPath(raw));
        } catch (URISyntaxException e) {
            throw new GatewayConfigException(endpointSetting + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new GatewayConfigException(endpointSetting + " must be the resource base URL only, e.g."
                    + " https://my-resource.openai.azure.com (no query, fragment or credentials)");
        }
        String wsScheme;
        if (scheme.equals("https")) {
            wsScheme = "wss";
        } else if (scheme.equals("http")
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            wsScheme = "ws";
        } else {
            throw new GatewayConfigException(endpointSetting + " must start with https:// (http:// only for"
                    + " localhost), but starts with '" + scheme + "://'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return wsScheme + "://" + uri.getRawAuthority() + path + "/openai/v1/realtime?model=" + encode(deployment);
    }

    private static String stripApiPath(String raw) {
        String s = trimSlashes(raw);
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("/openai/v1")) {
            s = s.substring(0, s.length() - "/openai/v1".length());
        } else if (lower.endsWith("/openai")) {
            s = s.substring(0, s.length() - "/openai".length());
        }
        return trimSlashes(s);
    }

    private static String trimSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
