package io.mailstream.cli.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts JVMs on this JVM's own class path (which holds the mailstream CLI, the Kafka broker and a
 * logging binding), each with its output in {@code logDir/<name>.log}, and stops every one it
 * started on {@link #close()}, all at once; a JVM shutdown hook does the same on Ctrl-C.
 */
public final class JvmLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JvmLauncher.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String java;
    private final String classPath;
    private final Path logDir;
    private final Deque<ServiceProcess> started = new ArrayDeque<>();
    private final Thread hook;

    private final Optional<Path> pidFile;
    private final JitMode jit;
    /** As ./mailstream starts the JVM: Kafka's Unsafe calls and RocksDB's native library allowed, so JDK 25 stays quiet. */
    private static final List<String> JDK_OPTIONS =
            List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");

    /**
     * @param pidFile where to append "pid name" of every JVM started, so that a wrapper script can
     *                SIGKILL leftovers should this JVM itself be killed before its hook runs
     */
    public JvmLauncher(Path logDir, Optional<Path> pidFile) {
        this(logDir, pidFile, JitMode.PEAK);
    }

    /** As {@link #JvmLauncher(Path, Optional)}, every JVM compiling as {@code jit} says. */
    public JvmLauncher(Path logDir, Optional<Path> pidFile, JitMode jit) {
        this.jit = jit;
        this.pidFile = pidFile;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classPath = System.getProperty("java.class.path");
        this.logDir = logDir;
        this.hook = new Thread(this::stopAll, "scale-out-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code mainClass args} in a new JVM with the given JVM options. */
    public synchronized ServiceProcess start(String name, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JDK_OPTIONS);
        command.addAll(jit.options());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ServiceProcess sp = new ServiceProcess(name, p, log);
            started.push(sp);
            recordPid(sp);
            LOG.info("started {}", sp);
            return sp;
        } catch (IOException e) {
            throw new ScaleOutException("could not start " + name + " (" + java + ")", e);
        }
    }

    private void recordPid(ServiceProcess sp) {
        if (pidFile.isEmpty()) {
            return;
        }
        try {
            Files.writeString(pidFile.get(), sp.pid() + " " + sp.name() + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ScaleOutException("cannot record the pid of " + sp.name() + " in " + pidFile.get(), e);
        }
    }

    /**
     * SIGTERM to every JVM still running at once, then SIGKILL to those not gone within {@link #STOP_GRACE}.
     * Not one after the other: the runs stop the services they judge by themselves, so what is left here
     * (registry, brokers) has nothing to hand over; one by one, this close took 30 s of ScaleOutIT (the
     * surviving brokers of a 3-voter quorum that lost one, last), all at once 6 s.
     */
    private synchronized void stopAll() {
        List<ServiceProcess> alive = new ArrayList<>();
        while (!started.isEmpty()) {
            ServiceProcess p = started.pop();
            if (p.isAlive()) {
                p.terminate();
                alive.add(p);
            }
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ServiceProcess p : alive) {
            if (!p.waitFor(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warn("{} did not stop within {} of SIGTERM: SIGKILL", p.name(), STOP_GRACE);
                p.kill();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is running or has run
        }
    }
}
