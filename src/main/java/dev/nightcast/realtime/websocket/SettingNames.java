package dev.nightcast.realtime.websocket;

/**
 * How a configuration failure's hint names the settings behind one endpoint, so the operator is told
 * which setting to fix: the one Azure deployment's {@code AZURE_OPENAI_*} variables, or an entry of
 * {@code nightcast.gateway.deployments} by its place in the list.
 *
 * @param endpoint the endpoint setting, e.g. {@code AZURE_OPENAI_ENDPOINT}
 * @param deployment the deployment name setting
 * @param credential what to check on a 401: the key setting, or the Entra ID identity
 */
public record SettingNames(String endpoint, String deployment, String credential) {

    /** The one deployment of {@code gateway=azure} (or {@code openai}) without a list. */
    public static final SettingNames SINGLE = new SettingNames(
            "AZURE_OPENAI_ENDPOINT",
            "AZURE_OPENAI_DEPLOYMENT_NAME",
            "AZURE_OPENAI_API_KEY / OPENAI_API_KEY, or the Entra ID token's tenant and scope");

    /**
     * Entry {@code index} of {@code nightcast.gateway.deployments}, with its property and environment
     * variable names.
     *
     * @param hasKey whether the entry has an {@code api-key}; without one it authenticates with Entra ID
     */
    public static SettingNames listEntry(int index, boolean hasKey) {
        String prefix = "nightcast.gateway.deployments[" + index + "]";
        String variable = "NIGHTCAST_GATEWAY_DEPLOYMENTS_" + index + "_";
        return new SettingNames(
                prefix + ".endpoint (" + variable + "ENDPOINT)",
                prefix + ".deployment (" + variable + "DEPLOYMENT)",
                hasKey
                        ? prefix + ".api-key (" + variable + "API_KEY)"
                        : "the Entra ID identity's access to " + prefix + " (it has no api-key, " + variable
                                + "API_KEY): the token's tenant and scope, and its role 'Cognitive Services OpenAI"
                                + " User' on that resource");
    }
}
