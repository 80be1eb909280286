package dev.nightcast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads process statistics from Linux {@code /proc}: CPU time (clock ticks, 100 per second on every
 * common kernel) and peak resident set size ({@code VmHWM}).
 */
final class ProcStats {

    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** The 1, 5 and 15 minute load averages: on a shared machine, what else wanted the CPUs. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** utime + stime of a live process, in ticks; -1 once it is gone. */
    static long cpuTicks(long pid) {
        String[] fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        return fields == null ? -1 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * cutime + cstime of this JVM, in ticks: the CPU of every child it has waited for. Read before
     * and after a child's run, it gives that child's whole CPU time, its last milliseconds included.
     */
    static long reapedChildrenCpuTicks() {
        String[] fields = statFields(Path.of("/proc/self/stat"));
        return fields == null ? -1 : Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** One thread's name (digits folded: {@code narrate-3} is {@code narrate-#}) and CPU ticks so far. */
    record ThreadTicks(String name, long ticks, long systemTicks) {}

    /** CPU ticks of every live thread of a process, by thread id. */
    static java.util.Map<String, ThreadTicks> cpuTicksByThread(long pid) {
        java.util.Map<String, ThreadTicks> byId = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'))
                            .replaceAll("\\d+", "#");
                    String[] fields =
                            line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
                    byId.put(
                            task.getFileName().toString(),
                            new ThreadTicks(
                                    name,
                                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                                    Long.parseLong(fields[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException | RuntimeException gone) {
            return java.util.Map.of();
        }
        return byId;
    }

    /** The peak resident set size of a live process in kB ({@code VmHWM}); -1 once it is gone. */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    // Fields after "(comm)", which may itself hold spaces: index 0 is the state (field 3 of stat(5)).
    private static String[] statFields(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
