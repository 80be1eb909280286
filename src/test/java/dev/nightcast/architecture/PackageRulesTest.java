package dev.nightcast.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rooms of the house and the doors between them, checked on the compiled classes so that the
 * layout is not a matter of review. {@link #ROOMS} is the table of {@code docs/DESIGN.md}
 * ("Packages"): each package and the packages it may use. Everything else in {@code dev.nightcast}
 * is off limits to it; libraries are not restricted here.
 */
class PackageRulesTest {

    private static final String BASE = "dev.nightcast";

    /** Package (relative to {@value #BASE}) → the packages it may use, besides itself. */
    static final Map<String, Set<String>> ROOMS = table();

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    private static Map<String, Set<String>> table() {
        Map<String, Set<String>> rooms = new LinkedHashMap<>();
        rooms.put("", Set.of("cli"));
        rooms.put(
                "cli",
                Set.of(
                        "run",
                        "job",
                        "cluster",
                        "report",
                        "podcast",
                        "publication",
                        "store",
                        "budget",
                        "progress",
                        "gateway",
                        "audio",
                        "narration",
                        "script",
                        "lexicon",
                        "input",
                        "text",
                        "realtime"));
        rooms.put(
                "run",
                Set.of(
                        "job",
                        "cluster",
                        "report",
                        "podcast",
                        "publication",
                        "store",
                        "budget",
                        "gateway",
                        "narration",
                        "script",
                        "lexicon",
                        "input",
                        "text",
                        "realtime"));
        rooms.put(
                "job",
                Set.of(
                        "cluster",
                        "progress",
                        "report",
                        "podcast",
                        "publication",
                        "store",
                        "budget",
                        "gateway",
                        "deployment",
                        "narration",
                        "retry",
                        "throughput",
                        "script",
                        "input",
                        "text",
                        "realtime",
                        "audio"));
        rooms.put("cluster", Set.of("store"));
        rooms.put("progress", Set.of("report", "budget", "script", "text", "realtime"));
        rooms.put("report", Set.of("budget", "publication", "store", "text", "realtime"));
        rooms.put("podcast", Set.of("publication", "store", "budget", "script", "text", "audio"));
        rooms.put("publication", Set.of("store", "narration", "assembly", "script", "text", "realtime", "audio"));
        rooms.put("budget", Set.of("narration", "script", "text", "realtime"));
        rooms.put(
                "gateway",
                Set.of("metrics", "deployment", "throughput", "simulator", "realtime.websocket", "realtime"));
        rooms.put("metrics", Set.of("progress", "realtime"));
        rooms.put("deployment", Set.of("throughput", "realtime"));
        rooms.put("store", Set.of("narration", "assembly", "retry", "script", "text", "realtime", "audio"));
        rooms.put(
                "narration",
                Set.of("assembly", "retry", "throughput", "text", "script", "lexicon", "realtime", "audio"));
        rooms.put("assembly", Set.of("text", "script", "lexicon", "realtime", "audio"));
        rooms.put("retry", Set.of("realtime"));
        rooms.put("throughput", Set.of("realtime"));
        rooms.put("simulator", Set.of("realtime"));
        rooms.put("realtime.websocket", Set.of("realtime.protocol", "realtime"));
        rooms.put("realtime.protocol", Set.of("realtime"));
        rooms.put("realtime", Set.of());
        rooms.put("script", Set.of("lexicon", "input", "realtime"));
        rooms.put("lexicon", Set.of("input"));
        rooms.put("input", Set.of());
        rooms.put("text", Set.of("audio"));
        rooms.put("audio", Set.of());
        return rooms;
    }

    static Stream<String> rooms() {
        return ROOMS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rooms")
    void eachRoomUsesOnlyTheRoomsBelowIt(String room) {
        String[] allowed = Stream.concat(Stream.of(room), ROOMS.get(room).stream())
                .map(PackageRulesTest::qualified)
                .toArray(String[]::new);
        classes()
                .that()
                .resideInAPackage(qualified(room))
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAnyPackage(allowed)))
                .because("docs/DESIGN.md, Packages: " + (room.isEmpty() ? BASE : room) + " may use " + ROOMS.get(room))
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void everyPackageIsARoomOfTheTable() {
        Set<String> packages = MAIN.stream()
                .map(JavaClass::getPackageName)
                .map(name -> name.equals(BASE) ? "" : name.substring(BASE.length() + 1))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(ROOMS.keySet()).as("rooms of the table").containsAll(packages);
    }

    /** docs/DESIGN.md, Null-safety: NullAway reads {@code @NullMarked} from each package's package-info. */
    @Test
    void everyPackageIsNullMarked() {
        Set<String> packages =
                MAIN.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(packages)
                .as("packages without @NullMarked on their package-info.java")
                .filteredOn(name -> !nullMarked(name))
                .isEmpty();
    }

    private static boolean nullMarked(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException noPackageInfo) {
            return false;
        }
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noTwoClassesShareASimpleName() {
        Map<String, List<String>> byName = MAIN.stream()
                .filter(type -> type.isTopLevelClass() && !type.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(
                        JavaClass::getSimpleName,
                        TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byName.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
                .as("classes sharing a simple name")
                .isEmpty();
    }

    @Test
    void noRoomHoldsMoreThanAboutTwentyClasses() {
        Map<String, Long> sizes = MAIN.stream()
                .filter(type -> type.isTopLevelClass() && !type.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getPackageName, TreeMap::new, Collectors.counting()));
        assertThat(sizes)
                .as("top-level classes per package")
                .allSatisfy((name, count) -> assertThat(count).as(name).isLessThanOrEqualTo(24));
    }

    private static String qualified(String room) {
        return room.isEmpty() ? BASE : BASE + "." + room;
    }
}
