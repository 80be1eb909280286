package dev.nightcast.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ServerSocketFactory;

/**
 * Remembers the raw socket of every accepted connection, keyed by accept order, which is how
 * MockWebServer numbers connections ({@code RecordedRequest.connectionIndex}). This is what lets
 * the simulator drop a WebSocket without a close frame using public APIs only.
 */
final class TrackingServerSocketFactory extends ServerSocketFactory {

    private final Map<Integer, Socket> sockets = new ConcurrentHashMap<>();
    private int nextIndex;

    /** Resets one connection (SO_LINGER 0): the client sees no close frame, just a dead socket. */
    void reset(int connectionIndex) {
        Socket socket = sockets.get(connectionIndex);
        if (socket != null) {
            reset(socket);
        }
    }

    /** Resets every open connection, as when the service goes down. */
    void resetAll() {
        sockets.values().forEach(TrackingServerSocketFactory::reset);
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new TrackingServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(port));
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(port), backlog);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(address, port), backlog);
        return socket;
    }

    private final class TrackingServerSocket extends ServerSocket {

        TrackingServerSocket() throws IOException {
            super();
        }

        // MockWebServer accepts on one thread, so accept order is its connection index.
        @Override
        public Socket accept() throws IOException {
            Socket socket = new Socket();
            implAccept(socket);
            sockets.values().removeIf(Socket::isClosed);
            sockets.put(nextIndex++, socket);
            return socket;
        }
    }
}
