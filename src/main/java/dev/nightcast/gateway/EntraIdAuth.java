package dev.nightcast.gateway;

import java.util.function.Supplier;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.websocket.ConnectionAuth;
import dev.nightcast.realtime.websocket.HeaderCredential;

/**
 * {@code Authorization: Bearer <token>} from Microsoft Entra ID. A token is requested for every
 * connection: the credential (azure-identity) caches it and refreshes it before it expires, so a
 * long run never presents an expired token at a handshake.
 *
 * <p>The credential is created on first use, because building {@code DefaultAzureCredential}
 * probes the environment and is wasted when an API key or the simulator is used. {@link #renew()}
 * drops it, so the next connection builds a new one with an empty token cache: the one way to get
 * a fresh token that works for every kind of credential in the chain (a token request with claims
 * bypasses MSAL's cache, but managed identity and the developer tools take no claims).
 *
 * <p>Failing to get a token is a {@link FailureKind#CONFIGURATION} failure: no retry fixes a
 * missing login or role assignment. Token values never appear in a message.
 */
public final class EntraIdAuth implements ConnectionAuth {

    /** The one deployment's key, named when no token can be had. */
    static final String SINGLE_KEY = "AZURE_OPENAI_API_KEY";

    private final Credential shared;
    private final String scope;
    private final String keySetting;

    public EntraIdAuth(Supplier<? extends TokenCredential> credentialFactory, String scope) {
        this(new Credential(credentialFactory), scope, SINGLE_KEY);
    }

    private EntraIdAuth(Credential shared, String scope, String keySetting) {
        this.shared = shared;
        this.scope = scope;
        this.keySetting = keySetting;
    }

    /**
     * The same credential (one token cache) for an endpoint whose key would be {@code keySetting}, so
     * that a failure names that setting rather than {@code AZURE_OPENAI_API_KEY}.
     */
    public EntraIdAuth namingKey(String keySetting) {
        return new EntraIdAuth(shared, scope, keySetting);
    }

    /** The credential, created on first use and dropped by {@link #renew()}; shared by every {@link #namingKey} view. */
    private static final class Credential {
        private final Supplier<? extends TokenCredential> factory;
        private volatile @Nullable TokenCredential credential;

        Credential(Supplier<? extends TokenCredential> factory) {
            this.factory = factory;
        }

        TokenCredential get() {
            TokenCredential c = credential;
            if (c == null) {
                synchronized (this) {
                    c = credential;
                    if (c == null) {
                        c = factory.get();
                        credential = c;
                    }
                }
            }
            return c;
        }

        void drop() {
            credential = null;
        }
    }

    @Override
    public void authorize(Request.Builder handshake) throws RealtimeException {
        AccessToken token;
        try {
            token = credential().getTokenSync(new TokenRequestContext().addScopes(scope));
        } catch (RuntimeException e) {
            throw failure("could not get an Entra ID token for scope " + scope + ": " + e.getMessage(), e);
        }
        if (token == null || token.getToken() == null || token.getToken().isBlank()) {
            throw failure("Entra ID returned no token for scope " + scope, null);
        }
        if (HeaderCredential.problem(token.getToken()).isPresent()) {
            throw failure("Entra ID returned a token for scope " + scope + " that an HTTP header cannot carry", null);
        }
        ConnectionAuth.setHeader(handshake, "Authorization", "Bearer " + token.getToken());
    }

    @Override
    public boolean renew() {
        shared.drop();
        return true;
    }

    private TokenCredential credential() {
        return shared.get();
    }

    private RealtimeException failure(String what, @Nullable Throwable cause) {
        return new RealtimeException(
                FailureKind.CONFIGURATION,
                "entra_token",
                what
                        + " (" + keySetting + " is not set, so Entra ID is used: sign in with 'az login' or configure a"
                        + " managed identity with the role 'Cognitive Services OpenAI User', or set " + keySetting
                        + ")",
                null,
                cause);
    }

    @Override
    public String toString() {
        return "Entra ID bearer token (scope " + scope + ")";
    }
}
