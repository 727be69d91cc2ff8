package dev.drsip.traces;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequence/acknowledgement bookkeeping for one TCP connection, producing transport segments
 * (checksummed) for the client and server directions.
 */
public final class TcpConnection {
    /** A TCP segment travelling {@code src -> dst}. */
    public record Segment(Endpoint src, Endpoint dst, byte[] bytes) {
    }

    private final Endpoint client;
    private final Endpoint server;
    private long clientSeq;
    private long serverSeq;
    private boolean open;
    private final int mss;

    public TcpConnection(Endpoint client, Endpoint server, long clientIsn, long serverIsn, int mss) {
        this.client = client;
        this.server = server;
        this.clientSeq = clientIsn & 0xffffffffL;
        this.serverSeq = serverIsn & 0xffffffffL;
        this.mss = mss;
    }

    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    public boolean isOpen() {
        return open;
    }

    /** SYN, SYN-ACK, ACK. */
    public List<Segment> handshake() {
        List<Segment> s = new ArrayList<>(3);
        s.add(new Segment(client, server,
                Packets.tcp(client, server, clientSeq, 0, Packets.TCP_SYN, 64240, new byte[0])));
        clientSeq++;
        s.add(new Segment(server, client, Packets.tcp(server, client, serverSeq, clientSeq,
                Packets.TCP_SYN | Packets.TCP_ACK, 65160, new byte[0])));
        serverSeq++;
        s.add(new Segment(client, server,
                Packets.tcp(client, server, clientSeq, serverSeq, Packets.TCP_ACK, 502, new byte[0])));
        open = true;
        return s;
    }

    public boolean isClient(Endpoint src) {
        return src.equals(client);
    }

    /** Next sequence number the sender {@code src} will use. */
    public long nextSeq(Endpoint src) {
        return isClient(src) ? clientSeq : serverSeq;
    }

    /** One data segment (PSH|ACK) from {@code src}, advancing its sequence number. */
    public Segment send(Endpoint src, byte[] payload) {
        Segment s = segmentAt(src, nextSeq(src), payload);
        skip(src, payload.length);
        return s;
    }

    /** Data from {@code src} cut into MSS-sized segments. */
    public List<Segment> sendAll(Endpoint src, byte[] payload) {
        List<Segment> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += mss) {
            int n = Math.min(mss, payload.length - off);
            out.add(send(src, Packets.slice(payload, off, n)));
        }
        return out;
    }

    /** A segment at an explicit sequence number (retransmissions); does not advance anything. */
    public Segment segmentAt(Endpoint src, long seq, byte[] payload) {
        boolean c = isClient(src);
        Endpoint dst = c ? server : client;
        long ack = c ? serverSeq : clientSeq;
        return new Segment(src, dst, Packets.tcp(src, dst, seq, ack, Packets.TCP_PSH | Packets.TCP_ACK,
                c ? 502 : 509, payload));
    }

    /** Advances {@code src}'s sequence without sending (a lost segment). */
    public void skip(Endpoint src, int n) {
        if (isClient(src)) {
            clientSeq = (clientSeq + n) & 0xffffffffL;
        } else {
            serverSeq = (serverSeq + n) & 0xffffffffL;
        }
    }

    /** A pure ACK from {@code src} acknowledging everything the peer sent. */
    public Segment ack(Endpoint src) {
        boolean c = isClient(src);
        Endpoint dst = c ? server : client;
        return new Segment(src, dst, Packets.tcp(src, dst, c ? clientSeq : serverSeq,
                c ? serverSeq : clientSeq, Packets.TCP_ACK, c ? 502 : 509, new byte[0]));
    }
}
