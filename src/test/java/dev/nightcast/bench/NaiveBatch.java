package dev.nightcast.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The baseline the benchmark compares Nightcast with: a batch built the way the seed documents
 * narrate (one WebSocket connection per episode, the whole script as one response, every audio
 * delta parsed as a JSON tree, decoded and collected in memory, the WAV written at the end), run
 * by a fixed pool of {@code concurrency} threads. No retries, checkpoints, database or throttle:
 * an episode whose call fails is counted as failed. Started in its own JVM by
 * {@code bench/run.sh naive}; writes {@code started}, {@code ended} (epoch milliseconds),
 * {@code done} and {@code failed} to its result file.
 *
 * <pre>java -cp ... dev.nightcast.bench.NaiveBatch episodes.csv out-folder concurrency result.properties</pre>
 */
public final class NaiveBatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NaiveBatch() {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path output = Files.createDirectories(Path.of(args[1]));
        int concurrency = Integer.parseInt(args[2]);
        Path result = Path.of(args[3]);
        String url = System.getenv("AZURE_OPENAI_ENDPOINT").replaceFirst("^http", "ws")
                + "/openai/v1/realtime?model=gpt-realtime-mini";
        String key = System.getenv("AZURE_OPENAI_API_KEY");
        List<String[]> episodes = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> rows = CsvReader.builder().ofNamedCsvRecord(csv)) {
            rows.forEach(row -> episodes.add(new String[] {row.getField("episode_id"), row.getField("script")}));
        }
        OkHttpClient client =
                new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started = System.currentTimeMillis();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String[] episode : episodes) {
            all.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            byte[] pcm = narrate(client, url, key, episode[1]);
                            writeWav(output.resolve(episode[0] + ".wav"), pcm);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            System.err.println(episode[0] + " failed: " + e.getMessage());
                            failed.incrementAndGet();
                        }
                    },
                    pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        long ended = System.currentTimeMillis();
        pool.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        Files.writeString(
                result, "started=" + started + "\nended=" + ended + "\ndone=" + done + "\nfailed=" + failed + "\n");
    }

    /** One connection, one response with the whole script; the audio collected in memory. */
    private static byte[] narrate(OkHttpClient client, String url, String key, String script) throws Exception {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        CompletableFuture<byte[]> finished = new CompletableFuture<>();
        WebSocket socket = client.newWebSocket(
                new Request.Builder().url(url).header("api-key", key).build(), new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        try {
                            JsonNode event = JSON.readTree(text);
                            switch (event.path("type").asText()) {
                                case "session.created" -> webSocket.send(sessionUpdate());
                                case "session.updated" -> webSocket.send(responseCreate(script));
                                case "response.output_audio.delta" ->
                                    audio.write(Base64.getDecoder()
                                            .decode(event.path("delta").asText()));
                                case "response.done" -> finished.complete(audio.toByteArray());
                                case "error" -> finished.completeExceptionally(new IOException(text));
                                default -> {}
                            }
                        } catch (IOException e) {
                            finished.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                        finished.completeExceptionally(
                                new IOException(response != null ? "HTTP " + response.code() : String.valueOf(t), t));
                    }
                });
        try {
            return finished.get(10, TimeUnit.MINUTES);
        } finally {
            socket.close(1000, null);
        }
    }

    private static String sessionUpdate() throws IOException {
        ObjectNode event = JSON.createObjectNode().put("type", "session.update");
        ObjectNode session = event.putObject("session")
                .put("type", "realtime")
                .put("instructions", "You are a narrator. Read the script exactly as written.");
        session.putArray("output_modalities").add("audio");
        session.putObject("audio").putObject("output").put("voice", "alloy");
        return JSON.writeValueAsString(event);
    }

    private static String responseCreate(String script) throws IOException {
        ObjectNode event = JSON.createObjectNode().put("type", "response.create");
        ObjectNode response = event.putObject("response").put("conversation", "none");
        response.putArray("output_modalities").add("audio");
        ObjectNode message =
                response.putArray("input").addObject().put("type", "message").put("role", "user");
        message.putArray("content").addObject().put("type", "input_text").put("text", script);
        return JSON.writeValueAsString(event);
    }

    private static void writeWav(Path file, byte[] pcm) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes())
                .putInt(36 + pcm.length)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(24_000)
                .putInt(48_000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(pcm.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            out.write(pcm);
        }
    }
}
