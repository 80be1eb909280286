package dev.nightcast.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plain TCP forwarder on a fixed loopback port in front of a real server, whose port can go away
 * for a while as a gateway being restarted does: {@link #refuseFor} closes the listening socket and
 * every connection through it, so connecting is refused (nothing listens) until the same port is
 * listened on again after the given time. {@link #refuseUntilReopened} does the same with no end.
 */
public final class RestartingGateway implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reopener = Executors.newSingleThreadScheduledExecutor(daemon("reopen"));
    private volatile ServerSocket listening;
    private ScheduledFuture<?> pendingReopen;
    private volatile boolean closed;

    private RestartingGateway(InetSocketAddress target) {
        this.target = target;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
        acceptOn(listening);
    }

    /** Starts forwarding from a free loopback port to {@code targetPort} on loopback. */
    public static RestartingGateway inFrontOf(int targetPort) {
        return new RestartingGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    }

    /** {@code http://127.0.0.1:<port>}, usable as {@code AZURE_OPENAI_ENDPOINT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening and drops every connection now; listens on the same port again after {@code outage}. */
    public synchronized void refuseFor(Duration outage) {
        refuseUntilReopened();
        pendingReopen = reopener.schedule(this::reopen, outage.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops listening and drops every connection, until {@link #reopen()}. */
    public synchronized void refuseUntilReopened() {
        cancelPendingReopen();
        closeQuietly(listening);
        open.forEach(RestartingGateway::closeQuietly);
        open.clear();
    }

    /** Listens on the same port again. */
    public synchronized void reopen() {
        cancelPendingReopen();
        if (closed || !listening.isClosed()) {
            return;
        }
        listening = listen(port);
        acceptOn(listening);
    }

    /** A reopen scheduled by an earlier refusal must not end a later one early. */
    private void cancelPendingReopen() {
        if (pendingReopen != null) {
            pendingReopen.cancel(false);
            pendingReopen = null;
        }
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + onPort, e);
        }
    }

    private void acceptOn(ServerSocket server) {
        Thread acceptor = daemon("accept").newThread(() -> {
            while (!server.isClosed()) {
                try {
                    forward(server.accept());
                } catch (IOException closedMeanwhile) {
                    return;
                }
            }
        });
        acceptor.start();
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        daemon("pump")
                .newThread(() -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ended) {
                        // one side went away: so does the other
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                })
                .start();
    }

    @Override
    public synchronized void close() {
        closed = true;
        reopener.shutdownNow();
        refuseUntilReopened();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            if (closeable instanceof Socket socket && !socket.isClosed()) {
                // A reset, not a polite FIN: what a crashing gateway leaves its clients with.
                socket.setSoLinger(true, 0);
            }
            closeable.close();
        } catch (SocketException alreadyGone) {
            // nothing left to close
        } catch (IOException e) {
            // closing is best effort
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "restarting-gateway-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
