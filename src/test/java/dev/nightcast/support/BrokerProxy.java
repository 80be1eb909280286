package dev.nightcast.support;

import java.io.DataInputStream;
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
 * A TCP proxy in the test JVM between the application's processes and a real RabbitMQ broker: the
 * processes connect to {@link #port()}, every connection is relayed to the broker. {@link #cut()}
 * takes the broker away as far as the processes can tell: every relayed connection is closed at once
 * (both sides, with a reset) and the port no longer listens, so new connections are refused; {@link
 * #restore()} listens on the same port again. The real broker is never touched, so other tests and
 * processes using it go on.
 *
 * <p>What the broker sends is relayed frame by frame (AMQP 0-9-1: a 7-byte header with the type and
 * payload size, the payload, the end octet), so that {@link #cutAfterNextGet()} can cut at one exact
 * moment: right after a message that {@code basic.get} fetched has reached the client, before the
 * client can acknowledge it.
 */
public final class BrokerProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private @Nullable ServerSocket server;
    private int connections;
    /** Cut as soon as a message fetched by {@code basic.get} has been relayed in full. */
    private volatile boolean cutAfterGet;
    /** Lose the next message a client publishes (and all it sends after it), then cut. */
    private volatile boolean losePublish;

    private BrokerProxy(InetSocketAddress target) {
        this.target = target;
        ServerSocket first = listen(0);
        this.port = first.getLocalPort();
        accept(first);
    }

    /** Starts relaying from a free port on the loopback address to {@code host:port}. */
    public static BrokerProxy to(String host, int port) {
        return new BrokerProxy(new InetSocketAddress(host, port));
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

    /**
     * Cuts ({@link #cut()}) right after the next message a client fetches with {@code basic.get} has
     * been relayed to it: the client holds the message, and its acknowledgement cannot reach the broker.
     */
    public void cutAfterNextGet() {
        cutAfterGet = true;
    }

    /**
     * The broker takes the next message a client publishes but loses it, and everything that client
     * sends after it, then goes away a second later: what a broker that fails right after a publish
     * looks like to a client that does not wait for the broker's confirm.
     */
    public void loseNextPublish() {
        losePublish = true;
    }

    /** Whether the proxy is cut now (by {@link #cut()} or after a {@code basic.get}). */
    public synchronized boolean isCut() {
        return server == null;
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
        pump(client, upstream, false);
        pump(upstream, client, true);
    }

    /**
     * Copies one direction until either side closes; then closes both. The broker's side ({@code
     * frames}) goes frame by frame, watched for {@link #cutAfterNextGet()}.
     */
    private void pump(Socket from, Socket to, boolean frames) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        if (frames) {
                            relayFrames(new DataInputStream(in), out);
                        } else {
                            relayClientFrames(new DataInputStream(in), out);
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

    private static final int METHOD_FRAME = 1;
    private static final int BODY_FRAME = 3;
    private static final int BASIC_CLASS = 60;
    private static final int GET_OK = 71;
    private static final int PUBLISH = 40;

    /**
     * Relays what a client sends: the protocol header, then frames; a {@code basic.publish} is lost
     * with all that follows on its connection when {@link #loseNextPublish()} asked for it.
     */
    private void relayClientFrames(DataInputStream in, OutputStream out) throws IOException {
        byte[] protocol = new byte[8];
        in.readFully(protocol);
        out.write(protocol);
        out.flush();
        boolean losing = false;
        while (true) {
            byte[] header = new byte[7];
            in.readFully(header);
            byte[] rest = new byte[size(header) + 1];
            in.readFully(rest);
            if (!losing && losePublish && isMethod(header, rest, BASIC_CLASS, PUBLISH)) {
                losePublish = false;
                losing = true;
                cutIn(1000);
            }
            if (!losing) {
                out.write(header);
                out.write(rest);
                out.flush();
            }
        }
    }

    private static int size(byte[] header) {
        return ((header[3] & 0xff) << 24) | ((header[4] & 0xff) << 16) | ((header[5] & 0xff) << 8) | (header[6] & 0xff);
    }

    private static boolean isMethod(byte[] header, byte[] payload, int classId, int methodId) {
        return (header[0] & 0xff) == METHOD_FRAME
                && payload.length >= 5
                && (((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) == classId
                && (((payload[2] & 0xff) << 8) | (payload[3] & 0xff)) == methodId;
    }

    private void cutIn(long millis) {
        Thread cutter = new Thread(
                () -> {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    cut();
                },
                "proxy-cut-" + port);
        cutter.setDaemon(true);
        cutter.start();
    }

    /** Relays the broker's frames; a {@code basic.get-ok} and its body arm the cut when it is wanted. */
    private void relayFrames(DataInputStream in, OutputStream out) throws IOException {
        boolean fetched = false;
        while (true) {
            byte[] header = new byte[7];
            in.readFully(header);
            int type = header[0] & 0xff;
            int size = size(header);
            byte[] rest = new byte[size + 1];
            in.readFully(rest);
            out.write(header);
            out.write(rest);
            out.flush();
            if (type == METHOD_FRAME) {
                fetched = isMethod(header, rest, BASIC_CLASS, GET_OK);
            } else if (type == BODY_FRAME && fetched) {
                // Partition requests are small: one body frame carries the whole message.
                fetched = false;
                if (cutAfterGet) {
                    cutAfterGet = false;
                    // What was relayed stays readable for the client after the reset (loopback
                    // delivers it at once): it holds the message, its acknowledgement fails.
                    cut();
                    return;
                }
            }
        }
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
