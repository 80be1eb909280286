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

    private final Supplier<? extends TokenCredential> credentialFactory;
    private final String scope;
    private volatile @Nullable TokenCredential credential;

    public EntraIdAuth(Supplier<? extends TokenCredential> credentialFactory, String scope) {
        this.credentialFactory = credentialFactory;
        this.scope = scope;
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
        credential = null;
        return true;
    }

    private TokenCredential credential() {
        TokenCredential c = credential;
        if (c == null) {
            synchronized (this) {
                c = credential;
                if (c == null) {
                    c = credentialFactory.get();
                    credential = c;
                }
            }
        }
        return c;
    }

    private static RealtimeException failure(String what, @Nullable Throwable cause) {
        return new RealtimeException(
                FailureKind.CONFIGURATION,
                "entra_token",
                what
                        + " (AZURE_OPENAI_API_KEY is not set, so Entra ID is used: sign in with 'az login' or configure a"
                        + " managed identity with the role 'Cognitive Services OpenAI User', or set AZURE_OPENAI_API_KEY)",
                null,
                cause);
    }

    @Override
    public String toString() {
        return "Entra ID bearer token (scope " + scope + ")";
    }
}
