package io.mailstream.cli.bench.tracking;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean HTTP/1.1 load generator for the tracking endpoint: {@code connections} keep-alive
 * connections, each on its own thread, sending GETs of pre-signed click paths back to back and
 * reading each answer's status line and headers. Raw sockets, because a general HTTP client costs
 * more CPU per request than the server under test on a 2-core machine.
 */
final class RedirectLoad {
    /** What the load measured. */
    record Result(long requests, long redirects, long otherAnswers, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return redirects / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.floor(p * latenciesNanos.length))] / 1e6;
        }
    }

    private RedirectLoad() {
    }

    static Result run(InetSocketAddress server, List<String> paths, int connections, long requestsPerConnection) throws Exception {
        AtomicLong redirects = new AtomicLong();
        AtomicLong other = new AtomicLong();
        long[][] latencies = new long[connections][];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().name("bench-tracking-client-" + c).start(() -> {
                try {
                    latencies[id] = connection(server, paths, id, requestsPerConnection, redirects, other);
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    latencies[id] = new long[0];
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IOException("a bench connection failed: " + failures.getFirst(), failures.getFirst());
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result((long) connections * requestsPerConnection, redirects.get(), other.get(), seconds, all);
    }

    private static long[] connection(InetSocketAddress server, List<String> paths, int id, long n,
                                     AtomicLong redirects, AtomicLong other) throws IOException {
        long[] lat = new long[(int) n];
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(server, 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            for (int i = 0; i < n; i++) {
                String path = paths.get((int) ((id * 7919L + i) % paths.size()));
                byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) "
                        + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                long t0 = System.nanoTime();
                out.write(request);
                out.flush();
                int status = readResponse(in);
                lat[i] = System.nanoTime() - t0;
                (status == 302 ? redirects : other).incrementAndGet();
            }
        }
        return lat;
    }

    /** Reads one response (status line, headers, a Content-Length body) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(h.substring(15).strip());
            }
        }
        in.skipNBytes(length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection mid-response");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
