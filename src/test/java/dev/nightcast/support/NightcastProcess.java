package dev.nightcast.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.nightcast.NightcastApplication;

/**
 * The real application in a JVM of its own, started as a scheduler would start it, so that tests
 * can kill it ({@code SIGKILL}), stop it ({@code SIGTERM}) and start it again.
 *
 * <p>It runs {@code java -cp <classes + dependencies> dev.nightcast.NightcastApplication}: the classes
 * and dependencies that {@code target/nightcast.jar} packs, taken from the test JVM's own class path
 * (test classes left out; test-scoped libraries stay, unused), so these tests run in the ordinary
 * {@code test} phase without packaging first. Output goes to a log file, returned by {@link #log()}
 * for failure messages.
 */
public final class NightcastProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    private final Process process;
    private final Path log;
    /** Standard error's file when it is kept apart from standard output ({@link #startApart}), else null. */
    private final Path errors;

    private NightcastProcess(Process process, Path log, Path errors) {
        this.process = process;
        this.log = log;
        this.errors = errors;
    }

    /**
     * Starts {@code java … NightcastApplication args} in {@code workDir} with {@code environment}
     * added to this JVM's; output goes to {@code workDir/<name>.log}.
     */
    public static NightcastProcess start(
            Path workDir, String name, Map<String, String> environment, List<String> args) {
        return start(workDir, name, environment, JVM_OPTIONS, args);
    }

    /** As {@link #start(Path, String, Map, List)}, with these JVM options (heap size and the like). */
    public static NightcastProcess start(
            Path workDir, String name, Map<String, String> environment, List<String> jvmOptions, List<String> args) {
        return start(workDir, name, environment, jvmOptions, args, false);
    }

    /**
     * As {@link #start(Path, String, Map, List)}, with standard output and standard error in files of
     * their own, as cron-style runs capture them ({@code > out.txt 2> err.txt}): {@code workDir/<name>.out}
     * ({@link #stdout()}) and {@code workDir/<name>.err} ({@link #stderr()}).
     */
    public static NightcastProcess startApart(
            Path workDir, String name, Map<String, String> environment, List<String> args) {
        return start(workDir, name, environment, JVM_OPTIONS, args, true);
    }

    private static NightcastProcess start(
            Path workDir,
            String name,
            Map<String, String> environment,
            List<String> jvmOptions,
            List<String> args,
            boolean apart) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(applicationClassPath());
        command.add(NightcastApplication.class.getName());
        command.addAll(args);
        Path log = workDir.resolve(name + (apart ? ".out" : ".log"));
        Path errors = apart ? workDir.resolve(name + ".err") : null;
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(log.toFile());
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(errors.toFile());
        }
        builder.environment().putAll(environment);
        try {
            return new NightcastProcess(builder.start(), log, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; fails with its log when it does not in time. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Nightcast did not end within " + timeout + "; its log:\n" + log());
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook, no finally block, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** {@code kill -15}, what a scheduler sends first. */
    public void terminate() {
        process.destroy();
    }

    /** Everything the process printed; for a process started {@linkplain #startApart apart}, both streams. */
    public String log() {
        return errors == null ? read(log) : "standard output:\n" + read(log) + "standard error:\n" + read(errors);
    }

    /** Standard output of a process started {@linkplain #startApart apart}. */
    public String stdout() {
        return read(log);
    }

    /** Standard error of a process started {@linkplain #startApart apart}. */
    public String stderr() {
        if (errors == null) {
            throw new IllegalStateException("Standard error was merged into standard output; use startApart");
        }
        return read(errors);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(nothing: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /**
     * The test JVM's class path without test classes. Surefire puts a manifest-only jar on the class
     * path; its {@code Class-Path} attribute holds the real entries.
     */
    static String applicationClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(expand(entry));
        }
        return String.join(
                File.pathSeparator,
                entries.stream()
                        .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                        .toList());
    }

    private static List<String> expand(String entry) {
        if (!entry.endsWith(".jar") || !Path.of(entry).getFileName().toString().startsWith("surefirebooter")) {
            return List.of(entry);
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest manifest = jar.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of(entry);
            }
            URI base = Path.of(entry).toUri();
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(url -> Path.of(base.resolve(url)).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path of " + entry, e);
        }
    }
}
