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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy in the test JVM between the application's processes and a real server (RabbitMQ): the
 * processes connect to {@link #port()}, every connection is relayed to the target. {@link #cut()}
 * takes the server away as far as the processes can tell: every relayed connection is closed at once
 * (both sides, with a reset) and the port no longer listens, so new connections are refused; {@link
 * #restore()} listens on the same port again. The real server is never touched, so other tests and
 * processes using it go on.
 */
public final class CuttableTcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private @Nullable ServerSocket server;
    private int connections;

    private CuttableTcpProxy(InetSocketAddress target) {
        this.target = target;
        ServerSocket first = listen(0);
        this.port = first.getLocalPort();
        accept(first);
    }

    /** Starts relaying from a free port on the loopback address to {@code host:port}. */
    public static CuttableTcpProxy to(String host, int port) {
        return new CuttableTcpProxy(new InetSocketAddress(host, port));
    }

    public int port() {
        return port;
    }

    /** How many connections the proxy has accepted and relayed so far. */
    public synchronized int connections() {
        return connections;
    }

    /** The server goes away: relayed connections are reset, new ones refused until {@link #restore()}. */
    public synchronized void cut() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    /** The server is back: the port accepts and relays connections again. */
    public synchronized void restore() {
        if (server == null) {
            accept(listen(port));
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    private synchronized void accept(ServerSocket listening) {
        server = listening;
        Thread acceptor = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            relay(listening.accept());
                        } catch (IOException closedByCut) {
                            return;
                        }
                    }
                },
                "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void relay(Socket client) {
        Socket upstream;
        synchronized (this) {
            if (server == null) {
                reset(client);
                return;
            }
            connections++;
            open.add(client);
        }
        try {
            upstream = new Socket();
            upstream.connect(target, 5000);
        } catch (IOException e) {
            reset(client);
            open.remove(client);
            return;
        }
        synchronized (this) {
            if (server == null) {
                reset(client);
                reset(upstream);
                return;
            }
            open.add(upstream);
        }
        pump(client, upstream);
        pump(upstream, client);
    }

    /** Copies one direction until either side closes; then closes both. */
    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // One side went away, or the proxy cut it: the other side goes too.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with a reset (SO_LINGER 0), as a broker that died or a cut cable looks to the peer. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException alreadyClosed) {
            // Closed already: nothing to reset.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all that is wanted.
        }
    }
}
