package dev.nightcast.gateway;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.identity.DefaultAzureCredentialBuilder;
import okhttp3.OkHttpClient;

/**
 * The {@code DefaultAzureCredential} that {@link EntraIdAuth} takes its tokens from, with its token
 * requests (managed identity, workload identity, a service principal, ...) sent through Nightcast's
 * own {@link OkHttpClient}: one HTTP stack, one connection pool, one set of threads, and no Netty
 * in the jar (azure-identity's default transport is excluded from the build).
 */
final class EntraIdCredentials {

    private EntraIdCredentials() {}

    /** The credential chain as configured by this process's environment variables. */
    static TokenCredential defaultChain(OkHttpClient client) {
        return defaultChain(client, Configuration.getGlobalConfiguration().clone());
    }

    /**
     * @param environment where the chain reads {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID},
     *     {@code AZURE_AUTHORITY_HOST}, proxy settings and the like
     */
    static TokenCredential defaultChain(OkHttpClient client, Configuration environment) {
        return new DefaultAzureCredentialBuilder()
                .httpClient(new OkHttpAsyncHttpClientBuilder(client)
                        .configuration(environment)
                        .build())
                .configuration(environment)
                .build();
    }
}
