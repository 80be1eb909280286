package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.nightcast.input.InputProperties;
import dev.nightcast.input.ScriptFiles;

/**
 * Only regular files are read, and none larger than {@code nightcast.input.max-script-size}: a
 * named pipe, a socket, a device or a folder is an invalid entry, and so is a script or CSV cell
 * above the limit, measured before anything is read. Nothing here may block: the timeouts only
 * turn a hang into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedInputTest {

    @TempDir
    Path dir;

    private final ScriptLoader loader =
            new ScriptLoader(new ScriptDefaults("marin", "", null), new InputProperties(DataSize.ofKilobytes(1)));

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Files.createDirectories(fifo.getParent());
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return fifo;
    }

    private static InvalidScript invalid(ScriptEntry entry) {
        assertThat(entry).isInstanceOf(InvalidScript.class);
        return (InvalidScript) entry;
    }

    @Test
    void aNamedPipeAsScriptFileIsAnInvalidEntryAndNeverOpened() throws Exception {
        // given
        fifo("in/pipe.txt");
        Path csv = write(
                "in/episodes.csv", "episode_id,script_file\npiped,pipe.txt\nfine,,\n".replace("fine,,", "fine,ok.txt"));
        write("in/ok.txt", "Fine words.");

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(invalid(entries.get(0)).reason()).contains("pipe.txt").contains("named pipe");
        assertThat(entries.get(1)).isInstanceOf(EpisodeScript.class);
    }

    @Test
    void aNamedPipeNamedLikeAMarkdownFileInTheInputFolderIsAnInvalidEntry() throws Exception {
        // given
        fifo("in/pipe.md");
        write("in/good.md", "Good words.");

        // when
        List<ScriptEntry> entries = loader.load(dir.resolve("in").toString());

        // then
        assertThat(entries).extracting(ScriptEntry::id).containsExactly("good", "pipe");
        assertThat(invalid(entries.get(1)).reason()).contains("named pipe");
    }

    @Test
    void aSocketOrAFolderAsScriptFileIsAnInvalidEntry() throws Exception {
        // given
        Path socket = dir.resolve("in/socket.txt");
        Files.createDirectories(socket.getParent());
        Files.createDirectories(dir.resolve("in/folder.txt"));
        Path csv = write("in/episodes.csv", "episode_id,script_file\nsock,socket.txt\nfolder,folder.txt\n");

        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            // when
            List<ScriptEntry> entries = loader.load(csv.toString());

            // then
            assertThat(invalid(entries.get(0)).reason()).contains("socket");
            assertThat(invalid(entries.get(1)).reason()).contains("folder");
        }
    }

    @Test
    void aDeviceIsAnInvalidEntryNeverReadEvenWhenTheInputIsDev() {
        // given the input is /dev itself, so only the file type can stop it
        ScriptFiles files = new ScriptFiles(
                List.of(Path.of("/dev")), DataSize.ofKilobytes(1).toBytes());

        // when
        ScriptFiles.Text zero = files.read(Path.of("/dev/zero"));

        // then
        assertThat(zero.problem()).contains("device");
    }

    @Test
    void aDeviceNamedAsScriptFileIsAnInvalidEntry() throws IOException {
        // given
        Path csv = write("in/episodes.csv", "episode_id,script_file\nzero,/dev/zero\n");

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(invalid(entries.get(0)).reason()).contains("/dev/zero");
    }

    @Test
    void aScriptFileAboveTheSizeLimitIsAnInvalidEntryNamingTheSetting() throws IOException {
        // given
        write("in/big.txt", "word ".repeat(300));
        write("in/small.txt", "Small words.");
        Path csv = write("in/episodes.csv", "episode_id,script_file\nbig,big.txt\nsmall,small.txt\n");

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(invalid(entries.get(0)).reason())
                .contains("1500 bytes")
                .contains("1024")
                .contains("nightcast.input.max-script-size");
        assertThat(entries.get(1)).isInstanceOf(EpisodeScript.class);
    }

    @Test
    void aMarkdownFileAboveTheSizeLimitIsAnInvalidEntryAndTheOthersStillLoad() throws IOException {
        // given
        write("in/a-big.md", "# Big\n\n" + "word ".repeat(300));
        write("in/b-small.md", "Small words.");

        // when
        List<ScriptEntry> entries = loader.load(dir.resolve("in").toString());

        // then
        assertThat(invalid(entries.get(0)).id()).isEqualTo("a-big");
        assertThat(invalid(entries.get(0)).reason()).contains("nightcast.input.max-script-size");
        assertThat(entries.get(1)).isInstanceOf(EpisodeScript.class);
    }

    @Test
    void aCsvCellAboveTheSizeLimitInvalidatesOnlyItsRow() throws IOException {
        // given
        Path csv = write(
                "in/episodes.csv",
                "episode_id,script\nbefore,Before.\nhuge,\"" + "word ".repeat(300) + "\"\nafter,After.\n");

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(entries).extracting(ScriptEntry::id).containsExactly("before", "huge", "after");
        assertThat(invalid(entries.get(1)).source()).isEqualTo(new SourceLocation(csv, 3));
        assertThat(invalid(entries.get(1)).reason()).contains("script").contains("nightcast.input.max-script-size");
        assertThat(entries.get(2)).isInstanceOf(EpisodeScript.class);
    }

    @Test
    void readingStopsAtTheLimitEvenWhenAFileClaimsToBeEmpty() throws IOException {
        // given /proc files report size 0 but hold more than the limit
        ScriptFiles files = new ScriptFiles(List.of(Path.of("/proc/self").toRealPath()), 100);

        // when
        ScriptFiles.Text status = files.read(Path.of("/proc/self/status"));

        // then
        assertThat(status.problem()).contains("more than 100 bytes");
    }

    @Test
    void aScriptFileThatIsNotUtf8IsStillReportedWithItsLine() throws IOException {
        // given
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/latin1.txt"), "Line one.\nCaf\u00e9.\n".getBytes(StandardCharsets.ISO_8859_1));
        Path csv = write("in/episodes.csv", "episode_id,script_file\nlatin,latin1.txt\n");

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(invalid(entries.get(0)).reason()).contains("not valid UTF-8").contains("line 2");
    }
}
