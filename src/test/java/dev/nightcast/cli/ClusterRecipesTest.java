package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import dev.nightcast.job.OperatorJobTestBase;
import dev.nightcast.run.ExitCodes;

/**
 * The cluster recipes ({@code config/cluster/compose.yaml}, {@code config/cluster/kubernetes.yaml})
 * and the {@code Dockerfile} say what the jar does: their commands are the jar's commands, every
 * option and environment variable they set is one the application reads (a misspelt
 * {@code NIGHTCAST_CLUSTER_SLOT} would be ignored in silence, and the host would run with the
 * default), the exit codes the CronJob treats as final are the jar's, and the image copies and runs
 * the jar the build makes, as a user who is not root and may write the default database's folder. No container engine runs here, so the image itself is not built in the
 * tests; this keeps the recipes from drifting away from the code.
 */
class ClusterRecipesTest extends OperatorJobTestBase {

    private static final Path COMPOSE = Path.of("config/cluster/compose.yaml");
    private static final Path KUBERNETES = Path.of("config/cluster/kubernetes.yaml");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Autowired
    List<NightcastCommand> commands;

    /** One container as a recipe runs it: its arguments and its environment. */
    private record Container(String where, List<String> args, Map<String, String> env) {}

    @Test
    void everyContainerRunsACommandOfTheJarWithOptionsItReads() throws IOException {
        Set<String> names = commands.stream().map(NightcastCommand::name).collect(Collectors.toSet());
        List<Container> containers = containers();

        assertThat(containers).extracting(Container::where).hasSize(4);
        for (Container container : containers) {
            assertThat(container.args()).as(container.where()).isNotEmpty();
            assertThat(names)
                    .as(container.where() + " runs a command of the jar")
                    .contains(container.args().get(0));
            for (String option : container.args().subList(1, container.args().size())) {
                assertThat(option).as(container.where()).startsWith("--").contains("=");
                String key = option.substring(2, option.indexOf('='));
                String value = option.substring(option.indexOf('=') + 1);
                if (!key.equals("params")) {
                    assertThat(changesASetting(new MapPropertySource("args", Map.of(key, value))))
                            .as(container.where() + ": option " + key + " is a setting the application reads")
                            .isTrue();
                }
            }
        }
        assertThat(containers)
                .filteredOn(c -> c.args().get(0).equals("narrate"))
                .allSatisfy(manager -> assertThat(manager.args()).contains("--nightcast.cluster.enabled=true"));
    }

    @Test
    void everyEnvironmentVariableTheRecipesSetIsOneTheApplicationReads() throws IOException {
        Set<String> placeholders = applicationYamlPlaceholders();
        Set<String> bootProperties = springBootPropertyNames();
        List<String> unread = new ArrayList<>();
        int checked = 0;
        for (Container container : containers()) {
            for (Map.Entry<String, String> variable : container.env().entrySet()) {
                String name = variable.getKey();
                if (name.equals("TZ")) {
                    continue; // the JVM's own
                }
                checked++;
                boolean read = placeholders.contains(name)
                        || (name.startsWith("SPRING_") && bootProperties.contains(name))
                        || (name.startsWith("NIGHTCAST_")
                                && changesASetting(
                                        new SystemEnvironmentPropertySource("env", Map.of(name, variable.getValue()))));
                if (!read) {
                    unread.add(container.where() + ": " + name);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(unread).as("variables the application never reads").isEmpty();
    }

    @Test
    void aMisspeltVariableOrOptionIsCaughtAndTheRightOneIsNot() {
        assertThat(changesASetting(new SystemEnvironmentPropertySource("env", Map.of("NIGHTCAST_CLUSTER_SLOTS", "7"))))
                .isTrue();
        assertThat(changesASetting(new SystemEnvironmentPropertySource("env", Map.of("NIGHTCAST_CLUSTER_SLOT", "7"))))
                .isFalse();
        assertThat(changesASetting(new MapPropertySource("args", Map.of("nightcast.cluster.enabled", "true"))))
                .isTrue();
        assertThat(changesASetting(new MapPropertySource("args", Map.of("nightcast.cluster.enable", "true"))))
                .isFalse();
    }

    @Test
    void theCronJobTreatsExactlyTheJarsFinalExitCodesAsFinal() throws IOException {
        Map<String, Object> cronJob = kubernetesDocuments().stream()
                .filter(d -> "CronJob".equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
        Object values =
                path(cronJob, "spec", "jobTemplate", "spec", "podFailurePolicy", "rules", 0, "onExitCodes", "values");

        // Exit 1 (an outage, a database that went away) is worth another pod; the others are not.
        assertThat(values)
                .isEqualTo(List.of(ExitCodes.SOME_EPISODES_FAILED, ExitCodes.STOPPED_AT_LIMIT, ExitCodes.USAGE));
    }

    @Test
    void theImageCopiesAndRunsTheJarTheBuildMakes() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        String jar = "target/" + finalName.group(1) + ".jar";
        String dockerfile = Files.readString(DOCKERFILE);

        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$")
                .matcher(dockerfile);
        assertThat(copy.find()).as("the Dockerfile copies the jar").isTrue();
        assertThat(copy.group(1)).isEqualTo(jar);
        assertThat(dockerfile)
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copy.group(2) + "\"]")
                .containsPattern("(?m)^USER\\s+\\d+")
                .containsPattern("(?m)^FROM\\s+\\S*temurin:17");

        // The image's user is not root and may write the embedded default database's folder, which
        // lies under the working directory (without it, any command on the default database fails).
        Matcher uid = Pattern.compile("(?m)useradd .*--uid (\\d+) .*\\s(\\w+)(?:\\s*\\\\)?$")
                .matcher(dockerfile);
        assertThat(uid.find()).isTrue();
        assertThat(dockerfile).containsPattern("(?m)^USER\\s+" + uid.group(1) + "\\b");
        Matcher h2 = Pattern.compile("url: jdbc:h2:file:\\./([^/;]+)/")
                .matcher(Files.readString(Path.of("src/main/resources/application.yml")));
        assertThat(h2.find()).isTrue();
        Matcher workdir = Pattern.compile("(?m)^WORKDIR\\s+(\\S+)").matcher(dockerfile);
        assertThat(workdir.find()).isTrue();
        String dataDir = workdir.group(1) + "/" + h2.group(1);
        assertThat(dockerfile)
                .contains("mkdir -p " + dataDir)
                .contains("chown " + uid.group(2) + ":" + uid.group(2) + " " + dataDir);
    }

    /**
     * Whether binding the application's properties reads a value from {@code source} (whatever the
     * value: a recipe may well set a default). A name no property has is bound by nothing.
     */
    private static boolean changesASetting(PropertySource<?> source) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(source);
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        AtomicBoolean read = new AtomicBoolean();
        BindHandler noticeReads = new BindHandler() {
            @Override
            public Object onSuccess(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (context.getConfigurationProperty() != null) {
                    read.set(true);
                }
                return result;
            }
        };
        applicationProperties().forEach((prefix, type) -> binder.bindOrCreate(prefix, Bindable.of(type), noticeReads));
        return read.get();
    }

    /** Every {@code @ConfigurationProperties} class of the application, by prefix. */
    private static Map<String, Class<?>> applicationProperties() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, Class<?>> byPrefix = new LinkedHashMap<>();
        scanner.findCandidateComponents("dev.nightcast").forEach(candidate -> {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                byPrefix.put(annotation.value().isEmpty() ? annotation.prefix() : annotation.value(), type);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(byPrefix).containsKey("nightcast.cluster");
        return byPrefix;
    }

    /** The variables {@code application.yml} reads by name ({@code ${AZURE_OPENAI_ENDPOINT:…}}). */
    private static Set<String> applicationYamlPlaceholders() throws IOException {
        String yaml = Files.readString(Path.of("src/main/resources/application.yml"));
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Spring Boot's own properties as environment variables, from the metadata its jars ship. */
    private static Set<String> springBootPropertyNames() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> names = new TreeSet<>();
        for (URL metadata : Collections.list(ClusterRecipesTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    names.add(property.path("name")
                            .asText()
                            .replace("-", "")
                            .replace('.', '_')
                            .toUpperCase(Locale.ROOT));
                }
            }
        }
        assertThat(names).contains("SPRING_DATASOURCE_URL");
        return names;
    }

    private static List<Container> containers() throws IOException {
        List<Container> containers = new ArrayList<>();
        Map<String, Object> compose = new Yaml(new LoaderOptions()).load(Files.readString(COMPOSE));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        services.forEach((name, service) -> {
            if (Objects.equals(service.get("image"), "nightcast")) {
                containers.add(new Container(
                        "compose service " + name, strings(service.get("command")), env(service.get("environment"))));
            }
        });
        for (Map<String, Object> document : kubernetesDocuments()) {
            Object podSpec = "CronJob".equals(document.get("kind"))
                    ? path(document, "spec", "jobTemplate", "spec", "template", "spec")
                    : path(document, "spec", "template", "spec");
            for (Object container : (List<?>) path(podSpec, "containers")) {
                Map<String, String> env = new LinkedHashMap<>();
                Object variables = path(container, "env");
                if (variables != null) {
                    for (Object variable : (List<?>) variables) {
                        env.put(
                                String.valueOf(path(variable, "name")),
                                String.valueOf(Objects.requireNonNullElse(path(variable, "value"), "")));
                    }
                }
                containers.add(new Container(
                        "kubernetes " + document.get("kind") + " container " + path(container, "name"),
                        strings(path(container, "args")),
                        env));
            }
        }
        return containers;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kubernetesDocuments() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(KUBERNETES))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> env(Object environment) {
        Map<String, String> env = new HashMap<>();
        ((Map<?, ?>) environment).forEach((key, value) -> env.put(String.valueOf(key), String.valueOf(value)));
        return env;
    }

    /** Follows map keys and list indexes; null where the document has nothing there. */
    private static Object path(Object node, Object... steps) {
        Object current = node;
        for (Object step : steps) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step instanceof Integer index) {
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
